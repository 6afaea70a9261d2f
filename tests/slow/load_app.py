"""The app as gunicorn serves it in the load tests: production code, cheap Argon2id parameters for the WBS
receipts (their cost is measured by `make bench`, not here); the parameters are stored with each report."""
from app import create_app
from core.crypto import KdfParams

app = create_app({"KDF_PARAMS": KdfParams.cheap()})

"""The app as each instance of the multi-instance test serves it: production code, cheap Argon2id, and the
rate-limit keys under a prefix of the test's own (a shared Redis keeps other runs' counters)."""
import os

from app import create_app
from core.crypto import KdfParams

app = create_app({"KDF_PARAMS": KdfParams.cheap(), "RATELIMIT_KEY_PREFIX": os.environ.get("ZI_RATE_PREFIX", "")})

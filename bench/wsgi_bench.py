"""What the benchmarks serve: the application, with the floor route (bench/floor.py) beside it at /_lantai/lantai."""
from bench.floor import served_beside
from wsgi import app as _app

app = served_beside(_app)

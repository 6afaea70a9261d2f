"""WBS fixtures: `team` (the install's first Tim WBS key) lives in tests/conftest.py."""

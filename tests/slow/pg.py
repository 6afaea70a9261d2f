"""A PostgreSQL database of a slow test's own on 127.0.0.1:5432, dropped afterwards (skip when none answers)."""
from __future__ import annotations

import uuid
from contextlib import contextmanager

import pytest

PG = "postgresql://postgres@127.0.0.1:5432"


@contextmanager
def own_database(prefix: str, reason: str = "no PostgreSQL on 127.0.0.1:5432"):
    try:
        import psycopg

        admin = psycopg.connect(PG + "/postgres", autocommit=True, connect_timeout=3)
    except Exception as exc:
        pytest.skip(f"{reason} ({exc.__class__.__name__})")
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()

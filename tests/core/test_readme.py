"""The README is a promise: every `flask <group> <command>` it tells the office to run exists."""
from __future__ import annotations

import re
from pathlib import Path

import click

README = Path(__file__).resolve().parents[2] / "README.md"
# `flask pengaduan tutup-otomatis`, `.venv/bin/flask wbs purge`, "wbs kabar-harian" inside the crontab loop
COMMAND = re.compile(r"flask ([a-z]+) ([a-z][a-z-]+)")
LOOP = re.compile(r'for c in ((?:"[a-z]+ [a-z-]+" ?)+)')


def _named() -> set[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    found = {(g, c) for g, c in COMMAND.findall(text)}
    for loop in LOOP.findall(text):
        found |= {tuple(item.split()) for item in re.findall(r'"([^"]+)"', loop)}
    return found


def test_every_command_the_readme_names_exists(app):
    cli = app.cli
    groups = {name: cmd for name, cmd in cli.commands.items()}
    groups |= {"db": None, "run": None, "shell": None, "routes": None}  # Flask's and Flask-Migrate's own
    named = _named()
    assert len(named) >= 20
    missing = []
    for group, command in sorted(named):
        if group in ("db", "run", "shell", "routes"):
            continue
        grp = groups.get(group)
        if not isinstance(grp, click.Group) or command not in grp.commands:
            missing.append(f"flask {group} {command}")
    assert not missing, missing

"""The lock file `make install` installs from, and `make audit`'s reading of pip-audit."""
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from tools.audit_lock import NOT_REACHED, pinned, verdict

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements.lock"


def test_lock_pins_every_dependency_of_pyproject():
    # `make install` installs the project with --no-deps: a dependency missing from the lock is never installed
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in project["optional-dependencies"].values() for r in extra)]
    pins = pinned(LOCK.read_text(encoding="utf-8"))
    for line in wanted:
        req = Requirement(line)
        name = req.name.lower().replace("_", "-").replace(".", "-")
        assert name in pins, f"{req.name} is not in requirements.lock: run `make lock`"
        assert req.specifier.contains(pins[name], prereleases=True), \
            f"{req.name}=={pins[name]} in the lock does not satisfy {req.specifier}: run `make lock`"
    assert "--hash=sha256:" in LOCK.read_text(encoding="utf-8")


PACKAGES = {"flask": "3.1.3", "jinja2": "3.1.6"}


def _report(*deps):
    return {"dependencies": list(deps), "fixes": []}


def _ok(name, version, vulns=()):
    return {"name": name, "version": version, "vulns": list(vulns)}


def _skipped(name):
    return {"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name}"}


def test_nothing_answered_is_not_a_pass():
    answers = {"pypi": _report(_skipped("flask"), _skipped("jinja2")), "osv": "osv: ConnectionError"}
    status, lines = verdict(PACKAGES, answers, offline_ok=False)
    assert status == 2 and lines[0] == NOT_REACHED
    assert not any("LULUS" in line or "PASSED" in line for line in lines)
    status, lines = verdict(PACKAGES, answers, offline_ok=True)
    assert status == 0 and lines[0] == NOT_REACHED and "non-fatal" in lines[-1]


def test_partly_answered_names_what_was_not_checked():
    answers = {"pypi": _report(_ok("flask", "3.1.3"), _skipped("jinja2")), "osv": "osv: timeout"}
    status, lines = verdict(PACKAGES, answers, offline_ok=False)
    assert status == 2 and lines[0].startswith("TIDAK DIPERIKSA") and "jinja2" in lines[0]


def test_vulnerabilities_fail_even_when_offline_is_allowed():
    vuln = {"id": "PYSEC-2099-1", "fix_versions": ["3.1.7"], "aliases": []}
    answers = {"pypi": _report(_ok("flask", "3.1.3"), _ok("jinja2", "3.1.6", [vuln]))}
    status, lines = verdict(PACKAGES, answers, offline_ok=True)
    assert status == 1 and lines[0].startswith("KERENTANAN DITEMUKAN")
    assert "jinja2 3.1.6: PYSEC-2099-1 (perbaikan / fixed in: 3.1.7)" in lines[1]


def test_all_checked_and_clean_passes_with_its_source():
    answers = {"pypi": _report(_skipped("flask"), _skipped("jinja2")),
               "osv": _report(_ok("flask", "3.1.3"), _ok("jinja2", "3.1.6"))}
    status, lines = verdict(PACKAGES, answers, offline_ok=False)
    assert status == 0 and lines == ["LULUS: tidak ada kerentanan yang diketahui pada 2 paket / PASSED: no known "
                                     "vulnerabilities in 2 packages (sumber / source: osv)"]


def test_make_audit_reads_pip_audit_itself(tmp_path):
    # the real plumbing (subprocess, JSON on stdout) against a stand-in pip_audit that reports one vulnerability
    fake = tmp_path / "pip_audit"
    fake.mkdir()
    (fake / "__init__.py").write_text("")
    report = _report(_ok("flask", "3.1.3", [{"id": "GHSA-xxxx", "fix_versions": []}]), _ok("jinja2", "3.1.6"))
    (fake / "__main__.py").write_text(f"print({json.dumps(json.dumps(report))})\nraise SystemExit(1)\n")
    lock = tmp_path / "requirements.lock"
    lock.write_text("flask==3.1.3 \\\n    --hash=sha256:00\njinja2==3.1.6 \\\n    --hash=sha256:11\n")
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "audit_lock.py"), str(lock), "--offline-ok"],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)}, timeout=60)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "flask 3.1.3: GHSA-xxxx" in proc.stdout

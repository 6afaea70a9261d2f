"""`make audit`: pip-audit against requirements.lock, saying plainly when no vulnerability database answered.

pip-audit prints "No known vulnerabilities found" and exits 0 even when it could look nothing up (every package
skipped because the service did not answer), so this reads its JSON report instead: a package counts as
checked only when a service returned its list of vulnerabilities. Services are asked in turn until every
package is checked.

Exit status: 0 checked and clean; 1 vulnerabilities reported; 2 not (fully) checked — 0 instead with
--offline-ok, for a machine that reaches no vulnerability database (CI here).
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

SERVICES = ("pypi", "osv")
NOT_REACHED = ("TIDAK DIPERIKSA: basis data kerentanan tidak dapat dihubungi / "
               "NOT CHECKED: no vulnerability database could be reached")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", re.M)


def pinned(lock_text: str) -> dict[str, str]:
    """name → version of every package the lock pins."""
    return {_norm(name): version for name, version in PIN.findall(lock_text)}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def ask(service: str, lock: Path, timeout: float) -> dict | str:
    """pip-audit's JSON report from one service, or a sentence saying why there is none."""
    cmd = [sys.executable, "-m", "pip_audit", "-r", str(lock), "--require-hashes", "--disable-pip",
           "-f", "json", "--progress-spinner", "off", "--timeout", "15", "-s", service]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"{service}: tidak menjawab dalam {timeout:.0f} detik / no answer within {timeout:.0f} s"
    try:
        return json.loads(proc.stdout)
    except ValueError:
        last = (proc.stderr.strip().splitlines() or [f"exit {proc.returncode}"])[-1]
        return f"{service}: {last[:300]}"


def read(answers: dict[str, dict | str]) -> tuple[dict[str, str], dict[str, dict[str, dict]], list[str]]:
    """From each service's answer: package → the service that checked it, the vulnerabilities found
    ("name version" → id → details), and a note per service that checked nothing."""
    checked: dict[str, str] = {}
    found: dict[str, dict[str, dict]] = {}
    notes = []
    for service, answer in answers.items():
        if isinstance(answer, str):
            notes.append(f"  {answer}")
            continue
        deps = answer.get("dependencies", [])
        skipped = [dep for dep in deps if "skip_reason" in dep]
        for dep in deps:
            if "skip_reason" not in dep:
                checked.setdefault(_norm(dep["name"]), service)
            for vuln in dep.get("vulns", []):
                found.setdefault(f"{dep['name']} {dep.get('version', '')}", {})[vuln["id"]] = vuln
        if skipped:
            notes.append(f"  {service}: {len(skipped)} dari / of {len(deps)} tanpa jawaban / unanswered "
                         f"({skipped[0]['skip_reason'][:200]})")
    return checked, found, notes


def verdict(packages: dict[str, str], answers: dict[str, dict | str], offline_ok: bool) -> tuple[int, list[str]]:
    """Exit status and the lines to print."""
    checked, found, notes = read(answers)
    unchecked = sorted(set(packages) - set(checked))
    lines, status = [], 0
    if found:
        status = 1
        count = sum(len(v) for v in found.values())
        lines.append(f"KERENTANAN DITEMUKAN / VULNERABILITIES FOUND: {count} pada / in {len(found)} paket / packages")
        for package, vulns in sorted(found.items()):
            for vid, vuln in sorted(vulns.items()):
                fix = ", ".join(vuln.get("fix_versions") or []) or "-"
                lines.append(f"  {package}: {vid} (perbaikan / fixed in: {fix})")
    if not checked:
        lines.append(NOT_REACHED)
    elif unchecked:
        lines.append(f"TIDAK DIPERIKSA / NOT CHECKED: {len(unchecked)} dari / of {len(packages)} paket / packages: "
                     + ", ".join(unchecked[:20]) + (" …" if len(unchecked) > 20 else ""))
    elif not found:
        sources = ", ".join(sorted(set(checked.values())))
        lines.append(f"LULUS: tidak ada kerentanan yang diketahui pada {len(packages)} paket / PASSED: no known "
                     f"vulnerabilities in {len(packages)} packages (sumber / source: {sources})")
    if unchecked:
        lines += notes
        if not found:
            status = 0 if offline_ok else 2
            lines.append("  Jalankan `make audit` di mesin yang terhubung ke internet / run `make audit` where the "
                         "internet is reachable" + (" (tidak fatal di sini / non-fatal here)" if offline_ok else ""))
    return status, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lock", type=Path)
    parser.add_argument("--offline-ok", action="store_true",
                        help="exit 0 when no vulnerability database answered (still 1 on vulnerabilities)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per service")
    args = parser.parse_args(argv)
    packages = pinned(args.lock.read_text(encoding="utf-8"))
    answers: dict[str, dict | str] = {}
    for service in SERVICES:
        answers[service] = ask(service, args.lock, args.timeout)
        if set(packages) <= set(read(answers)[0]):
            break  # every package checked: no need to ask the next service
    status, lines = verdict(packages, answers, args.offline_ok)
    for line in lines:
        print(line)
    return status


if __name__ == "__main__":
    sys.exit(main())

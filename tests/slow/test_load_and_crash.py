"""Nothing lost, under load and through crashes (`make test-slow`).

A real gunicorn on 127.0.0.1 (2 workers × 4 threads) serves 32 concurrent clients submitting complaints
(through the API, and through the web form with a photo), WBS reports (each with an attachment) and survey
answers. Every submission carries its idempotency key, so a client whose connection broke sends it again.

- Load: every acknowledged submission is in the database exactly once; ticket numbers are unique and
  gap-free per year; every report is whole.
- Crash: `kill -9` of the workers in the middle of the load (the master forks new ones), then `kill -9` of
  the master and its workers and a restart on the same port: every submission that received its ticket or
  receipt is there afterwards, and none is half-written — no complaint without its attachment's row and
  file, no WBS report without its key wraps and its sealed file, no survey answer twice.

Bounded in count (500 of each kind under load) and in time (every loop has a deadline); traffic only to
127.0.0.1. On SQLite, and on PostgreSQL (a database of our own) when a server answers.
"""
from __future__ import annotations

import base64
import hashlib
import html
import http.client
import http.cookiejar
import itertools
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.loopback import Gunicorn, free_port

pytestmark = pytest.mark.slow

CLIENTS = 32
# LOAD_SCALE=10 (by hand) sends 5 000 complaints and 5 000 of each other kind on SQLite; the deadline grows with it
_SCALE = float(os.environ.get("LOAD_SCALE", "1"))
DEADLINE_SECONDS = 240 * max(1.0, _SCALE)


def _png() -> bytes:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buf, "PNG")
    return buf.getvalue()


PNG = _png()


# --- the instance -------------------------------------------------------------------------------------------

def _prepare(instance: Path, url: str) -> dict:
    """Migrate, then a WBS officer with a key (reports are wrapped to it) and an open survey."""
    from flask_migrate import upgrade

    from app import create_app
    from core.crypto import KdfParams
    from core.extensions import db
    from tests.conftest import dispose_app
    from tests.factories import make_user
    from tests.skm.conftest import buat_survei
    from wbs import keys

    app = create_app({"INSTANCE_PATH": str(instance), "SQLALCHEMY_DATABASE_URI": url, "KDF_PARAMS": KdfParams.cheap()})
    try:
        with app.app_context():
            if url.startswith("postgresql"):
                from sqlalchemy import text

                db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                db.session.commit()
            upgrade()
            user, _ = make_user(["tim_wbs"])
            keys.enrol_officer(user, "frasa-sandi-wbs-rahasia-1")
            db.session.commit()
            layanan, _ = buat_survei()
            return {"layanan": layanan.kode}
    finally:
        dispose_app(app)


def _env(instance: Path, url: str) -> dict:
    return {**os.environ, "INSTANCE_PATH": str(instance), "DATABASE_URL": url, "HOST": "127.0.0.1",
            "PORT": str(free_port()), "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4", "RATELIMIT_ENABLED": "0",
            "ZI_DEV": "1", "REDIS_URL": "", "FLASK_APP": "wsgi.py"}


# --- the clients --------------------------------------------------------------------------------------------

class Broken(Exception):
    """The connection broke (a crash): the same submission is sent again."""


def _post_json(base: str, path: str, body: dict, *, replay_ok: bool = False) -> dict:
    """`replay_ok`: a 409 (this idempotency key was stored already, e.g. before a crash) is an answer too."""
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            assert resp.status == 201, resp.status
            return json.loads(resp.read())
    except urllib.error.HTTPError as e:
        if e.code in (502, 503, 504):
            raise Broken(e.code)
        if e.code == 409 and replay_ok:
            return json.loads(e.read())
        raise AssertionError(f"{path}: {e.code} {e.read()[:300]!r}")
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout, http.client.HTTPException) as e:
        raise Broken(e)


def _complaint_api(base: str, n: int, key: str) -> str:
    body = {"jenis": "pengaduan", "kategori": "Lainnya", "judul": f"API {n}", "uraian": f"Uraian pengaduan nomor {n}.",
            "anonim": True, "setuju": True, "kunci_idempotensi": key}
    return _post_json(base, "/api/v1/pengaduan", body)["tiket"]


_CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
    for name, (filename, data) in files.items():
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: image/png\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _complaint_web(base: str, n: int, state: dict) -> str:
    """The web form with a photo: form page, confirm step (the photo is staged), send. The confirm page's
    one-time token makes a re-sent «Kirim» the same complaint."""
    try:
        if "send" not in state:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            page = opener.open(base + "/pengaduan/", timeout=30).read().decode()
            fields = {"csrf_token": _CSRF.search(page).group(1), "langkah": "periksa", "jenis": "pengaduan",
                      "kategori": "Lainnya", "judul": f"BERKAS {n}", "uraian": f"Pengaduan dengan foto nomor {n}.",
                      "anonim": "y", "setuju": "y", "website": ""}
            body, ctype = _multipart(fields, {"lampiran": (f"foto-{n}.png", PNG)})
            req = urllib.request.Request(base + "/pengaduan/", data=body, headers={"Content-Type": ctype})
            confirm = opener.open(req, timeout=30).read().decode()
            form = confirm.split('action="/pengaduan/kirim"', 1)[1].split("</form>", 1)[0]
            send = {k: html.unescape(v) for k, v in _HIDDEN.findall(form)}
            send["csrf_token"] = _CSRF.search(form).group(1)
            state.update(send=send, opener=opener)
        data = urllib.parse.urlencode(state["send"]).encode()
        page = state["opener"].open(base + "/pengaduan/kirim", data=data, timeout=30).read().decode()
        return re.search(r'id="tiket">([^<]+)<', page).group(1)
    except urllib.error.HTTPError as e:
        if e.code in (502, 503, 504):
            raise Broken(e.code)
        raise AssertionError(f"web form: {e.code} {e.read()[:300]!r}")
    except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout, http.client.HTTPException) as e:
        if "send" in state and "staged" not in state:
            state["staged"] = True  # a crash may have lost the session's draft; the token still settles it
        raise Broken(e)


def _wbs(base: str, n: int, key: str) -> str:
    body = {"apa": f"Laporan WBS nomor {n}", "jenis": "lainnya", "kunci_idempotensi": key,
            "lampiran": [{"nama": f"bukti-{n}.png", "isi_base64": base64.b64encode(PNG).decode()}]}
    try:
        return _post_json(base, "/api/v1/wbs/laporan", body)["resi"]
    except AssertionError as e:
        # sent again after a crash that hid the answer: the report is kept, and its receipt is never shown
        # twice (it exists only in the first answer)
        if "sudah terkirim" in str(e):
            return ""
        raise


def _gratifikasi(base: str, n: int, key: str) -> str:
    from datetime import date, timedelta

    from tests.gratifikasi.helpers import NIP

    body = {"jenis": "penerimaan", "pelapor_nama": f"Pelapor {n}", "identitas_nomor": NIP, "pelapor_jabatan": "Penyuluh",
            "unit_nama": "Bidang KB", "pelapor_telepon": "+62 812 3456 7890", "pelapor_alamat": "Palembang",
            "pemberi_nama": "PT Maju", "pemberi_hubungan": "rekanan", "tempat_terima": "Kantor", "acara": "hari_raya",
            "bentuk": "barang", "uraian": f"GRATIFIKASI {n}", "nilai": "Rp1.500.000", "kronologi": "Diantar kurir.",
            "posisi_objek": "diserahkan_upg", "tanggal_terima": (date.today() - timedelta(days=2)).isoformat(),
            "kunci_idempoten": key[:64]}
    answer = _post_json(base, "/api/v1/gratifikasi/laporan", body, replay_ok=True)
    # sent again after a crash: the report kept before it is named in the refusal («… dengan nomor GRT-…»)
    return answer.get("nomor") or re.search(r"GRT-\d{4}-\d{6}", answer["pesan"]).group(0)


def _survey(base: str, layanan: str, n: int, key: str) -> str:
    body = {"layanan": layanan, "jawaban": {f"U{i}": 1 + (n + i) % 4 for i in range(1, 10)}, "jenis_kelamin": "L",
            "usia": 20 + n % 50, "pendidikan": "SMA", "pekerjaan": "PNS", "saran": f"saran {n}", "token": key}
    _post_json(base, "/api/v1/skm/respon", body)
    return key


def _run_load(server: Gunicorn, layanan: str, counts: dict[str, int], during=None) -> dict:
    """Send every job from 32 threads; a broken job is sent again (same key) until acknowledged or the
    deadline. `during(sent)` is called by one thread as the load goes on (the crash). Returns the
    acknowledgements per kind."""
    jobs = [(kind, i) for kind, n in counts.items() for i in range(n)]
    jobs.sort(key=lambda j: (j[1], j[0]))  # interleaved kinds
    acked: dict[str, list] = {kind: [] for kind in counts}
    lock = threading.Lock()
    sent = itertools.count()
    deadline = time.monotonic() + DEADLINE_SECONDS
    broken = Counter()

    def one(job):
        kind, i = job
        key = uuid.uuid4().hex + uuid.uuid4().hex[:8]
        state: dict = {}
        while time.monotonic() < deadline:
            try:
                if kind == "web":
                    result = _complaint_web(server.base, i, state)
                elif kind == "api":
                    result = _complaint_api(server.base, i, key)
                elif kind == "wbs":
                    result = _wbs(server.base, i, key)
                elif kind == "grt":
                    result = _gratifikasi(server.base, i, key)
                else:
                    result = _survey(server.base, layanan, i, key)
            except Broken:
                with lock:
                    broken[kind] += 1
                time.sleep(0.3)
                continue
            with lock:
                acked[kind].append((i, result))
            n = next(sent)
            if during is not None:
                during(n)
            return
        raise AssertionError(f"{kind} {i} not acknowledged before the deadline")

    with ThreadPoolExecutor(CLIENTS) as pool:
        for f in [pool.submit(one, job) for job in jobs]:
            f.result()
    return {"acked": acked, "broken": dict(broken)}


# --- the checks ---------------------------------------------------------------------------------------------

def _check(instance: Path, url: str, acked: dict[str, list], *, crashed: bool) -> dict:
    from app import create_app
    from core.attachments import attachments_of, read_attachment
    from core.crypto import KdfParams
    from core.extensions import db
    from gratifikasi.models import LaporanGratifikasi
    from pengaduan.models import Pengaduan
    from skm.models import SkmRespon
    from tests.conftest import dispose_app
    from wbs import service as wbs_service
    from wbs.models import WbsAttachment, WbsKeyWrap, WbsReport

    app = create_app({"INSTANCE_PATH": str(instance), "SQLALCHEMY_DATABASE_URI": url, "KDF_PARAMS": KdfParams.cheap()})
    uploads = Path(app.config["UPLOAD_FOLDER"])
    try:
        with app.app_context():
            rows = {p.tiket: p for p in db.session.scalars(select(Pengaduan))}
            tickets = [t for kind in ("api", "web") for _, t in acked.get(kind, [])]
            assert len(tickets) == len(set(tickets)), "one ticket acknowledged twice"
            missing = set(tickets) - rows.keys()
            assert not missing, f"acknowledged but not stored: {sorted(missing)[:5]}"
            if not crashed:
                assert len(rows) == len(tickets)
            # exactly once: one row per submission (its title names it)
            titles = Counter(p.judul for p in rows.values())
            assert all(n == 1 for n in titles.values()), [t for t, n in titles.items() if n > 1][:5]
            by_year: dict[int, list[int]] = {}
            for t in rows:
                _, year, seq = t.split("-")
                by_year.setdefault(int(year), []).append(int(seq))
            for year, seqs in by_year.items():
                assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"gaps in {year}"
            photos = 0
            for p in rows.values():
                if p.judul.startswith("BERKAS"):
                    atts = attachments_of("pengaduan", p.id)
                    assert len(atts) == 1, (p.tiket, len(atts))
                    data = read_attachment(atts[0])  # the file is on disk and is the one the row names
                    assert hashlib.sha256(data).hexdigest() == atts[0].sha256
                    photos += 1
            reports = db.session.scalars(select(WbsReport)).all()
            receipts = [r for _, r in acked.get("wbs", []) if r]  # "": kept, receipt shown only the first time
            assert len(receipts) == len(set(receipts))
            assert len(reports) >= len(acked.get("wbs", [])) and (crashed or len(reports) == len(receipts))
            wraps = Counter(db.session.scalars(select(WbsKeyWrap.report_id)))
            files = Counter(db.session.scalars(select(WbsAttachment.report_id)))
            for r in reports:
                assert wraps[r.id] >= 1, f"WBS report {r.id} without a key wrap"
                assert r.resi_wrap, f"WBS report {r.id} without its receipt wrap"
                assert files[r.id] == 1, f"WBS report {r.id} with {files[r.id]} attachments"
            stored_names = list(db.session.scalars(select(WbsAttachment.stored_name)))
            on_disk = {p.name for p in uploads.rglob("*") if p.is_file()}
            assert set(stored_names) <= on_disk, "a sealed WBS file is missing"
            for receipt in receipts[:: max(1, len(receipts) // 25)]:  # ~25 receipts opened again
                box = wbs_service.open_mailbox(receipt)
                assert box.isian and box.isian[0][1].startswith("Laporan WBS nomor")
                db.session.rollback()
            answers = db.session.scalar(select(func.count(SkmRespon.id)))
            tokens = [k for _, k in acked.get("skm", [])]
            stored_tokens = set(db.session.scalars(select(SkmRespon.token)))
            assert set(tokens) <= stored_tokens and (crashed or answers == len(tokens))
            assert answers == len(stored_tokens)  # a token is one row
            numbers = list(db.session.scalars(select(LaporanGratifikasi.nomor)))
            acked_numbers = [nomor for _, nomor in acked.get("grt", [])]
            assert len(acked_numbers) == len(set(acked_numbers)) and set(acked_numbers) <= set(numbers)
            assert crashed or len(numbers) == len(acked_numbers)
            seqs = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
            assert seqs == list(range(1, len(seqs) + 1)), "gaps in the gratifikasi numbers"
            return {"complaints": len(rows), "photos": photos, "wbs": len(reports), "skm": answers,
                    "gratifikasi": len(numbers)}
    finally:
        dispose_app(app)


# --- the tests ----------------------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'instance' / 'beban.db'}"
        return
    from tests.slow.pg import own_database

    with own_database("test_trust_beban") as url:
        yield url


def _server(tmp_path: Path, url: str) -> tuple[Gunicorn, str]:
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    layanan = _prepare(instance, url)["layanan"]
    server = Gunicorn("tests.slow.load_app:app", _env(instance, url))
    return server, layanan


# 5 000 complaints on SQLite (the figure) beside 500 of each other kind; half of those on PostgreSQL,
# whose run repeats the same proof (the suite stays minutes)
LOAD = {db: {kind: int(n * _SCALE) for kind, n in counts.items()} for db, counts in {
    "sqlite": {"api": 4000, "web": 1000, "wbs": 500, "skm": 500, "grt": 500},
    "postgresql": {"api": 200, "web": 50, "wbs": 250, "skm": 250, "grt": 150}}.items()}
CRASH = {"api": 150, "web": 50, "wbs": 150, "skm": 150, "grt": 100}


def test_concurrent_submissions_are_all_kept_once(tmp_path, backend):
    counts = LOAD[backend.split(":")[0]]
    server, layanan = _server(tmp_path, backend)
    server.start().wait()
    try:
        started = time.monotonic()
        result = _run_load(server, layanan, counts)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    figures = _check(Path(server.env["INSTANCE_PATH"]), backend, result["acked"], crashed=False)
    print(f"\nbeban {backend.split(':')[0]}: {figures} dalam {elapsed:.0f} s, putus {result['broken']}")
    assert figures == {"complaints": counts["api"] + counts["web"], "photos": counts["web"], "wbs": counts["wbs"],
                       "skm": counts["skm"], "gratifikasi": counts["grt"]}


def test_kill_9_during_load_loses_nothing_acknowledged(tmp_path, backend):
    server, layanan = _server(tmp_path, backend)
    server.start().wait()
    faults: list[str] = []
    lock = threading.Lock()

    def crash(sent: int) -> None:
        # after 150 acknowledgements: the workers; after 300: the master and everything with it
        with lock:
            if sent >= 150 and not faults:
                faults.append(f"kill -9 {server.kill_workers()} workers")
            elif sent >= 300 and len(faults) == 1:
                faults.append("kill -9 master")
                server.kill_all()
                server.start().wait()  # the same port, the same instance
                faults.append("restarted")

    try:
        result = _run_load(server, layanan, CRASH, during=crash)
    finally:
        server.stop()
    assert len(faults) == 3, faults
    figures = _check(Path(server.env["INSTANCE_PATH"]), backend, result["acked"], crashed=True)
    print(f"\ncrash {backend.split(':')[0]}: {faults}; {figures}; putus {result['broken']}")
    acked = {kind: len(v) for kind, v in result["acked"].items()}
    assert acked == CRASH

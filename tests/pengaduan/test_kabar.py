"""Who gets which e-mail in a complaint's life, delivered through `flask outbox kirim` to a real SMTP server on
127.0.0.1: exactly the expected messages to the right people, no tracking code, no rahasia content; the
officers' own switch and the office's defaults; the daily reminders; a refused address shown to the officer."""
from __future__ import annotations

from datetime import date

import pytest

from core.extensions import db
from core.models import Outbox, Role
from pengaduan import kabar, service
from tests.conftest import csrf_from
from tests.factories import make_unit, make_user
from tests.pengaduan.helpers import submit

SECRET_WORDS = ("Pungli loket tujuh", "Rp300.000", "Budi Santoso", "kasir berinisial AS", "tindak lanjut rahasia",
                "jawaban rahasia")


@pytest.fixture
def app_config(smtp):
    return smtp.config()

def send(app) -> str:
    result = app.test_cli_runner().invoke(args=["outbox", "kirim"])
    assert result.exit_code == 0, result.output
    return result.output


def everything(msg) -> str:
    return "\n".join([str(msg["Subject"]), msg.get_body(("plain",)).get_content(),
                      msg.get_body(("html",)).get_content()])


def test_a_rahasia_complaint_from_receipt_to_answer(app, smtp):
    with app.app_context():
        petugas, _ = make_user([Role.petugas_pengaduan], email="petugas@kantor.go.id")
        other, _ = make_user([Role.petugas_pengaduan], email="petugas2@kantor.go.id")
        unit = make_unit()
        pj, _ = make_user([Role.unit], email="pj.kb@kantor.go.id", unit=unit)
        make_user([Role.unit], email="pj.lain@kantor.go.id", unit=make_unit("UM", "Bagian Umum"))
        make_user([Role.pimpinan], email="pimpinan@kantor.go.id")
        db.session.commit()
        p, code = submit(rahasia=True, email="budi@contoh.id", judul="Pungli loket tujuh",
                         uraian="Saya diminta Rp300.000 oleh kasir berinisial AS di loket tujuh.")
        service.verifikasi(p, petugas, "normatif")
        service.disposisi(p, petugas, unit.id)
        service.tindak_lanjut(p, pj, "Isi tindak lanjut rahasia dari unit.")
        service.jawab(p, petugas, "Isi jawaban rahasia untuk pelapor.")
        tiket = p.tiket
        db.session.commit()
    assert "Terkirim 8" in send(app)
    got = {addr: [m["Subject"] for m in smtp.to(addr)] for addr in
           ("budi@contoh.id", "petugas@kantor.go.id", "petugas2@kantor.go.id", "pj.kb@kantor.go.id")}
    assert got == {
        "budi@contoh.id": [f"Pengaduan {tiket} diterima", f"Status pengaduan {tiket}: Diverifikasi",
                           f"Status pengaduan {tiket}: Didisposisikan", f"Status pengaduan {tiket}: Ditindaklanjuti",
                           f"Pengaduan {tiket} telah dijawab"],
        "petugas@kantor.go.id": [f"Pengaduan baru {tiket}"],
        "petugas2@kantor.go.id": [f"Pengaduan baru {tiket}"],
        "pj.kb@kantor.go.id": [f"Disposisi pengaduan {tiket}"],
    }
    assert len(smtp.received) == 8  # nobody else: not the other unit, not the leadership
    for r in smtp.received:
        text = everything(r.message)
        assert code not in text and code.replace("-", "") not in text
        assert not [w for w in SECRET_WORDS if w in text], text
        assert tiket in text
    receipt = smtp.to("budi@contoh.id")[0].get_body(("plain",)).get_content()
    assert "https://lapor.contoh.go.id/pengaduan/lacak" in receipt and "gratis" in receipt
    answer = smtp.to("budi@contoh.id")[-1].get_body(("plain",)).get_content()
    assert "Ombudsman" in answer
    alert = smtp.to("pj.kb@kantor.go.id")[0].get_body(("plain",)).get_content()
    assert "https://lapor.contoh.go.id/admin/pengaduan/" in alert
    assert "Terkirim 0" in send(app)  # a second run sends nothing again


def test_the_reporter_who_wrote_in_english_is_answered_in_english(app, smtp):
    with app.app_context():
        with app.test_request_context("/pengaduan/", headers={"Accept-Language": "en"}):
            p, _ = submit(email="jane@example.org")
        assert p.bahasa == "en"
        petugas, _ = make_user([Role.petugas_pengaduan], email="petugas@kantor.go.id")
        service.minta_lengkapi(p, petugas, "Lampirkan foto antrean.")
        db.session.commit()
    send(app)
    receipt, more = smtp.to("jane@example.org")
    assert receipt["Subject"].startswith("Complaint PGD-") and receipt["Subject"].endswith(" received")
    body = receipt.get_body(("plain",)).get_content()
    assert "Dear Sir or Madam," in body and "free of charge" in body and "please do not reply" in body
    assert receipt["Content-Language"] == "en"
    assert "needs more information" in more["Subject"] and "foto antrean" not in everything(more)


def test_an_anonymous_reporter_gets_no_mail(app, smtp):
    with app.app_context():
        make_user([Role.petugas_pengaduan], email="petugas@kantor.go.id")
        p, _ = submit(anonim=True, nama="", email="diam@contoh.id")
        db.session.commit()
    send(app)
    assert smtp.to("diam@contoh.id") == [] and len(smtp.to("petugas@kantor.go.id")) == 1


def test_the_reporter_writing_back_alerts_the_complaint_officers(app, smtp):
    with app.app_context():
        petugas, _ = make_user([Role.petugas_pengaduan], email="petugas@kantor.go.id")
        p, _ = submit(email="budi@contoh.id")
        service.verifikasi(p, petugas, "ringan")
        service.jawab(p, petugas, "Sudah kami perbaiki.")
        service.tanggapan_pelapor(p, "Belum, antrean masih lama kemarin.")
        tiket = p.tiket
        db.session.commit()
    send(app)
    subjects = [m["Subject"] for m in smtp.to("petugas@kantor.go.id")]
    assert subjects == [f"Pengaduan baru {tiket}", f"Pelapor menanggapi pengaduan {tiket}"]
    assert "antrean masih lama" not in everything(smtp.to("petugas@kantor.go.id")[1])


def test_an_officer_switches_their_alerts_and_the_office_sets_the_defaults(app, smtp, login_as):
    off = login_as("petugas_pengaduan", email="sibuk@kantor.go.id")
    page = off.get("/admin/pemberitahuan").get_data(as_text=True)
    assert "Ikuti pengaturan kantor" in page
    resp = off.post("/admin/pemberitahuan", data={"csrf_token": csrf_from(page), "pilihan": "tidak"})
    assert resp.status_code == 302
    admin = login_as("admin")
    page = admin.get("/admin/pengaturan").get_data(as_text=True)
    assert "Pemberitahuan surel untuk petugas" in page
    with app.app_context():
        make_user([Role.petugas_pengaduan], email="rajin@kantor.go.id")
        keen, _ = make_user([Role.unit], email="unit.rajin@kantor.go.id")
        keen.kabar_surel = True
        quiet, _ = make_user([Role.unit], email="unit.bawaan@kantor.go.id", unit=keen.unit)
        db.session.commit()
        form = {"nama": "Kantor Uji", "nama_singkat": "ZI Lapor", "template_nomor": "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}",
                "kode_jabatan": "KPW", "kka": "PP.01", "kabar_petugas_pengaduan": "y", "kabar_upg": "y",
                "kabar_tim_wbs": "y"}  # the unit's default switched off
        unit_id = keen.unit_id
    resp = admin.post("/admin/pengaturan", data={"csrf_token": csrf_from(page), **form})
    assert resp.status_code == 302
    with app.app_context():
        p, _ = submit(email="budi@contoh.id")
        petugas, _ = make_user([Role.petugas_pengaduan], email="verifikator@kantor.go.id")
        service.verifikasi(p, petugas, "ringan")
        service.disposisi(p, petugas, unit_id)
        db.session.commit()
    send(app)
    assert smtp.to("sibuk@kantor.go.id") == [] and len(smtp.to("rajin@kantor.go.id")) == 1
    assert len(smtp.to("unit.rajin@kantor.go.id")) == 1 and smtp.to("unit.bawaan@kantor.go.id") == []


def test_the_daily_reminders(app, smtp, monkeypatch):
    # run on Monday 23 November 2026; Tuesday 24 is the next working day
    def on(day):
        monkeypatch.setattr(service, "local_today", lambda: day)

    with app.app_context():
        petugas, _ = make_user([Role.petugas_pengaduan], email="petugas@kantor.go.id")
        unit = make_unit()
        pj, _ = make_user([Role.unit], email="pj.kb@kantor.go.id", unit=unit)
        on(date(2026, 11, 20))
        later, _ = submit(email="a@contoh.id")  # verification by Wednesday 25: not yet
        on(date(2026, 11, 19))
        near, _ = submit(email="b@contoh.id")  # verification by Tuesday 24: the officers are reminded
        at_unit, _ = submit(email="c@contoh.id")
        service.verifikasi(at_unit, petugas, "ringan")
        service.disposisi(at_unit, petugas, unit.id)
        at_unit.batas = date(2026, 11, 25)  # the unit's follow-up within 2 HK: the unit is reminded
        on(date(2026, 11, 10))
        answered, _ = submit(email="d@contoh.id")
        service.verifikasi(answered, petugas, "ringan")
        service.disposisi(answered, petugas, unit.id)
        service.tindak_lanjut(answered, pj, "Sudah.")
        service.jawab(answered, petugas, "Jawaban.")  # the reply window: 10 HK, to Tuesday 24
        db.session.commit()
        assert (later.batas, near.batas, answered.batas_tanggapan) == (
            date(2026, 11, 25), date(2026, 11, 24), date(2026, 11, 24))
        tickets = {p.tiket: p for p in (near, at_unit, answered)}
        near_t, unit_t, answered_t = list(tickets)
        db.session.execute(Outbox.__table__.delete())
        db.session.commit()
    for _ in range(2):  # a second run the same day queues nothing more
        result = app.test_cli_runner().invoke(args=["pengaduan", "pengingat", "--tanggal", "2026-11-23"])
        assert result.exit_code == 0, result.output
    send(app)
    assert [m["Subject"] for m in smtp.to("petugas@kantor.go.id")] == [
        f"Tenggat pengaduan {near_t}: 24 November 2026"]
    assert [m["Subject"] for m in smtp.to("pj.kb@kantor.go.id")] == [
        f"Tenggat tindak lanjut pengaduan {unit_t}: 25 November 2026"]
    assert [m["Subject"] for m in smtp.to("d@contoh.id")] == [
        f"Pengaduan {answered_t}: batas tanggapan 24 November 2026"]
    assert len(smtp.received) == 3


def test_a_refused_address_is_shown_to_the_complaint_officer(app, smtp, login_as):
    smtp.handler.refuse["salah.ketik@contoh.id"] = "550 5.1.1 No such user"
    client = login_as("petugas_pengaduan")
    with app.app_context():
        p, _ = submit(email="salah.ketik@contoh.id")
        db.session.commit()
        pid = p.id
    send(app)
    page = client.get(f"/admin/pengaduan/{pid}").get_data(as_text=True)
    assert "Surel tidak terkirim" in page and "Pengaduan PGD-" in page and "550" in page
    assert kabar.LACAK == "/pengaduan/lacak"

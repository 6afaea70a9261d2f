"""What the complaint side says by e-mail (core.mail), and to whom.

- the reporter, when they gave an address and did not choose anonim, in the language they wrote in: the
  receipt, each status change, the answer, the reply window closing (the day before);
- the complaint officers: a new complaint, the reporter wrote, a deadline 1 HK away;
- the unit's officers: a disposition received, its follow-up deadline near (until the unit has acted).

Never the tracking code, never the complaint's words (its title, its text, the officers' or the reporter's
notes): a ticket number, a status word, a date and a link, so a rahasia complaint says no more than another.
"""
from __future__ import annotations

from datetime import date

from flask import has_request_context
from flask_babel import force_locale, get_locale, gettext
from sqlalchemy import select

from core.calendar import add_workdays
from core.mail import alert_officers, enqueue_email
from core.models import Role
from core.workdays import format_tanggal, local_today
from pengaduan.models import Pengaduan
from pengaduan.workflow import PUBLIC_LABEL, WAITING_FOR_REPORTER

LACAK = "/pengaduan/lacak"
TAIL = {
    "id": "Pantau perkembangannya di halaman Lacak Pengaduan dengan nomor tiket dan kode pelacakan Anda "
          "(kode tidak pernah dikirim lewat surel).",
    "en": "Follow it on the complaint tracking page with your ticket number and tracking code (the code is "
          "never sent by e-mail).",
}
# kind -> language -> (subject, text); %(tiket)s, %(tanggal)s, %(status)s, %(tujuan)s filled in
REPORTER = {
    "terima": {
        "id": ("Pengaduan %(tiket)s diterima",
               "Pengaduan Anda diterima dengan nomor tiket %(tiket)s. Verifikasi paling lambat %(tanggal)s. "
               "Layanan ini gratis dan identitas Anda dirahasiakan."),
        "en": ("Complaint %(tiket)s received",
               "Your complaint was received with ticket number %(tiket)s. It will be verified by %(tanggal)s. "
               "This service is free of charge and your identity is kept confidential."),
    },
    "status": {
        "id": ("Status pengaduan %(tiket)s: %(status)s", "Status pengaduan %(tiket)s kini: %(status)s."),
        "en": ("Complaint %(tiket)s: %(status)s", "The status of complaint %(tiket)s is now: %(status)s."),
    },
    "dialihkan": {
        "id": ("Status pengaduan %(tiket)s: %(status)s",
               "Pengaduan %(tiket)s bukan kewenangan kami dan telah dialihkan kepada %(tujuan)s pada %(tanggal)s."),
        "en": ("Complaint %(tiket)s: %(status)s",
               "Complaint %(tiket)s is not within our authority and was forwarded to %(tujuan)s on %(tanggal)s."),
    },
    "minta_lengkapi": {
        "id": ("Pengaduan %(tiket)s perlu dilengkapi",
               "Pengaduan %(tiket)s perlu dilengkapi paling lambat %(tanggal)s. Apa yang perlu dilengkapi "
               "tertulis di halaman pelacakan."),
        "en": ("Complaint %(tiket)s needs more information",
               "Complaint %(tiket)s needs more information by %(tanggal)s. What is needed is written on the "
               "tracking page."),
    },
    "jawab": {
        "id": ("Pengaduan %(tiket)s telah dijawab",
               "Pengaduan %(tiket)s telah dijawab; jawabannya dapat dibaca di halaman pelacakan. Anda dapat "
               "menanggapi sampai %(tanggal)s; setelah itu pengaduan ditutup. Bila tidak puas, Anda dapat "
               "menyampaikannya kepada Ombudsman Republik Indonesia."),
        "en": ("Complaint %(tiket)s has been answered",
               "Complaint %(tiket)s has been answered; the answer is on the tracking page. You may reply until "
               "%(tanggal)s; after that the complaint is closed. If you are not satisfied, you may take it to "
               "the Ombudsman of the Republic of Indonesia."),
    },
    "tawarkan_wbs": {
        "id": ("Pengaduan %(tiket)s: tawaran pemindahan ke WBS",
               "Pengaduan %(tiket)s: kami menawarkan pemindahan ke WBS. Buka halaman pelacakan untuk memilih."),
        "en": ("Complaint %(tiket)s: offer to move it to the WBS",
               "Complaint %(tiket)s: we offer to move it to the whistleblowing system (WBS). Open the tracking "
               "page to choose."),
    },
    "tutup_segera": {
        "id": ("Pengaduan %(tiket)s: batas tanggapan %(tanggal)s",
               "Batas waktu Anda menanggapi pengaduan %(tiket)s berakhir %(tanggal)s. Setelah itu pengaduan "
               "ditutup otomatis."),
        "en": ("Complaint %(tiket)s: reply by %(tanggal)s",
               "Your time to reply to complaint %(tiket)s ends on %(tanggal)s. After that the complaint is "
               "closed automatically."),
    },
}


def language() -> str:
    """The reporter's language at submission: the page's (web, API), else Indonesian."""
    if has_request_context():
        locale = get_locale()
        if locale is not None and locale.language == "en":
            return "en"
    return "id"


def to_reporter(p: Pengaduan, kind: str, key: str) -> None:
    """The e-mail to the reporter for `kind` (REPORTER), if they want mail: an address, not anonim."""
    if not p.email or p.anonim:
        return
    lang = "en" if p.bahasa == "en" else "id"
    day = {"terima": p.batas_verifikasi, "dialihkan": p.dialihkan_tanggal}.get(kind, p.batas_tanggapan)
    with force_locale(lang):
        status = gettext(PUBLIC_LABEL[p.status])
    values = {"tiket": p.tiket, "status": status, "tujuan": p.dialihkan_ke,
              "tanggal": format_tanggal(day, lang) if day else "-"}
    subject, text = REPORTER[kind][lang]
    enqueue_email(p.email, subject % values, f"{text % values}\n\n{TAIL[lang]}", key, lang=lang, link=LACAK)


def reporter_kind(action: str, status: str) -> str:
    if action in REPORTER:
        return action
    return "dialihkan" if status == "dialihkan" else "status"


def _case(p: Pengaduan) -> str:
    return f"/admin/pengaduan/{p.id}"


def new_complaint(p: Pengaduan, kanal: str, entered_by: int | None) -> None:
    alert_officers(Role.petugas_pengaduan, f"Pengaduan baru {p.tiket}",
                   f"Pengaduan baru {p.tiket} masuk melalui kanal {kanal}. Verifikasi paling lambat "
                   f"{format_tanggal(p.batas_verifikasi)}.", f"pengaduan:{p.id}:baru", link=_case(p), skip=entered_by)


def reporter_wrote(p: Pengaduan, row_id: int) -> None:
    alert_officers(Role.petugas_pengaduan, f"Pelapor menanggapi pengaduan {p.tiket}",
                   f"Pelapor menulis pada pengaduan {p.tiket} (status kini {PUBLIC_LABEL[p.status]}). "
                   f"Baca di halaman pengaduan.", f"pengaduan:{p.id}:pelapor:{row_id}", link=_case(p))


def disposition(p: Pengaduan, nomor: str, batas: date) -> None:
    alert_officers(Role.unit, f"Disposisi pengaduan {p.tiket}",
                   f"Pengaduan {p.tiket} didisposisikan kepada unit Anda dengan nota dinas {nomor}. Batas tindak "
                   f"lanjut {format_tanggal(batas)}.", f"pengaduan:{p.id}:disposisi:{nomor}", link=_case(p),
                   unit_id=p.unit_id)


def reminders(today: date | None = None, *, unit_days: int = 2) -> int:
    """The day's reminders (`flask pengaduan pengingat`, daily): the complaint officers' deadline 1 HK away,
    the unit's follow-up deadline within `unit_days` HK, the reporter's reply window ending tomorrow (HK).
    The Outbox's keys carry the deadline, so a re-run sends nothing twice. Returns complaints reminded."""
    from core.extensions import db

    today = today or local_today()
    tomorrow = add_workdays(today, 1)
    count = 0
    # the officers owe the next step (verify, answer) unless the unit holds the case or the reporter's clock runs
    officers = select(Pengaduan).where(Pengaduan.terbuka, Pengaduan.batas == tomorrow,
                                       Pengaduan.status.not_in(WAITING_FOR_REPORTER + ("didisposisikan",)))
    for p in db.session.scalars(officers.order_by(Pengaduan.id)):
        count += bool(alert_officers(
            Role.petugas_pengaduan, f"Tenggat pengaduan {p.tiket}: {format_tanggal(p.batas)}",
            f"Tenggat pengaduan {p.tiket} ({PUBLIC_LABEL[p.status]}) tinggal 1 hari kerja: {format_tanggal(p.batas)}.",
            f"pengaduan:{p.id}:tenggat:{p.batas.isoformat()}", link=_case(p)))
    near = add_workdays(today, unit_days)
    units = select(Pengaduan).where(Pengaduan.terbuka, Pengaduan.unit_id.is_not(None),
                                    Pengaduan.status == "didisposisikan",
                                    Pengaduan.batas >= today, Pengaduan.batas <= near)
    for p in db.session.scalars(units.order_by(Pengaduan.id)):
        count += bool(alert_officers(
            Role.unit, f"Tenggat tindak lanjut pengaduan {p.tiket}: {format_tanggal(p.batas)}",
            f"Tenggat pengaduan {p.tiket} ({PUBLIC_LABEL[p.status]}) sudah dekat: {format_tanggal(p.batas)}.",
            f"pengaduan:{p.id}:tenggat_unit:{p.batas.isoformat()}", link=_case(p), unit_id=p.unit_id))
    closing = select(Pengaduan).where(Pengaduan.status.in_(WAITING_FOR_REPORTER), Pengaduan.batas_tanggapan == tomorrow,
                                      Pengaduan.email.is_not(None), Pengaduan.anonim.is_(False))
    for p in db.session.scalars(closing.order_by(Pengaduan.id)):
        to_reporter(p, "tutup_segera", f"pengaduan:{p.id}:tutup_segera:{p.batas_tanggapan.isoformat()}:email")
        count += 1
    return count

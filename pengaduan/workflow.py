"""The complaint's state machine as data, and the vocabulary shown to reporters and officers.

TRANSITIONS maps (status, action) to (new status or None for "unchanged", roles allowed). One function,
`check`, reads it; every service function goes through it.
"""
from __future__ import annotations

from core.errors import N_, NotAllowed

# who acts: an officer of the complaint team, the person in charge of the unit it was disposed to,
# the reporter (who holds ticket + code), or the system (timers)
PETUGAS, UNIT, PELAPOR, SISTEM = "petugas", "unit", "pelapor", "sistem"

STATUSES = ("diterima", "perlu_dilengkapi", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dijawab",
            "selesai", "ditolak", "diarsipkan")
OPEN = ("diterima", "perlu_dilengkapi", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dijawab")
CLOSED = ("selesai", "ditolak", "diarsipkan")
# the reporter's clock runs, not the office's: never "terlambat" for the officers
WAITING_FOR_REPORTER = ("perlu_dilengkapi", "dijawab")

# what the reporter reads (DOMAIN.md §1); an answered case stays "Ditindaklanjuti" until it closes
PUBLIC_LABEL = {
    "diterima": N_("Diterima"), "perlu_dilengkapi": N_("Perlu Dilengkapi"), "diverifikasi": N_("Diverifikasi"),
    "didisposisikan": N_("Didisposisikan"), "ditindaklanjuti": N_("Ditindaklanjuti"), "dijawab": N_("Ditindaklanjuti"),
    "selesai": N_("Selesai"), "ditolak": N_("Ditolak"), "diarsipkan": N_("Diarsipkan"),
}
OFFICER_LABEL = {**PUBLIC_LABEL, "dijawab": N_("Dijawab (menunggu tanggapan pelapor)")}

ACTION_LABEL = {
    "terima": N_("Pengaduan diterima"),
    "verifikasi": N_("Verifikasi"),
    "minta_lengkapi": N_("Minta pelapor melengkapi"),
    "lengkapi": N_("Pelapor melengkapi"),
    "tolak": N_("Tolak / bukan kewenangan"),
    "disposisi": N_("Disposisi ke unit (nota dinas)"),
    "tindak_lanjut": N_("Catat tindak lanjut unit"),
    "jawab": N_("Jawab pelapor"),
    "tanggapi": N_("Tanggapan pelapor"),
    "tutup": N_("Tutup (selesai)"),
    "tutup_otomatis": N_("Ditutup otomatis"),
    "buka_kembali": N_("Buka kembali"),
    "arsipkan": N_("Arsipkan"),
    "tawarkan_wbs": N_("Tawarkan pindah ke WBS"),
    "pindah_wbs": N_("Dipindahkan ke WBS"),
    "catatan": N_("Catatan internal"),
    "nilai": N_("Penilaian pelapor"),
    "tambah_info": N_("Informasi tambahan dari pelapor"),
}

TRANSITIONS: dict[tuple[str, str], tuple[str | None, frozenset[str]]] = {}


def _allow(froms, action: str, to: str | None, *roles: str) -> None:
    for status in froms:
        TRANSITIONS[(status, action)] = (to, frozenset(roles))


_HANDLING = ("diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti")
_allow(["diterima"], "verifikasi", "diverifikasi", PETUGAS)
_allow(["diterima"], "minta_lengkapi", "perlu_dilengkapi", PETUGAS)
_allow(["perlu_dilengkapi"], "lengkapi", "diterima", PELAPOR)
_allow(["diterima", "perlu_dilengkapi", "diverifikasi"], "tolak", "ditolak", PETUGAS)
_allow(["diverifikasi"], "disposisi", "didisposisikan", PETUGAS)
_allow(["didisposisikan", "ditindaklanjuti"], "tindak_lanjut", "ditindaklanjuti", UNIT, PETUGAS)
_allow(["diverifikasi", "ditindaklanjuti"], "jawab", "dijawab", PETUGAS)
_allow(["dijawab"], "tanggapi", "ditindaklanjuti", PELAPOR)
_allow(["dijawab"], "tutup", "selesai", PETUGAS)
_allow(["dijawab"], "tutup_otomatis", "selesai", SISTEM)
_allow(["perlu_dilengkapi"], "tutup_otomatis", "diarsipkan", SISTEM)
_allow(["selesai"], "buka_kembali", "diverifikasi", PETUGAS)
_allow(["ditolak", "diarsipkan"], "buka_kembali", "diterima", PETUGAS)
_allow(OPEN, "arsipkan", "diarsipkan", PETUGAS)
_allow(_HANDLING, "tawarkan_wbs", None, PETUGAS)
_allow(_HANDLING + ("perlu_dilengkapi",), "pindah_wbs", "diarsipkan", PELAPOR)
_allow(STATUSES, "catatan", None, PETUGAS, UNIT)
_allow(["dijawab", "selesai"], "nilai", None, PELAPOR)
_allow(_HANDLING, "tambah_info", None, PELAPOR)


def check(status: str, action: str, role: str) -> str:
    """The status after `action` by `role`, or NotAllowed with the reason in plain words."""
    rule = TRANSITIONS.get((status, action))
    label = ACTION_LABEL.get(action, action)
    if rule is None:
        raise NotAllowed(f"Tindakan «{label}» tidak dapat dilakukan pada pengaduan berstatus "
                         f"«{OFFICER_LABEL.get(status, status)}».")
    to, roles = rule
    if role not in roles:
        raise NotAllowed(f"Peran Anda tidak berwenang melakukan «{label}» pada pengaduan ini.")
    return to or status


def actions_for(status: str, role: str) -> list[str]:
    return [action for (st, action), (_, roles) in TRANSITIONS.items() if st == status and role in roles]

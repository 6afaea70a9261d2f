"""The complaint's state machine as data (the one shape `core.workflow` defines), and the vocabulary shown to
reporters and officers.

`MACHINE` holds (status, action) → (next status or None for "unchanged", roles, named guards). The service
asks `check()` before it touches a complaint; the case page and the tracking page ask `actions_for()` which
actions to offer, so a rule — a status, a role, a flag such as "already offered to WBS" — lives here, once.
"""
from __future__ import annotations

from core.errors import N_
from core.workflow import StateMachine

# who acts: an officer of the complaint team, the person in charge of the unit it was disposed to,
# the reporter (who holds ticket + code), or the system (timers)
PETUGAS, UNIT, PELAPOR, SISTEM = "petugas", "unit", "pelapor", "sistem"
ACTOR_LABEL = {PETUGAS: N_("petugas"), UNIT: N_("unit"), PELAPOR: N_("pelapor"), SISTEM: N_("sistem")}

STATUSES = ("diterima", "perlu_dilengkapi", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dijawab",
            "selesai", "ditolak", "dialihkan", "diarsipkan")
OPEN = ("diterima", "perlu_dilengkapi", "diverifikasi", "didisposisikan", "ditindaklanjuti", "dijawab")
CLOSED = ("selesai", "ditolak", "dialihkan", "diarsipkan")
# the reporter's clock runs, not the office's: never "terlambat" for the officers
WAITING_FOR_REPORTER = ("perlu_dilengkapi", "dijawab")

# one vocabulary for the reporter, the officers and the bot (DOMAIN.md §1)
PUBLIC_LABEL = {
    "diterima": N_("Diterima"), "perlu_dilengkapi": N_("Perlu Dilengkapi"), "diverifikasi": N_("Diverifikasi"),
    "didisposisikan": N_("Didisposisikan"), "ditindaklanjuti": N_("Ditindaklanjuti"), "dijawab": N_("Dijawab"),
    "selesai": N_("Selesai"), "ditolak": N_("Ditolak"), "dialihkan": N_("Dialihkan"), "diarsipkan": N_("Diarsipkan"),
}
OFFICER_LABEL = PUBLIC_LABEL  # the same words; an officer's page may add a hint (smaller text), never another word
OFFICER_HINT = {"dijawab": N_("menunggu tanggapan pelapor"), "perlu_dilengkapi": N_("menunggu kelengkapan pelapor")}

ACTION_LABEL = {
    "terima": N_("Pengaduan diterima"),
    "verifikasi": N_("Verifikasi"),
    "minta_lengkapi": N_("Minta pelapor melengkapi"),
    "lengkapi": N_("Pelapor melengkapi"),
    "tolak": N_("Tolak (tidak memenuhi syarat)"),
    "alihkan": N_("Alihkan (bukan kewenangan)"),
    "disposisi": N_("Disposisi ke unit (nota dinas)"),
    "tindak_lanjut": N_("Catat tindak lanjut unit"),
    "jawab": N_("Jawab pelapor"),
    "tanggapi": N_("Tanggapan pelapor"),
    "tutup": N_("Tutup (selesai)"),
    "tutup_otomatis": N_("Ditutup otomatis"),
    "buka_kembali": N_("Buka kembali"),
    "arsipkan": N_("Arsipkan"),
    "tandai_duplikat": N_("Tandai duplikat (arsipkan)"),
    "tawarkan_wbs": N_("Tawarkan pindah ke WBS"),
    "pindah_wbs": N_("Dipindahkan ke WBS"),
    "catatan": N_("Catatan internal"),
    "buka_identitas_unit": N_("Buka identitas pelapor untuk unit"),
    "nilai": N_("Penilaian pelapor"),
    "tambah_info": N_("Informasi tambahan dari pelapor"),
}

# the order in which the screens offer the actions
OFFICER_ACTIONS = ("verifikasi", "minta_lengkapi", "disposisi", "tindak_lanjut", "jawab", "tutup", "tawarkan_wbs",
                   "alihkan", "tolak", "arsipkan", "tandai_duplikat", "buka_kembali", "buka_identitas_unit", "catatan")
REPORTER_ACTIONS = ("lengkapi", "tambah_info", "tanggapi", "nilai", "pindah_wbs")

# flags that close an action although the status allows it; each returns why, or None
GUARDS = {
    "belum_ditawarkan_wbs": lambda p: N_("Tawaran pindah ke WBS sudah disampaikan.") if p.tawaran_wbs else None,
    "ditawarkan_wbs": lambda p: (None if p.tawaran_wbs
                                 else N_("Pengaduan ini tidak ditawarkan untuk dipindahkan ke WBS.")),
    "belum_dipindah_wbs": lambda p: (N_("Pengaduan yang sudah dipindahkan ke WBS tidak dapat dibuka kembali.")
                                     if p.dipindah_wbs else None),
    "belum_dinilai": lambda p: (N_("Penanganan pengaduan ini sudah Anda nilai. Terima kasih.")
                                if p.penilaian is not None else None),
    "identitas_belum_dibuka": lambda p: (N_("Identitas pelapor sudah dapat dilihat unit.") if p.identitas_unit
                                         or (p.boleh_diteruskan and not p.anonim) else
                                         N_("Pelapor anonim: identitas tidak diteruskan.") if p.anonim else None),
}

MACHINE = StateMachine(N_("pengaduan"), OFFICER_LABEL, ACTION_LABEL, GUARDS)
_allow = MACHINE.allow

_HANDLING = ("diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti")
_allow(["diterima"], "verifikasi", "diverifikasi", [PETUGAS])
_allow(["diterima"], "minta_lengkapi", "perlu_dilengkapi", [PETUGAS])
_allow(["perlu_dilengkapi"], "lengkapi", "diterima", [PELAPOR])
_allow(["diterima", "perlu_dilengkapi", "diverifikasi"], "tolak", "ditolak", [PETUGAS])
_allow(["diterima", "perlu_dilengkapi", "diverifikasi"], "alihkan", "dialihkan", [PETUGAS])
_allow(["diverifikasi"], "disposisi", "didisposisikan", [PETUGAS])
_allow(["didisposisikan", "ditindaklanjuti"], "tindak_lanjut", "ditindaklanjuti", [UNIT, PETUGAS])
_allow(["diverifikasi", "ditindaklanjuti"], "jawab", "dijawab", [PETUGAS])
_allow(["dijawab"], "tanggapi", "ditindaklanjuti", [PELAPOR])
_allow(["dijawab"], "tutup", "selesai", [PETUGAS])
_allow(["dijawab"], "tutup_otomatis", "selesai", [SISTEM])
_allow(["perlu_dilengkapi"], "tutup_otomatis", "diarsipkan", [SISTEM])
_allow(["selesai"], "buka_kembali", "diverifikasi", [PETUGAS], guards=["belum_dipindah_wbs"])
_allow(["ditolak", "dialihkan", "diarsipkan"], "buka_kembali", "diterima", [PETUGAS], guards=["belum_dipindah_wbs"])
_allow(OPEN, "arsipkan", "diarsipkan", [PETUGAS])
# the same complaint received twice: archived, and left out of the LKE's "harus ditindaklanjuti" (DOMAIN §6)
_allow(OPEN, "tandai_duplikat", "diarsipkan", [PETUGAS])
_allow(_HANDLING, "tawarkan_wbs", None, [PETUGAS], guards=["belum_ditawarkan_wbs"])
_allow(_HANDLING + ("perlu_dilengkapi",), "pindah_wbs", "diarsipkan", [PELAPOR], guards=["ditawarkan_wbs"])
_allow(STATUSES, "catatan", None, [PETUGAS, UNIT])
_allow(OPEN, "buka_identitas_unit", None, [PETUGAS], guards=["identitas_belum_dibuka"])
_allow(["dijawab", "selesai"], "nilai", None, [PELAPOR], guards=["belum_dinilai"])
_allow(_HANDLING, "tambah_info", None, [PELAPOR])

check = MACHINE.check
actions_for = MACHINE.actions_for

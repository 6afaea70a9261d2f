"""The WBS report's state machine as data (DOMAIN.md §2), in the one shape core.workflow defines.

A status change is the action named after the status it leads to (the officers' form posts the new
status); messages and notes are actions that leave the status as it is. Every status change carries a
reason shown to the reporter, and forwarding names where to: those are guards on the proposed change
(`StatusChange`). The service checks this table before acting; the case page and the mailbox ask it
what to offer.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.errors import N_, NotAllowed, catalogue_word
from core.models import Role
from core.workflow import StateMachine

# who acts: an officer of the WBS team, or the reporter (who holds the receipt)
TIM, PELAPOR = Role.tim_wbs.value, "pelapor"

STATUS = {
    "diterima": N_("Diterima"),
    "verifikasi": N_("Verifikasi"),
    "ditindaklanjuti": N_("Ditindaklanjuti"),
    "investigasi": N_("Investigasi"),
    "selesai": N_("Selesai"),
    "tidak_dapat": N_("Tidak Dapat Ditindaklanjuti"),
}
OPEN = ("diterima", "verifikasi", "ditindaklanjuti", "investigasi")
CLOSED = ("selesai", "tidak_dapat")
TUJUAN = {
    "inspektorat": N_("Inspektorat Utama"),
    "apip": N_("APIP (Aparat Pengawasan Intern Pemerintah)"),
    "aph": N_("APH (Aparat Penegak Hukum)"),
}
ACTION_LABELS = {
    **STATUS,
    "pesan_tim": N_("Pesan ke pelapor"),
    "catatan": N_("Catatan internal"),
    "pesan_pelapor": N_("Pesan pelapor"),
}

MIN_ALASAN = 5
ALASAN_KURANG = N_("Tuliskan alasan perubahan status (minimal %(n)s karakter).", n=MIN_ALASAN)
TUJUAN_KURANG = N_("Pilih ke mana laporan diteruskan: Inspektorat, APIP, atau APH.")


@dataclass(frozen=True)
class StatusChange:
    """What an officer proposes: the report's current status, the reason and (forwarding) where to."""

    status: str
    alasan: str
    tujuan: str | None = None


GUARDS = {
    "alasan": lambda change: None if len(change.alasan) >= MIN_ALASAN else ALASAN_KURANG,
    "tujuan": lambda change: None if change.tujuan in TUJUAN else TUJUAN_KURANG,
}
# the form field a guard's refusal belongs to
_GUARD_FIELD = {ALASAN_KURANG: "alasan", TUJUAN_KURANG: "tujuan"}

MACHINE = StateMachine(N_("laporan WBS"), STATUS, ACTION_LABELS, guards=GUARDS)
_REASON = ("alasan",)
MACHINE.allow(["diterima"], "verifikasi", "verifikasi", [TIM], _REASON)
MACHINE.allow(["verifikasi"], "ditindaklanjuti", "ditindaklanjuti", [TIM], ("alasan", "tujuan"))
MACHINE.allow(["ditindaklanjuti"], "investigasi", "investigasi", [TIM], _REASON)
MACHINE.allow(["ditindaklanjuti", "investigasi"], "selesai", "selesai", [TIM], _REASON)
MACHINE.allow(OPEN, "tidak_dapat", "tidak_dapat", [TIM], _REASON)
# the conversation: the reporter and the team write while the report is open; the team's internal notes
# are kept on closed reports too
MACHINE.allow(OPEN, "pesan_tim", None, [TIM])
MACHINE.allow(STATUS, "catatan", None, [TIM])
MACHINE.allow(OPEN, "pesan_pelapor", None, [PELAPOR])


def role_of(user) -> str | None:
    return TIM if user.has_role(Role.tim_wbs) else None


def may(subject, action: str, role: str | None) -> bool:
    """Whether `role` may take `action` on `subject` (a report, or a bare status) now."""
    return MACHINE.can(subject, action, role)


def status_changes(status: str, role: str | None) -> list[str]:
    """The statuses `role` may move a report in `status` to, in the vocabulary's order (the form's choices)."""
    return [s for s in MACHINE.actions_for(status, role, order=STATUS) if s in STATUS]


def forwards(status: str, to: str) -> bool:
    """The change from `status` to `to` forwards the report (it records where to)."""
    rule = MACHINE.table.get((status, to))
    return rule is not None and "tujuan" in rule.guards


def check_status_change(status: str, to: str, role: str | None, alasan: str, tujuan: str | None) -> str:
    """The one place that decides whether a status change is legal; the refusal names the form field."""
    if to not in STATUS or (status, to) not in MACHINE.table:
        raise NotAllowed(N_("Status «%(dari)s» tidak dapat diubah menjadi «%(ke)s».",
                            dari=catalogue_word(STATUS.get(status, status)), ke=catalogue_word(STATUS.get(to, to))),
                         "status")
    try:
        return MACHINE.check(StatusChange(status, alasan, tujuan), to, role)
    except NotAllowed as refusal:
        refusal.field = refusal.field or _GUARD_FIELD.get(refusal.message, "status")
        raise

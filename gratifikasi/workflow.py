"""The UPG's state machine as data (DOMAIN.md §3), in the one shape `core.workflow` defines.

A report is received (diterima), may be sent back to its reporter to complete (perlu_dilengkapi), is
verified (diverifikasi), forwarded to KPK (diteruskan), may be asked by KPK to be completed within 20 HK
(diminta_kpk, PerKPK 1/2026) and completed back, is decided by KPK (ditetapkan) and closed (selesai).
Which path a report takes depends on its kind; that rule lives here, once, as named guards: a refusal has
nothing for KPK to decide on, and a nil report stays with the UPG. The service asks `check` before it acts;
the case page and the tracking page ask `actions_for` which actions to offer.
"""
from __future__ import annotations

from core.errors import N_, catalogue_word
from core.models import User
from core.workflow import StateMachine
from gratifikasi import rules
from gratifikasi.models import STATUS

UPG = "upg"
PELAPOR = "pelapor"  # the reporter, on the tracking page (number + secret code, no account)

# the steps of a report's history ("lapor" is the intake, not a transition)
AKSI_LABEL = {
    "lapor": N_("Laporan diterima"), "verifikasi": N_("Diverifikasi lengkap"),
    "minta_lengkapi": N_("Diminta melengkapi"), "dilengkapi": N_("Dilengkapi pelapor"),
    "teruskan_kpk": N_("Diteruskan ke KPK"), "kpk_minta": N_("KPK meminta kelengkapan"),
    "kpk_dilengkapi": N_("Dilengkapi ke KPK"), "tetapkan": N_("Ditetapkan KPK"), "selesaikan": N_("Selesai"),
}
# the order the case page offers its actions in
ORDER = ("verifikasi", "minta_lengkapi", "dilengkapi", "teruskan_kpk", "tetapkan", "kpk_minta", "kpk_dilengkapi",
         "selesaikan")


def _only(*jenis: str):
    """A guard: the action belongs to the path of these kinds of report only."""
    def guard(lap) -> str | None:
        if lap.jenis in jenis:
            return None
        return N_("Tindakan ini tidak berlaku untuk laporan «%(jenis)s» berstatus «%(status)s».",
                  jenis=catalogue_word(rules.JENIS[lap.jenis]), status=catalogue_word(lap.status_label))
    return guard


GUARDS = {
    "bukan_nihil": _only("penerimaan", "penolakan"),  # a nil report is recorded, never sent to KPK
    "penerimaan": _only("penerimaan"),  # only a gift received has an object KPK decides on
    "penolakan": _only("penolakan"),
    "nihil": _only("nihil"),
}

TABLE = StateMachine(N_("laporan"), STATUS, AKSI_LABEL, GUARDS)
TABLE.allow(["diterima", "perlu_dilengkapi"], "verifikasi", "diverifikasi", [UPG], ["bukan_nihil"])
TABLE.allow(["diterima"], "minta_lengkapi", "perlu_dilengkapi", [UPG])
TABLE.allow(["perlu_dilengkapi"], "dilengkapi", "diterima", [PELAPOR])
TABLE.allow(["diverifikasi"], "teruskan_kpk", "diteruskan", [UPG], ["bukan_nihil"])
TABLE.allow(["diteruskan"], "kpk_minta", "diminta_kpk", [UPG], ["bukan_nihil"])
TABLE.allow(["diminta_kpk"], "kpk_dilengkapi", "diteruskan", [UPG], ["bukan_nihil"])
# what KPK asks may have to come from the reporter: sent through the tracking page, the UPG then forwards it
TABLE.allow(["diminta_kpk"], "dilengkapi", None, [PELAPOR], ["bukan_nihil"])
TABLE.allow(["diteruskan"], "tetapkan", "ditetapkan", [UPG], ["penerimaan"])
TABLE.allow(["ditetapkan"], "selesaikan", "selesai", [UPG], ["penerimaan"])
# a refusal is closed once forwarded (nothing for KPK to decide); a nil report is closed as received
TABLE.allow(["diteruskan"], "selesaikan", "selesai", [UPG], ["penolakan"])
TABLE.allow(["diterima"], "selesaikan", "selesai", [UPG], ["nihil"])


def role_of(actor: User | None) -> str | None:
    """No account: the reporter holding the secret code. An officer acts as the UPG or not at all."""
    if actor is None:
        return PELAPOR
    return UPG if actor.has_role(UPG) else None


def check(lap, aksi: str, actor: User | None) -> str:
    """The status after `aksi` by `actor`, or NotAllowed saying why."""
    return TABLE.check(lap, aksi, role_of(actor))


def actions_for(lap, actor: User | None) -> list[str]:
    """What `actor` may do with the report now, in the case page's order."""
    return TABLE.actions_for(lap, role_of(actor), order=ORDER)

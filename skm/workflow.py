"""The follow-up of a survey result (tindak lanjut) as data, in core's one shape: status, action, role →
next status. The action is named by the status asked for (the screen offers the statuses as choices).

Who owns an action (a unit officer moves only its own unit's) and the written result a «Selesai» needs
are checked by skm.service: the first is about the user, the second about the form's input.
"""
from __future__ import annotations

from core.errors import N_
from core.models import Role
from core.workflow import StateMachine

STATUS_TL = {"rencana": N_("Direncanakan"), "proses": N_("Sedang dikerjakan"), "selesai": N_("Selesai")}

_PENGELOLA, _UNIT = Role.pengelola_skm.value, Role.unit.value

TINDAK_LANJUT = StateMachine(N_("tindak lanjut"), STATUS_TL, STATUS_TL)
# in the order the screen offers them
TINDAK_LANJUT.allow(["rencana"], "proses", "proses", [_PENGELOLA, _UNIT])
TINDAK_LANJUT.allow(["proses"], "selesai", "selesai", [_PENGELOLA, _UNIT])
TINDAK_LANJUT.allow(["rencana"], "selesai", "selesai", [_PENGELOLA])
TINDAK_LANJUT.allow(["proses"], "rencana", "rencana", [_PENGELOLA])
TINDAK_LANJUT.allow(["selesai"], "proses", "proses", [_PENGELOLA])


def peran(user) -> str | None:
    """The role a user acts in on the follow-up: the survey manager's rights include the unit's."""
    for role in (_PENGELOLA, _UNIT):
        if user.has_role(role):
            return role
    return None

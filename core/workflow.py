"""The one shape of every state machine: a table of (state, action, role) → next state, with named guards.

A domain's `workflow.py` builds its `StateMachine` as data; its service asks `check()` before acting and
its screens ask `actions_for()` which buttons to offer, so a rule (a status, a role, a flag such as
"already moved to WBS") lives once, in the table.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Mapping

from core.errors import N_, NotAllowed, catalogue_word

# a guard looks at the object and returns why the action is refused now, or None
Guard = Callable[[object], "str | None"]


@dataclass(frozen=True)
class Transition:
    state: str
    action: str
    target: str | None  # None: the state does not change (a note, a rating)
    roles: frozenset[str]
    guards: tuple[str, ...] = ()


class StateMachine:
    def __init__(self, noun: str, state_labels: Mapping[str, str], action_labels: Mapping[str, str],
                 guards: Mapping[str, Guard] | None = None, state_attr: str = "status"):
        self.noun = noun  # "pengaduan", "laporan WBS": used in refusals
        self.state_labels = state_labels
        self.action_labels = action_labels
        self.guards = dict(guards or {})
        self.state_attr = state_attr
        self.table: dict[tuple[str, str], Transition] = {}

    def allow(self, states: Iterable[str], action: str, target: str | None, roles: Iterable[str],
              guards: Iterable[str] = ()) -> None:
        guards = tuple(guards)
        unknown = [g for g in guards if g not in self.guards]
        if unknown:
            raise KeyError(f"guard tidak dikenal: {unknown}")
        for state in states:
            self.table[(state, action)] = Transition(state, action, target, frozenset(roles), guards)

    # --- reading the table ---------------------------------------------------------------------------

    def _state(self, subject) -> str:
        return subject if isinstance(subject, str) else getattr(subject, self.state_attr)

    def _blocked(self, rule: Transition, subject) -> str | None:
        if isinstance(subject, str):  # a bare state: the guards need the object
            return None
        for name in rule.guards:
            reason = self.guards[name](subject)
            if reason:
                return reason
        return None

    def check(self, subject, action: str, role: str | None) -> str:
        """The state after `action` by `role` on `subject` (an object, or a bare state), or NotAllowed
        with the reason in plain words."""
        state = self._state(subject)
        rule = self.table.get((state, action))
        label = self.action_labels.get(action, action)
        if rule is None:
            raise NotAllowed(N_("Tindakan «%(aksi)s» tidak dapat dilakukan pada %(benda)s berstatus «%(status)s».",
                                aksi=catalogue_word(label), benda=catalogue_word(self.noun),
                                status=catalogue_word(self.state_labels.get(state, state))))
        if role not in rule.roles:
            raise NotAllowed(N_("Peran Anda tidak berwenang melakukan «%(aksi)s» pada %(benda)s ini.",
                                aksi=catalogue_word(label), benda=catalogue_word(self.noun)))
        reason = self._blocked(rule, subject)
        if reason:
            raise NotAllowed(reason)
        return rule.target or state

    def can(self, subject, action: str, role: str | None) -> bool:
        try:
            self.check(subject, action, role)
        except NotAllowed:
            return False
        return True

    def actions_for(self, subject, role: str | None, order: Iterable[str] | None = None) -> list[str]:
        """The actions `role` may take now, in `order` when given (the screen's button order)."""
        state = self._state(subject)
        found = [rule.action for (st, _), rule in self.table.items()
                 if st == state and role in rule.roles and not self._blocked(rule, subject)]
        if order is not None:
            order = list(order)
            return [a for a in order if a in found]
        return found

    def actions(self) -> set[str]:
        return {action for _, action in self.table}

    def states(self) -> set[str]:
        return {state for state, _ in self.table} | {r.target for r in self.table.values() if r.target}

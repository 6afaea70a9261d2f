"""The officers' navigation, by role. Packages register their entries when their blueprint loads."""
from __future__ import annotations

from dataclasses import dataclass

from flask import url_for


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    roles: tuple[str, ...]
    order: int = 50


NAV: list[NavItem] = []


def register_nav(label: str, endpoint: str, roles, order: int = 50) -> None:
    item = NavItem(label, endpoint, tuple(getattr(r, "value", r) for r in roles), order)
    if item not in NAV:
        NAV.append(item)


def nav_for(user) -> list[tuple[str, str]]:
    return [(item.label, url_for(item.endpoint)) for item in sorted(NAV, key=lambda i: (i.order, i.label))
            if user.has_role(*item.roles)]


@dataclass(frozen=True)
class Card:
    """A dashboard figure: `compute()` returns (title, value, note, endpoint or None)."""

    compute: object
    roles: tuple[str, ...]
    order: int = 50


CARDS: list[Card] = []


def register_card(compute, roles, order: int = 50) -> None:
    card = Card(compute, tuple(getattr(r, "value", r) for r in roles), order)
    if card not in CARDS:
        CARDS.append(card)


def cards_for(user) -> list[tuple]:
    return [card.compute() for card in sorted(CARDS, key=lambda c: c.order) if user.has_role(*card.roles)]

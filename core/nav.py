"""The officers' menu and dashboard cards, by role, from the packages the composition root wired."""
from __future__ import annotations

from flask import url_for

from core.registry import CardValue, registry


def nav_for(user) -> list[tuple[str, str]]:
    return [(item.label, url_for(item.endpoint)) for item in registry().nav if user.has_role(*item.roles)]


def cards_for(user) -> list[CardValue]:
    return [card.compute() for card in registry().cards if user.has_role(*card.roles)]

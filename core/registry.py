"""What a package brings to the app, declared as data and wired once by the composition root (`app.py`).

Nothing registers itself at import time: `core` names no package, and the list in `app.py` is the one
place that says which blueprints, officer menu entries, dashboard cards, CLI groups, demo seeders,
anonymous and sessionless paths, settings defaults and account-change hooks the running service has.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Mapping

from flask import Blueprint, Flask, current_app


def _role_values(roles) -> tuple[str, ...]:
    return tuple(getattr(r, "value", r) for r in roles)


@dataclass(frozen=True)
class NavItem:
    """An entry of the officers' menu, shown to holders of one of `roles`."""

    label: str
    endpoint: str
    roles: tuple[str, ...]
    order: int = 50

    def __post_init__(self):
        object.__setattr__(self, "roles", _role_values(self.roles))


@dataclass(frozen=True)
class Card:
    """A dashboard figure: `compute()` returns a `CardValue`."""

    compute: Callable[[], "CardValue"]
    roles: tuple[str, ...]
    order: int = 50

    def __post_init__(self):
        object.__setattr__(self, "roles", _role_values(self.roles))


@dataclass(frozen=True)
class CardValue:
    title: str
    value: object
    note: str = ""
    endpoint: str | None = None
    warning: bool = False  # something is overdue: the card is styled as a warning, in every language


@dataclass(frozen=True)
class Package:
    name: str
    blueprints: tuple[Blueprint, ...] = ()
    nav: tuple[NavItem, ...] = ()
    cards: tuple[Card, ...] = ()
    cli: tuple = ()  # click groups
    demo_seed: Callable | None = None  # function(units: dict[str, Unit]) -> list[str] | None
    anonymous_paths: tuple[str, ...] = ()  # no address, agent or exact time kept (core.security)
    sessionless_paths: tuple[str, ...] = ()  # no server session read or written (core.sessions)
    settings: Mapping[str, object] = field(default_factory=dict)  # defaults of the package's settings
    # called as hook(user, actor) in the same transaction when an account's roles or activity change
    # (core.accounts), e.g. WBS revokes the key of whoever left the team
    on_user_changed: tuple[Callable, ...] = ()
    # Outbox channels (core.delivery): each `factory(app)` is a context manager giving the channel, or None when
    # it is not configured; `flask outbox kirim` drains them all in one loop
    channels: tuple[Callable, ...] = ()


@dataclass
class Registry:
    packages: list[Package]

    @cached_property
    def nav(self) -> list[NavItem]:
        return sorted((n for p in self.packages for n in p.nav), key=lambda n: (n.order, n.label))

    @cached_property
    def cards(self) -> list[Card]:
        return sorted((c for p in self.packages for c in p.cards), key=lambda c: c.order)

    @cached_property
    def demo_seeders(self) -> list[Callable]:
        return [p.demo_seed for p in self.packages if p.demo_seed]

    @cached_property
    def anonymous_paths(self) -> tuple[str, ...]:
        return tuple(path for p in self.packages for path in p.anonymous_paths)

    @cached_property
    def sessionless_paths(self) -> tuple[str, ...]:
        return tuple(path for p in self.packages for path in p.sessionless_paths)

    @cached_property
    def user_changed_hooks(self) -> tuple[Callable, ...]:
        return tuple(hook for p in self.packages for hook in p.on_user_changed)

    @cached_property
    def channels(self) -> tuple[Callable, ...]:
        return tuple(factory for p in self.packages for factory in p.channels)

    @cached_property
    def settings(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for p in self.packages:
            out.update(p.settings)
        return out


KEY = "zi_lapor.registry"


def wire(app: Flask, packages: Iterable[Package]) -> Registry:
    from core.security import ANONYMOUS_PREFIXES

    registry = Registry(list(packages))
    app.extensions[KEY] = registry
    ANONYMOUS_PREFIXES.update(registry.anonymous_paths)
    for package in registry.packages:
        for bp in package.blueprints:
            app.register_blueprint(bp)
        for group in package.cli:
            app.cli.add_command(group)
    return registry


def registry() -> Registry:
    return current_app.extensions[KEY]

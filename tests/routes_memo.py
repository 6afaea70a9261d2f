"""Speed for the suite only: every test builds a fresh app, and Werkzeug compiles each of its ~160 URL rules'
builders from an AST each time (85 % of create_app, about 0.2 s × 1 000 tests per run). The builder's code
is a pure function of the rule, its parsed trace, its defaults and converters, and whether unknown
arguments are appended, so the compiled function is kept for that key and bound to each new Rule."""
from __future__ import annotations

from werkzeug.routing.rules import Rule

_compile = Rule._compile_builder
_cache: dict = {}


def _settings(conv) -> str:
    return repr(sorted((k, v) for k, v in vars(conv).items() if k != "map"))  # a new Map per app


def _key(rule: Rule, append_unknown: bool):
    return (rule.rule, append_unknown, tuple(rule._trace), repr(sorted((rule.defaults or {}).items())),
            tuple(sorted((name, type(conv).__qualname__, _settings(conv)) for name, conv in rule._converters.items())))


def _compile_builder(self: Rule, append_unknown: bool = True):
    key = _key(self, append_unknown)
    if (func := _cache.get(key)) is None:
        func = _cache[key] = _compile(self, append_unknown)
    return func


def install() -> None:
    Rule._compile_builder = _compile_builder

"""The suite's kept URL builders (tests/routes_memo.py) are the ones Werkzeug would compile afresh for this
app's every rule: a key that missed an input (after a Werkzeug upgrade, say) would build wrong URLs."""
from tests import routes_memo


def _code(func):
    c = func.__code__
    return c.co_code, c.co_consts, c.co_names, c.co_varnames, func.__defaults__


def test_every_kept_builder_is_the_fresh_one(app):
    rules = list(app.url_map.iter_rules())
    assert len(rules) > 100
    for rule in rules:
        for append_unknown in (False, True):
            assert _code(rule._compile_builder(append_unknown)) == _code(routes_memo._compile(rule, append_unknown)), rule

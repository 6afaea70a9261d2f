"""Every officer route refuses anonymous visitors and roles it is not meant for."""
import re

import pytest

from core.models import Role

OPEN = {"admin.login", "admin.login_totp", "admin.enrol_totp", "admin.totp_qr", "admin.logout"}


def _admin_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin.") and rule.endpoint not in OPEN:
            url = re.sub(r"<[^>]+>", "1", rule.rule)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule.endpoint, url, method


def test_every_admin_route_refuses_anonymous(app, client):
    rules = list(_admin_rules(app))
    assert len(rules) >= 8
    for endpoint, url, method in rules:
        resp = client.open(url, method=method)
        assert resp.status_code in (302, 400, 401, 403), (endpoint, resp.status_code)
        if resp.status_code == 302:
            assert "/admin/masuk" in resp.headers["Location"], endpoint


def test_every_admin_route_declares_its_roles(app):
    for endpoint, _, _ in _admin_rules(app):
        assert getattr(app.view_functions[endpoint], "_roles", None), f"{endpoint} has no @role_required"


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_wrong_role_gets_403(app, login_as, role):
    client = login_as(role)
    for endpoint, url, method in _admin_rules(app):
        allowed = {getattr(r, "value", r) for r in app.view_functions[endpoint]._roles}
        if role in allowed or method != "GET":
            continue
        resp = client.get(url)
        assert resp.status_code == 403, (role, endpoint, resp.status_code)


def test_a_view_without_roles_is_closed(tmp_path, database_url):
    from app import create_app
    from tests.conftest import base_config

    app = create_app(base_config(tmp_path, database_url))
    # an officer page that forgot @role_required: the admin guard must refuse it, even to an admin
    app.add_url_rule("/admin/lupa-peran", endpoint="admin.lupa_peran", view_func=lambda: "terbuka")
    with app.app_context():
        from tests.factories import make_user

        user, secret = make_user(["admin"])
        email = user.email
    from tests.conftest import login

    client = app.test_client()
    login(client, email, totp_secret=secret)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/lupa-peran").status_code == 403
    from tests.conftest import dispose_app

    dispose_app(app)  # this extra app has its own pools: close them, or a later test gets the warning

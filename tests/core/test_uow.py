"""The unit of work: one transaction per request, command and job, committed or rolled back in core."""
import pytest
from flask import Blueprint
from sqlalchemy import func, select

from core.errors import DomainError, NotAllowed
from core.extensions import db
from core.models import Setting
from core.uow import keep_after_refusal, on_commit, on_rollback, unit_of_work
from core.web import attempt
from core.workflow import StateMachine


def _count(app, key):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Setting).where(Setting.key == key))


@pytest.fixture
def uow_app(tmp_path, database_url):
    from app import create_app
    from tests.conftest import base_config, dispose_app

    app = create_app({**base_config(tmp_path, database_url), "WTF_CSRF_ENABLED": False})
    bp = Blueprint("uji_uow", __name__)

    @bp.post("/uji/<int:status>/<key>")
    def write(status, key):
        db.session.add(Setting(key=key, value=1))
        db.session.flush()
        return "ok", status

    @bp.post("/uji/tolak/<key>")
    def refused(key):
        def service():
            db.session.add(Setting(key=key, value=1))
            db.session.flush()
            raise DomainError("Tidak boleh.")
        ok, _ = attempt(service)
        return ("ditolak" if not ok else "?"), 200  # a page shown again: 200, yet nothing kept

    @bp.post("/uji/jejak/<key>")
    def keep(key):
        db.session.add(Setting(key=key + "-batal", value=1))
        keep_after_refusal(lambda: db.session.add(Setting(key=key, value=1)))
        return "ditolak", 401

    app.register_blueprint(bp)
    yield app
    dispose_app(app)


@pytest.mark.parametrize("status,kept", [(200, 1), (303, 1), (400, 0), (409, 0), (500, 0)])
def test_a_request_commits_only_when_it_succeeds(uow_app, status, kept):
    uow_app.test_client().post(f"/uji/{status}/k{status}")
    assert _count(uow_app, f"k{status}") == kept


def test_a_refusal_rolls_back_even_on_a_200_page(uow_app):
    resp = uow_app.test_client().post("/uji/tolak/x")
    assert resp.get_data(as_text=True) == "ditolak"
    assert _count(uow_app, "x") == 0


def test_an_audit_line_outlives_the_refusal_only_when_kept_on_purpose(uow_app):
    uow_app.test_client().post("/uji/jejak/y")
    assert _count(uow_app, "y") == 1
    assert _count(uow_app, "y-batal") == 0


def test_unit_of_work_commits_or_rolls_back_and_runs_hooks(app):
    seen = []
    with app.app_context():
        with unit_of_work():
            db.session.add(Setting(key="a", value=1))
            on_commit(lambda: seen.append("commit"))
            on_rollback(lambda: seen.append("rollback-a"))
        with pytest.raises(RuntimeError), unit_of_work():
            db.session.add(Setting(key="b", value=1))
            on_commit(lambda: seen.append("commit-b"))
            on_rollback(lambda: seen.append("rollback"))
            raise RuntimeError("gagal di tengah")
    assert seen == ["commit", "rollback"]
    assert _count(app, "a") == 1 and _count(app, "b") == 0


def test_every_cli_command_is_one_unit_of_work(app):
    from core.cli import CommandGroup

    group = CommandGroup("uji")

    @group.command("tulis")
    def tulis():
        db.session.add(Setting(key="cli", value=1))

    @group.command("gagal")
    def gagal():
        db.session.add(Setting(key="cli-gagal", value=1))
        raise SystemExit(1)

    app.cli.add_command(group)
    runner = app.test_cli_runner()
    assert runner.invoke(args=["uji", "tulis"]).exit_code == 0
    assert runner.invoke(args=["uji", "gagal"]).exit_code == 1
    assert _count(app, "cli") == 1 and _count(app, "cli-gagal") == 0


class _Case:
    def __init__(self, status, moved=False):
        self.status, self.moved = status, moved


def _machine():
    m = StateMachine("pengaduan", {"baru": "Baru", "tutup": "Tutup"}, {"tutup": "Tutup", "buka": "Buka"},
                     guards={"belum_pindah": lambda c: "Sudah dipindahkan." if c.moved else None})
    m.allow(["baru"], "tutup", "tutup", ["petugas"])
    m.allow(["tutup"], "buka", "baru", ["petugas"], guards=["belum_pindah"])
    return m


def test_state_machine_table_roles_and_guards():
    m = _machine()
    assert m.check(_Case("baru"), "tutup", "petugas") == "tutup"
    with pytest.raises(NotAllowed, match="berstatus «Baru»"):
        m.check(_Case("baru"), "buka", "petugas")
    with pytest.raises(NotAllowed, match="tidak berwenang"):
        m.check(_Case("baru"), "tutup", "pelapor")
    with pytest.raises(NotAllowed, match="Sudah dipindahkan"):
        m.check(_Case("tutup", moved=True), "buka", "petugas")
    # the screens are offered exactly what check() allows
    assert m.actions_for(_Case("tutup"), "petugas") == ["buka"]
    assert m.actions_for(_Case("tutup", moved=True), "petugas") == []
    with pytest.raises(KeyError):
        m.allow(["baru"], "x", None, ["petugas"], guards=["tidak_ada"])


def test_a_released_savepoint_does_not_end_the_unit_of_work(app):
    seen = []
    with app.app_context():
        with pytest.raises(RuntimeError), unit_of_work():
            db.session.add(Setting(key="c", value=1))
            db.session.flush()
            on_rollback(lambda: seen.append("rollback"))
            with db.session.begin_nested():
                db.session.add(Setting(key="d", value=1))
            raise RuntimeError("gagal setelah savepoint")
    assert seen == ["rollback"]
    assert _count(app, "c") == 0 and _count(app, "d") == 0

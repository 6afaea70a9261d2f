"""The OpenAPI document at /api/v1/openapi.json is the whole contract: one schema per model name, every
constraint the server enforces stated, and a client built from the document alone is accepted."""
from __future__ import annotations

import pytest
from pydantic import BaseModel

from core import api


def _ops(doc: dict) -> dict[str, dict]:
    return {op["operationId"]: op for item in doc["paths"].values() for op in item.values()}


def _body(doc: dict, op: dict) -> dict:
    ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return doc["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_every_operation_is_documented_with_its_own_body_schema(client):
    """complaints and gratifikasi both had a `StatusIn`: getPengaduanStatus was documented with `nomor`."""
    doc = client.get("/api/v1/openapi.json").get_json()
    by_id = {op["operation_id"]: op for op in api.OPERATIONS}
    for operation_id, op in _ops(doc).items():
        model = by_id[operation_id]["body"]
        if model is None:
            continue
        assert set(_body(doc, op)["properties"]) == set(model.model_fields), operation_id
    assert {"tiket", "kode"} == set(_body(doc, _ops(doc)["getPengaduanStatus"])["properties"])
    assert {"nomor", "kode"} == set(_body(doc, _ops(doc)["getLaporanGratifikasiStatus"])["properties"])


def test_a_component_name_used_by_two_models_fails_the_build(app, monkeypatch):
    from flask import Blueprint

    from app import create_app
    from tests.conftest import base_config

    class StatusPengaduanIn(BaseModel):  # same name as the complaints' model, another schema
        nomor: str

    bp = Blueprint("collision_test", __name__, url_prefix="/api/v1/uji")
    monkeypatch.setattr(api, "OPERATIONS", list(api.OPERATIONS))
    api.operation(bp, "/status", method="POST", operation_id="ujiStatus", summary="uji", body=StatusPengaduanIn,
                  response=StatusPengaduanIn)(lambda body: body)
    with pytest.raises(api.ComponentNameCollision, match="StatusPengaduanIn"):
        api.check_component_names()
    with pytest.raises(api.ComponentNameCollision):
        create_app(base_config(__import__("pathlib").Path(app.instance_path).parent,
                               app.config["SQLALCHEMY_DATABASE_URI"]))
    with app.test_request_context(), pytest.raises(api.ComponentNameCollision):
        api.openapi_document("uji")


def test_an_undeclared_method_is_405_with_allow(client):
    resp = client.open("/api/v1/skm/respon", method="TRACE")
    assert resp.status_code == 405 and "POST" in resp.headers["Allow"]


# --- a client built from the document alone -----------------------------------------------------------

@pytest.fixture
def app_config():
    return {"RATELIMIT_ENABLED": False}  # a few hundred requests from one address


@pytest.fixture
def office(app, team):
    """What the operations need to answer 2xx: a WBS team key (the channel is open), a unit, an open SKM
    service and a published period."""
    from tests.skm.conftest import buat_survei

    with app.app_context():
        buat_survei()


def _declared_rules(case) -> set[str]:
    """The fields of the rules the body schema lists in x-aturan-antar-isian (JSON Schema cannot state them)."""
    body = case.operation.definition.raw.get("requestBody", {})
    ref = body.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
    schema = case.operation.schema.raw_schema["components"]["schemas"].get(ref.rsplit("/", 1)[-1], {})
    return {f for rule in schema.get("x-aturan-antar-isian", []) for f in rule["isian"]}


def _positive_data_acceptance(ctx, response, case):
    """schemathesis' own check, except a refusal that names only fields of a rule the document declares."""
    if case.meta is None or not case.meta.generation.mode.is_positive or response.status_code not in (400, 422):
        return None
    named = set((response.json() or {}).get("kesalahan") or {"_": ""})
    assert named <= _declared_rules(case), f"valid data refused: {response.status_code} {response.text[:300]}"
    return None


_ENGLISH = ("Input should", "Field required", "Value error", "Extra inputs", "String should", " or ", "should be")


def _refusal_is_explained(ctx, response, case):
    """Every 4xx answer says why, in Indonesian: a `pesan`, and a message per field named."""
    if not 400 <= response.status_code < 500:
        return None
    body = response.json()
    assert isinstance(body.get("pesan"), str) and body["pesan"].strip(), response.text[:300]
    texts = [body["pesan"], *(body.get("kesalahan") or {}).values()]
    assert all(isinstance(t, str) and t.strip() for t in texts), response.text[:300]
    assert not any(word in t for t in texts for word in _ENGLISH), response.text[:300]
    return None


STATS: dict[str, int] = {}


def _run(app, mode: str, operation_ids: list[str] | None = None) -> list[str]:
    """schemathesis with every check; each distinct failure as one line."""
    import schemathesis
    from schemathesis.engine import events, from_schema

    schemathesis.check(_positive_data_acceptance)
    schemathesis.check(_refusal_is_explained)
    cfg = schemathesis.Config.from_dict({
        "seed": 20261202, "generation": {"max-examples": 12, "mode": mode, "deterministic": True},
        "checks": {"enabled": True, "positive_data_acceptance": {"enabled": False}},
        "phases": {"stateful": {"enabled": False}}})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=cfg)
    if operation_ids:
        schema = schema.include(operation_id=operation_ids)
    found: dict[tuple, str] = {}
    for ev in from_schema(schema).execute():
        if isinstance(ev, events.ScenarioFinished):
            for case in ev.recorder.cases.values():
                meta = case.value.meta
                key = f"{meta.generation.mode.value if meta else '?'}"
                STATS[key] = STATS.get(key, 0) + 1
            for interaction in ev.recorder.interactions.values():
                if interaction.response is not None:
                    key = f"{interaction.response.status_code // 100}xx"
                    STATS[key] = STATS.get(key, 0) + 1
            for checks in ev.recorder.checks.values():
                for c in checks:
                    if c.failure_info is not None:
                        case = c.failure_info.code_sample if hasattr(c.failure_info, "code_sample") else ""
                        found.setdefault((ev.label, c.name), f"{ev.phase} {ev.label} {c.name}: "
                                         f"{str(c.failure_info.failure)[:400]} {case[:600]}")
        elif isinstance(ev, (events.NonFatalError, events.FatalError)):
            found.setdefault(("error", str(ev)), f"error: {getattr(ev, 'value', getattr(ev, 'exception', ev))!r}"[:800])
    return list(found.values())


def test_schemathesis_finds_nothing(app, office):
    """issue 14: every check, positive and negative data."""
    STATS.clear()
    failures = _run(app, "all")
    print(STATS)
    assert not failures, "\n".join(failures)
    assert STATS["negative"] > 100 and STATS["positive"] > 100 and STATS["2xx"] > 50 and STATS["4xx"] > 100

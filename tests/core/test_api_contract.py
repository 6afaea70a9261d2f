"""The OpenAPI document at /api/v1/openapi.json is the whole contract: one schema per model name, every
constraint the server enforces stated, and a client built from the document alone is accepted."""
from __future__ import annotations

import os
import re

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


def test_the_document_states_what_the_server_checks(app, client, office):
    """A client generated from the document is not refused on its first call: the constraints are there."""
    from core.extensions import db
    from core.settings import set_setting
    from pengaduan import service as pengaduan

    doc = client.get("/api/v1/openapi.json").get_json()
    s = doc["components"]["schemas"]
    complaint = s["PengaduanIn"]["properties"]
    assert complaint["kategori"]["enum"] == pengaduan.SETTINGS["pengaduan"]["kategori"]
    assert complaint["email"]["anyOf"][0]["pattern"] and complaint["nik"]["anyOf"][0]["pattern"] == "^[0-9]{16}$"
    assert complaint["setuju"]["const"] is True and complaint["uraian"]["maxLength"] == 10_000
    assert "pattern" in complaint["tanggal_kejadian"]["anyOf"][0]
    gift = s["LaporanGratifikasiIn"]
    nip = gift["allOf"][0]["else"]["properties"]["identitas_nomor"]["pattern"]
    assert re.fullmatch(nip[1:-1], "198001012005011001") and not re.fullmatch(nip[1:-1], "198002302005011001")
    assert re.fullmatch(gift["allOf"][0]["then"]["properties"]["identitas_nomor"]["pattern"][1:-1],
                        "1671010101900001")
    nilai = gift["properties"]["nilai"]["anyOf"]
    assert {"type": "integer", "minimum": 1, "maximum": 100_000_000_000}.items() <= nilai[0].items()
    assert re.fullmatch(nilai[1]["pattern"][1:-1], "Rp1.500.000") and not re.fullmatch(nilai[1]["pattern"][1:-1], "1,500,000")
    assert gift["properties"]["unit_id"]["anyOf"][0]["enum"]  # the office's active units
    assert s["LampiranIn"]["properties"]["isi_base64"]["contentEncoding"] == "base64"
    survey = s["ResponSkmIn"]["properties"]
    assert survey["layanan"]["enum"] == ["kb-konseling"]
    assert survey["jawaban"]["propertyNames"]["enum"] == [f"U{i}" for i in range(1, 10)]
    assert survey["jawaban"]["additionalProperties"] == {"type": "integer", "minimum": 1, "maximum": 4}
    assert survey["jawaban"]["minProperties"] == 9 and survey["jenis_kelamin"]["enum"] == ["L", "P"]
    # the categories are read when the document is generated
    with app.app_context():
        set_setting("pengaduan", {**pengaduan.settings(), "kategori": ["Pelayanan KB", "Lainnya"]})
        db.session.commit()
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["components"]["schemas"]["PengaduanIn"]["properties"]["kategori"]["enum"] == ["Pelayanan KB", "Lainnya"]


def test_refusals_name_the_field_in_indonesian(client, office):
    from tests.gratifikasi.test_api import _body

    resp = client.post("/api/v1/gratifikasi/laporan", json=_body(identitas_nomor="199913402005011001"))
    assert resp.status_code == 422
    assert resp.get_json()["kesalahan"] == {"identitas_nomor": "NIP tidak sah: 18 angka, 8 angka pertama tanggal "
                                                               "lahir (TTTTBBHH)."}
    resp = client.post("/api/v1/skm/respon", json={"layanan": "kb-konseling", "jawaban": {}, "jenis_kelamin": "X",
                                                   "usia": 20.5, "pendidikan": "S1", "pekerjaan": "PNS"})
    errors = resp.get_json()["kesalahan"]
    assert resp.status_code == 422 and errors["jenis_kelamin"] == "Pilihan tidak dikenal. Pilihan yang sah: 'L' atau 'P'."
    assert errors["usia"] == "Harus berupa bilangan bulat." and "pendidikan" in errors


def test_a_closed_wbs_channel_is_a_documented_503(client):
    """Before the WBS team has a key, intake answers 503, and the document says it may."""
    doc = client.get("/api/v1/openapi.json").get_json()
    assert "503" in _ops(doc)["createLaporanWbs"]["responses"]
    resp = client.post("/api/v1/wbs/laporan", json={"apa": "Pungutan di loket"})
    assert resp.status_code == 503 and resp.get_json()["pesan"].startswith("Saluran WBS belum dapat menerima")


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
    # API_SEED / API_EXAMPLES: a longer or another run by hand (CI keeps the modest default)
    cfg = schemathesis.Config.from_dict({
        "seed": int(os.environ.get("API_SEED", 20261202)), "generation": {"max-examples": int(os.environ.get("API_EXAMPLES", 8)), "mode": mode, "deterministic": True},
        "checks": {"enabled": True, "positive_data_acceptance": {"enabled": False}},
        "phases": {"stateful": {"enabled": False}},
        # schemathesis' WSGI transport does not undo Content-Encoding, as an HTTP client would
        "headers": {"Accept-Encoding": "identity"}})
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


IDEMPOTENCY = ("kunci_idempoten", "kunci_idempotensi", "token")


def _link_value(expression: str, produced: dict):
    assert expression.startswith("$response.body#/"), expression
    return produced[expression.removeprefix("$response.body#/")]


def test_a_request_built_from_the_document_alone_is_accepted(app, office):
    """issue 11: for every operation, requests drawn from the document (schemathesis' positive data, the
    identifiers of a lookup taken from the answer its `links` name) are answered 2xx. The only refusals
    allowed are those of a rule the document declares in x-aturan-antar-isian, naming its fields."""
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from schemathesis import GenerationMode

    cfg = schemathesis.Config.from_dict({"generation": {"mode": "positive"}})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=cfg)
    doc = schema.raw_schema
    consumers: dict[str, tuple[str, dict]] = {}  # operationId -> (producer, {field: expression})
    for item in doc["paths"].values():
        for op in item.values():
            for response in op["responses"].values():
                for link in response.get("links", {}).values():
                    consumers[link["operationId"]] = (op["operationId"], link["requestBody"])
    operations = [r.ok() for r in schema.get_all_operations()]
    operations.sort(key=lambda o: o.definition.raw["operationId"] in consumers)  # producers first
    produced: dict[str, list[dict]] = {}
    accepted: dict[str, int] = {}
    refused: list[str] = []
    sent_keys: set[tuple] = set()

    for operation in operations:
        operation_id = operation.definition.raw["operationId"]

        @settings(max_examples=8, derandomize=True, database=None, deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(GenerationMode.POSITIVE))
        def call(case):
            if operation_id in consumers:
                producer, fields = consumers[operation_id]
                source = produced[producer][-1]
                case.body.update({k: _link_value(v, source) for k, v in fields.items()})
            response = case.call(headers={"Accept-Encoding": "identity"})  # see _run
            key = next((case.body[k] for k in IDEMPOTENCY if isinstance(case.body, dict) and case.body.get(k)), None)
            if 200 <= response.status_code < 300:
                accepted[operation_id] = accepted.get(operation_id, 0) + 1
                produced.setdefault(operation_id, []).append(response.json())
                sent_keys.add((operation_id, key))
                return
            if response.status_code == 409 and key is not None and (operation_id, key) in sent_keys:
                return  # a replayed idempotency key (hypothesis repeats a case while shrinking): documented
            named = set((response.json() or {}).get("kesalahan") or {"_": ""})
            if response.status_code not in (400, 422) or not named <= _declared_rules(case):
                refused.append(f"{operation_id} {response.status_code} {response.text[:300]} <- {case.body}")

        call()
    assert not refused, "\n".join(refused)
    assert set(accepted) == {o.definition.raw["operationId"] for o in operations}, accepted
    print(accepted)

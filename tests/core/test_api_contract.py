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

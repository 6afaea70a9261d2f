"""The JSON API: operations declared once with pydantic models that both validate requests and
produce the OpenAPI document at /api/v1/openapi.json."""
from __future__ import annotations

import re
from functools import wraps
from typing import Any, Callable

from flask import Blueprint, jsonify, request
from pydantic import BaseModel, ValidationError

from core.extensions import csrf

API_PREFIX = "/api/v1"
OPERATIONS: list[dict] = []
bp = Blueprint("api", __name__, url_prefix=API_PREFIX)

_MESSAGES = {
    "missing": "Wajib diisi.",
    "string_too_short": "Terlalu pendek (minimal {min_length} karakter).",
    "string_too_long": "Terlalu panjang (maksimal {max_length} karakter).",
    "string_type": "Harus berupa teks.",
    "int_parsing": "Harus berupa bilangan bulat.",
    "int_type": "Harus berupa bilangan bulat.",
    "bool_parsing": "Harus true atau false.",
    "date_from_datetime_parsing": "Tanggal tidak valid (format YYYY-MM-DD).",
    "date_parsing": "Tanggal tidak valid (format YYYY-MM-DD).",
    "date_type": "Tanggal tidak valid (format YYYY-MM-DD).",
    "enum": "Pilihan tidak dikenal. Pilihan yang sah: {expected}.",
    "literal_error": "Pilihan tidak dikenal. Pilihan yang sah: {expected}.",
    "greater_than_equal": "Minimal {ge}.",
    "less_than_equal": "Maksimal {le}.",
    "greater_than": "Harus lebih dari {gt}.",
    "value_error": "{msg}",
    "extra_forbidden": "Isian ini tidak dikenal.",
    "model_attributes_type": "Isi permintaan harus berupa objek JSON.",
    "dict_type": "Isi permintaan harus berupa objek JSON.",
}


def indonesian_errors(exc: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    for err in exc.errors(include_url=False):
        field = ".".join(str(p) for p in err["loc"]) or "_"
        template = _MESSAGES.get(err["type"], "Nilai tidak valid.")
        ctx = {k: v for k, v in (err.get("ctx") or {}).items()}
        if err["type"] == "value_error":
            ctx["msg"] = str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
        try:
            out.setdefault(field, template.format(**ctx))
        except (KeyError, IndexError):
            out.setdefault(field, "Nilai tidak valid.")
    return out


def operation(bp: Blueprint, rule: str, *, method: str, operation_id: str, summary: str,
              response: type[BaseModel], body: type[BaseModel] | None = None, tag: str = "",
              status: int = 200, description: str = "", errors: dict[int, str] | None = None):
    """Register a JSON endpoint on `bp` and in the OpenAPI document.

    The view receives the validated body (if any) as its first argument and returns a `response`
    instance; domain errors become JSON through core.errors.
    """
    def decorator(fn: Callable[..., BaseModel]):
        @wraps(fn)
        def view(**kwargs):
            args: list[Any] = []
            if body is not None:
                payload = request.get_json(silent=True)
                if payload is None:
                    return jsonify({"kode": 400, "pesan": "Isi permintaan harus JSON yang sah (Content-Type: application/json)."}), 400
                try:
                    args.append(body.model_validate(payload))
                except ValidationError as exc:
                    return jsonify({"kode": 422, "pesan": "Ada isian yang belum benar.",
                                    "kesalahan": indonesian_errors(exc)}), 422
            result = fn(*args, **kwargs)
            return jsonify(result.model_dump(mode="json")), status

        csrf.exempt(view)  # JSON clients carry no cookie session; nothing to forge
        bp.add_url_rule(rule, endpoint=operation_id, view_func=view, methods=[method])
        prefix = (bp.url_prefix or "")
        OPERATIONS.append({"path": prefix + rule, "method": method.lower(), "operation_id": operation_id,
                           "summary": summary, "description": description, "body": body,
                           "response": response, "tag": tag, "status": status, "errors": errors or {}})
        return view
    return decorator


def _openapi_path(rule: str) -> str:
    return re.sub(r"<(?:[a-z]+:)?([a-zA-Z_]+)>", r"{\1}", rule)


class ComponentNameCollision(RuntimeError):
    """Two different models would share one name in components/schemas: the document would keep one and
    describe the other operation with the wrong schema."""


_KESALAHAN = {"type": "object", "required": ["kode", "pesan"],
              "properties": {"kode": {"type": "integer"}, "pesan": {"type": "string"},
                             "kesalahan": {"type": "object", "additionalProperties": {"type": "string"}}}}


class _Components:
    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {"Kesalahan": _KESALAHAN}
        self.owner: dict[str, str | None] = {"Kesalahan": "core.api"}

    def add(self, name: str, schema: dict, owner: str | None) -> None:
        """`owner`: the model's qualified name (None for a nested $defs entry, known only by its schema)."""
        if name in self.schemas and (self.schemas[name] != schema
                                     or None not in (owner, self.owner[name]) and owner != self.owner[name]):
            raise ComponentNameCollision(
                f"OpenAPI component {name!r} is defined twice ({self.owner[name] or 'a nested model'} and {owner or 'a nested model'}); rename one model")
        self.schemas[name] = schema
        self.owner[name] = owner or self.owner.get(name)

    def ref(self, model: type[BaseModel]) -> dict:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        owner = f"{model.__module__}.{model.__qualname__}"
        for name, sub in schema.pop("$defs", {}).items():
            self.add(name, sub, None)
        self.add(model.__name__, schema, owner)
        return {"$ref": f"#/components/schemas/{model.__name__}"}


def check_component_names() -> None:
    """Raise ComponentNameCollision when two operations' models share a name; run at app build."""
    components = _Components()
    for op in OPERATIONS:
        for model in (op["body"], op["response"]):
            if model is not None:
                components.ref(model)


def openapi_document(title: str) -> dict:
    components = _Components()
    ref = components.ref

    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        path = _openapi_path(op["path"])
        err = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Kesalahan"}}}}
        responses = {str(op["status"]): {"description": "Berhasil",
                                         "content": {"application/json": {"schema": ref(op["response"])}}}}
        for code, text in {**({400: "Isi permintaan bukan JSON yang sah", 422: "Isian tidak valid"} if op["body"] else {}),
                           429: "Terlalu banyak permintaan",
                           **op["errors"]}.items():
            responses[str(code)] = {"description": text, **err}
        entry: dict[str, Any] = {"operationId": op["operation_id"], "summary": op["summary"],
                                 "responses": responses}
        if op["description"]:
            entry["description"] = op["description"]
        if op["tag"]:
            entry["tags"] = [op["tag"]]
        params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                  for n in re.findall(r"{([a-zA-Z_]+)}", path)]
        if params:
            entry["parameters"] = params
        if op["body"]:
            entry["requestBody"] = {"required": True,
                                    "content": {"application/json": {"schema": ref(op["body"])}}}
        paths.setdefault(path, {})[op["method"]] = entry
    return {"openapi": "3.1.0", "info": {"title": title, "version": "1"},
            "servers": [{"url": "/"}], "paths": paths, "components": {"schemas": components.schemas}}


@bp.get("/openapi.json")
def openapi_json():
    from core.settings import office

    return jsonify(openapi_document(f"API {office()['nama_singkat']}"))

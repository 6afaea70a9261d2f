"""The JSON API: operations declared once with pydantic models that both validate requests and
produce the OpenAPI document at /api/v1/openapi.json."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Annotated, Any, Callable

from flask import Blueprint, has_app_context, jsonify, request
from pydantic import BaseModel, BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError, core_schema

from core.extensions import csrf

API_PREFIX = "/api/v1"
OPERATIONS: list[dict] = []
bp = Blueprint("api", __name__, url_prefix=API_PREFIX)

_MESSAGES = {
    "missing": "Wajib diisi.",
    "string_too_short": "Terlalu pendek (minimal {min_length} karakter).",
    "string_too_long": "Terlalu panjang (maksimal {max_length} karakter).",
    "string_type": "Harus berupa teks.",
    "string_pattern_mismatch": "Format tidak sesuai.",
    "bool_type": "Harus true atau false.",
    "float_type": "Harus berupa angka.",
    "list_type": "Harus berupa daftar (array JSON).",
    "too_long": "Terlalu banyak (paling banyak {max_length}).",
    "too_short": "Terlalu sedikit (paling sedikit {min_length}).",
    "none_required": "Harus dikosongkan (null).",
    "json_invalid": "Isi permintaan harus JSON yang sah.",
    "aturan": "{pesan}",
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
    "dict_type": "Harus berupa objek JSON.",
    "model_type": "Isi permintaan harus berupa objek JSON.",
}


# the message of each pattern the API states (pola()), so a refusal says what the field needs
_PATTERN_MESSAGES: dict[str, str] = {}
# union members in an error's location ("nilai.str"): not a field the client knows
_UNION_TAG = re.compile(r"^(str|int|bool|float|none|date|constrained-.*|.*\[.*\])$")


def indonesian_errors(exc: ValidationError) -> dict[str, str]:
    out: dict[str, str] = {}
    # of a union's refusals ("nilai": not an integer, not the Rupiah text), the one that is not a mere type
    # mismatch says what is wrong
    errors = sorted(exc.errors(include_url=False), key=lambda e: e["type"].endswith("_type"))
    for err in errors:
        field = ".".join(str(p) for p in err["loc"] if not (isinstance(p, str) and _UNION_TAG.match(p))) or "_"
        template = _MESSAGES.get(err["type"], "Nilai tidak valid.")
        ctx = {k: v for k, v in (err.get("ctx") or {}).items()}
        if "expected" in ctx:  # pydantic lists the choices in English: "'a', 'b' or 'c'"
            ctx["expected"] = str(ctx["expected"]).replace(" or ", " atau ")
        if err["type"] == "string_pattern_mismatch":
            template = _PATTERN_MESSAGES.get(ctx.get("pattern"), template)
        if err["type"] == "value_error":
            ctx["msg"] = str(ctx.get("error", err["msg"])).removeprefix("Value error, ")
        try:
            out.setdefault(field, template.format(**ctx))
        except (KeyError, IndexError):
            out.setdefault(field, "Nilai tidak valid.")
    return out


# one character that survives core.forms.clean_text (not a space, a control or an invisible character): a
# field holding one is not blank once cleaned. Spelled without \s, which JavaScript, Rust and Python read apart.
_TAK_TERLIHAT = r"\x00-\x20\x7f-\xa0\u1680\u2000-\u200d\u2028-\u202f\u205f\u2060\u2066-\u2069\u3000\ufeff"
TERLIHAT = f"[^{_TAK_TERLIHAT}]"


def terlihat_kecuali(chars: str) -> str:
    """A visible character other than `chars`."""
    return f"[^{re.escape(chars)}{_TAK_TERLIHAT}]"


# a character clean_text keeps (tabs and newlines included)
_DISIMPAN = r"[^\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]"
_DIBUANG = r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200d\u2060\u202a-\u202e\u2066-\u2069\ufeff]"


def minimal_terisi(n: int) -> str:
    """A pattern for text that is at least `n` (≥ 2) characters long once cleaned: a visible character,
    n - 2 kept ones, anything, a visible one."""
    return f"{TERLIHAT}(?:{_DIBUANG}*{_DISIMPAN}){{{n - 2}}}[\\s\\S]*{TERLIHAT}"


def pola(regex: str, pesan: str, **field: Any) -> Any:
    """A string field that must match `regex`: stated in the document, enforced here, refused with `pesan`."""
    _PATTERN_MESSAGES[regex] = pesan
    return Field(pattern=regex, **field)


@dataclass(frozen=True)
class Aturan:
    """A constraint read from the office's settings (or today's date) both when the document is generated
    and when a request is validated, so the two never disagree. `schema()` gives JSON Schema keywords;
    `periksa(value)` an Indonesian message when the value breaks it, else None."""

    schema: Callable[[], dict]
    periksa: Callable[[Any], str | None]

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        def validate(value: Any) -> Any:
            if has_app_context() and (pesan := self.periksa(value)):
                raise PydanticCustomError("aturan", "{pesan}", {"pesan": pesan})
            return value
        return core_schema.no_info_after_validator_function(validate, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict:
        out = handler(schema)
        if has_app_context():  # at app build (the name check) there are no settings to read
            out.update(self.schema())
        return out


def pilihan(values: Callable[[], list], pesan: str) -> Aturan:
    """One of the values the settings list now (JSON Schema `enum`)."""
    def schema() -> dict:
        current = list(values())
        return {"enum": current} if current else {"not": {}}  # nothing to choose: nothing is valid
    return Aturan(schema, lambda v: None if v in values() else pesan)


def wajib_true(pesan: str) -> Aturan:
    """A boolean that must be true (a consent)."""
    return Aturan(lambda: {"const": True}, lambda v: None if v is True else pesan)


def rentang_angka(lo: int, hi: int, width: int) -> str:
    """A regex for the zero-padded numbers lo..hi of `width` digits (no lookaround: every engine has it)."""
    a, b = f"{lo:0{width}d}", f"{hi:0{width}d}"
    if width == 1:
        return f"[{a}-{b}]" if a != b else a
    if a[0] == b[0]:
        return a[0] + rentang_angka(int(a[1:]), int(b[1:]), width - 1)
    top = 10 ** (width - 1) - 1
    parts = [a[0] + rentang_angka(int(a[1:]), top, width - 1)]
    if int(b[0]) - int(a[0]) > 1:
        parts.append(f"[{int(a[0]) + 1}-{int(b[0]) - 1}][0-9]{{{width - 1}}}")
    parts.append(b[0] + rentang_angka(0, int(b[1:]), width - 1))
    return "(?:" + "|".join(parts) + ")"


def rentang_tanggal(awal: date, akhir: date) -> str:
    """A regex for the ISO dates from `awal` to `akhir` (format: date rules out the days a month lacks)."""
    def days(lo: int, hi: int) -> str:
        return rentang_angka(lo, hi, 2)

    def in_year(y: int, m1: int, d1: int, m2: int, d2: int) -> list[str]:
        yy = f"{y:04d}"
        if m1 == m2:
            return [f"{yy}-{m1:02d}-{days(d1, d2)}"]
        out = [f"{yy}-{m1:02d}-{days(d1, 31)}"]
        if m2 - m1 > 1:
            out.append(f"{yy}-{rentang_angka(m1 + 1, m2 - 1, 2)}-{days(1, 31)}")
        return out + [f"{yy}-{m2:02d}-{days(1, d2)}"]

    if awal.year == akhir.year:
        parts = in_year(awal.year, awal.month, awal.day, akhir.month, akhir.day)
    else:
        parts = in_year(awal.year, awal.month, awal.day, 12, 31)
        if akhir.year - awal.year > 1:
            parts.append(f"{rentang_angka(awal.year + 1, akhir.year - 1, 4)}-{rentang_angka(1, 12, 2)}-{days(1, 31)}")
        parts += in_year(akhir.year, 1, 1, akhir.month, akhir.day)
    return "^(?:" + "|".join(parts) + ")$"


def _iso_date(value: Any) -> Any:
    # the document says YYYY-MM-DD; pydantic alone would also take a Unix time ("1699920000"). Parsed here:
    # after a validator the strict date check sees a Python value, and would refuse the text.
    if not isinstance(value, str):
        return value
    try:
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            return date.fromisoformat(value)
    except ValueError:
        pass
    raise PydanticCustomError("aturan", "{pesan}", {"pesan": "Tanggal tidak valid (format YYYY-MM-DD)."})


def _dates_from(pesan: str, sejak: date, pesan_sejak: str) -> Aturan:
    from core.workdays import local_today

    def periksa(v: date) -> str | None:
        return pesan if v > local_today() else pesan_sejak if v < sejak else None
    return Aturan(lambda: {"pattern": rentang_tanggal(sejak, local_today())}, periksa)


def tanggal_lalu(pesan: str, sejak: date = date(1, 1, 1), pesan_sejak: str = "") -> Any:
    """A date (YYYY-MM-DD) from `sejak` to today in the office's time zone; the document's pattern says which."""
    return Annotated[date, BeforeValidator(_iso_date), _dates_from(pesan, sejak, pesan_sejak)]


def _integral(value: Any) -> Any:
    # JSON Schema counts 5.0 as an integer; strict validation alone would refuse it
    return int(value) if isinstance(value, float) and value.is_integer() else value


Bulat = Annotated[int, BeforeValidator(_integral)]


def bulat(ge: int, le: int) -> Any:
    """An integer from `ge` to `le` (the bounds first: after a validator pydantic would not document them)."""
    return Annotated[int, Field(ge=ge, le=le), BeforeValidator(_integral)]


# a code as the office prints it (core.crypto.normalize_code): Crockford base32 in groups of four, dashes
# optional, any case, O/I/L read as 0/1
_CROCKFORD = "[0-9A-HJKMNP-TV-Za-hjkmnp-tv-zOoIiLl]"


def kode_pola(groups: int) -> str:
    return rf"^{_CROCKFORD}{{4}}(?:-?{_CROCKFORD}{{4}}){{{groups - 1}}}$"


def operation(bp: Blueprint, rule: str, *, method: str, operation_id: str, summary: str,
              response: type[BaseModel], body: type[BaseModel] | None = None, tag: str = "",
              status: int = 200, description: str = "", errors: dict[int, str] | None = None,
              parameters: Callable[[], list[dict]] | None = None, links: dict[str, dict[str, str]] | None = None):
    """Register a JSON endpoint on `bp` and in the OpenAPI document.

    The view receives the validated body (if any) as its first argument and returns a `response`
    instance; domain errors become JSON through core.errors. `links`: operationId -> {body field: runtime
    expression}, how a client feeds this answer to the next call (OpenAPI links).
    """
    def decorator(fn: Callable[..., BaseModel]):
        @wraps(fn)
        def view(**kwargs):
            args: list[Any] = []
            if body is not None:
                payload = request.get_json(silent=True)
                if payload is None:
                    return jsonify({"kode": 400, "pesan": "Isi permintaan harus JSON yang sah (Content-Type: application/json)."}), 400
                try:  # strict: a JSON type other than the document's is refused, never coerced
                    args.append(body.model_validate_json(request.get_data(), strict=True))
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
                           "response": response, "tag": tag, "status": status, "errors": errors or {},
                           "parameters": parameters, "links": links or {}})
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
            first, second = self.owner[name] or "a nested model", owner or "a nested model"
            raise ComponentNameCollision(f"OpenAPI component {name!r} is defined twice ({first} and {second}); "
                                         "rename one model")
        self.schemas[name] = schema
        self.owner[name] = owner or self.owner.get(name)

    def ref(self, model: type[BaseModel]) -> dict:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        owner = f"{model.__module__}.{model.__qualname__}"
        for name, sub in schema.pop("$defs", {}).items():
            self.add(name, sub, None)
        self.add(model.__name__, schema, owner)
        return {"$ref": f"#/components/schemas/{model.__name__}"}


_CHECKED: set[tuple] = set()


def check_component_names() -> None:
    """Raise ComponentNameCollision when two operations' models share a name; run at app build (once per
    set of operations: the models are static, and tests build hundreds of apps)."""
    models = tuple(m for op in OPERATIONS for m in (op["body"], op["response"]) if m is not None)
    if models in _CHECKED:
        return
    components = _Components()
    for model in models:
        components.ref(model)
    _CHECKED.add(models)


def openapi_document(title: str) -> dict:
    components = _Components()
    ref = components.ref
    paths: dict[str, dict] = {}
    for op in OPERATIONS:
        path = _openapi_path(op["path"])
        err = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Kesalahan"}}}}
        responses: dict[str, Any] = {str(op["status"]): {
            "description": "Berhasil", "content": {"application/json": {"schema": ref(op["response"])}}}}
        if op["links"]:
            responses[str(op["status"])]["links"] = {
                target: {"operationId": target, "requestBody": fields} for target, fields in op["links"].items()}
        refusals = {400: "Ditolak: isi bukan JSON yang sah, atau aturan layanan tidak terpenuhi",
                    422: "Isian tidak valid"} if op["body"] else {}
        for code, text in {**refusals, 429: "Terlalu banyak permintaan", **op["errors"]}.items():
            responses[str(code)] = {"description": text, **err}
        entry: dict[str, Any] = {"operationId": op["operation_id"], "summary": op["summary"],
                                 "responses": responses}
        if op["description"]:
            entry["description"] = op["description"]
        if op["tag"]:
            entry["tags"] = [op["tag"]]
        # `parameters` states what the settings allow now (the published periods...); else plain path strings
        params = op["parameters"]() if op["parameters"] else [
            {"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
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

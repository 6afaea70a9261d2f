"""Document rendering: DOCX from docxtpl templates, PDF from HTML with WeasyPrint.

Works outside a Flask request (reports are also built from the CLI): templates are loaded from
<repo>/templates/documents with plain Jinja environments, autoescaped.
"""
from __future__ import annotations

import io
import re
import string
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from core.workdays import format_tanggal

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates" / "documents"

# Characters XML 1.0 forbids: one of them in user text would make Word refuse the whole file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

DEFAULT_NOMOR = "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}"
_NOMOR_TOKENS = ("seq", "kode_jabatan", "kka", "mm", "yyyy")
# The only format spec a template may carry: zero-padding of {seq}, e.g. {seq:03d}. Any other spec
# (widths like {seq:>2000000000} build a string that large) is refused.
_SEQ_PADDING = re.compile(r"0[1-9]d")

_html_env = Environment(
    loader=FileSystemLoader(TEMPLATE_DIR),
    autoescape=True,
    undefined=StrictUndefined,
)


def xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return _XML_INVALID.sub("", value)
    if isinstance(value, dict):
        return {k: xml_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [xml_safe(v) for v in value]
    return value


def render_docx(template_name: str, context: dict[str, Any]) -> bytes:
    """Render templates/documents/<template_name> with docxtpl; text is always XML-escaped."""
    tpl = DocxTemplate(TEMPLATE_DIR / template_name)
    env = Environment(autoescape=True, undefined=StrictUndefined)
    tpl.render(xml_safe(context), jinja_env=env, autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render_pdf(html: str, base_url: str | None = None) -> bytes:
    """HTML → PDF. Only file: and data: URLs are fetched, so a document never reaches the network."""
    fetcher = URLFetcher(allowed_protocols=("file", "data"), allow_redirects=False)
    pdf = HTML(string=html, base_url=base_url or TEMPLATE_DIR.as_uri() + "/", url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # write_pdf returns bytes when no target is given
    return pdf


def render_html(template_name: str, context: dict[str, Any]) -> str:
    return _html_env.get_template(template_name).render(context)


# --- nota dinas ----------------------------------------------------------------------------------

@dataclass
class NotaDinas:
    kop_nama: str
    kop_alamat: str
    kop_kontak: str
    nomor: str
    yth: str
    dari: str
    tanggal: date
    sifat: str
    lampiran: str
    hal: str
    paragraf: list[str]
    penandatangan_jabatan: str
    penandatangan_nama: str
    penandatangan_nip: str
    tembusan: list[str] = field(default_factory=list)


def _nota_dinas_context(nd: NotaDinas) -> dict[str, Any]:
    ctx = asdict(nd)
    ctx["tanggal"] = format_tanggal(nd.tanggal)
    # A line break inside an item starts a new paragraph (docx runs cannot hold one).
    ctx["paragraf"] = [line.strip() for p in nd.paragraf for line in p.splitlines() if line.strip()]
    # Several recipients are numbered, one is not (Perka ANRI practice).
    ctx["tembusan"] = ([f"{i}. {t}" for i, t in enumerate(nd.tembusan, 1)]
                       if len(nd.tembusan) > 1 else list(nd.tembusan))
    return ctx


def nota_dinas_docx(nd: NotaDinas) -> bytes:
    return render_docx("nota_dinas.docx", _nota_dinas_context(nd))


def nota_dinas_pdf(nd: NotaDinas) -> bytes:
    return render_pdf(render_html("nota_dinas.html", _nota_dinas_context(nd)))


def format_nomor(template: str, *, seq: int, kode_jabatan: str, kka: str, when: date) -> str:
    """Fill a letter-number template, e.g. "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}" → "12/KPW/PP.01/11/2026"."""
    values = {"seq": seq, "kode_jabatan": kode_jabatan, "kka": kka,
              "mm": f"{when.month:02d}", "yyyy": f"{when.year:04d}"}
    allowed = ", ".join("{" + t + "}" for t in _NOMOR_TOKENS)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(f"Templat nomor «{template}» tidak sah (kurung kurawal tidak seimbang).") from exc
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in values or conversion:
            raise ValueError(f"Token «{{{name}}}» tidak dikenal dalam templat nomor; gunakan {allowed}.")
        if spec and not (name == "seq" and _SEQ_PADDING.fullmatch(spec)):
            raise ValueError(f"Format «{{{name}:{spec}}}» tidak boleh dalam templat nomor; gunakan {allowed} "
                             "tanpa tambahan (nomor urut berawalan nol boleh, mis. {seq:03d}).")
    try:
        return template.format_map(values)
    except ValueError as exc:  # e.g. a format spec that does not fit, like {kka:d}
        raise ValueError(f"Templat nomor «{template}» tidak sah: {exc}.") from exc

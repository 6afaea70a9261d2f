"""Document rendering: DOCX from docxtpl templates, PDF from HTML with WeasyPrint.

Works outside a Flask request (reports are also built from the CLI): templates are loaded from
<repo>/templates/documents with plain Jinja environments, autoescaped.
"""
from __future__ import annotations

import base64
import binascii
import io
import re
import string
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from core import storage
from core.errors import N_, DomainError
from core.settings import get_setting, office, set_setting
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


def render_docx(template_name: str, context: dict[str, Any], images: dict[str, tuple[bytes, float]] | None = None
                ) -> bytes:
    """Render templates/documents/<template_name> with docxtpl; text is always XML-escaped.

    `images`: name → (PNG/JPEG bytes, width in mm), each an image run in the context ("" when no bytes). A context
    with a `kop` (see `letterhead`) also gets `kop_logo`: the logo as an image run, or ""."""
    tpl = DocxTemplate(TEMPLATE_DIR / template_name)
    env = Environment(autoescape=True, undefined=StrictUndefined)
    context = xml_safe(context)
    for name, (data, width_mm) in (images or {}).items():
        context[name] = InlineImage(tpl, io.BytesIO(data), width=Mm(width_mm)) if data else ""
    if "kop" in context:
        logo = logo_bytes(context["kop"].get("logo", ""))
        context["kop_logo"] = InlineImage(tpl, io.BytesIO(logo), height=Mm(LOGO_MM)) if logo else ""
    tpl.render(context, jinja_env=env, autoescape=True)
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


# --- letterhead ----------------------------------------------------------------------------------

LOGO_MM = 20  # height of the logo in the kop, in every document
LOGO_SETTING = "kop_logo"  # {"mime": "image/png", "data": base64}, or absent


def letterhead() -> dict[str, str]:
    """The one kop of every document the office produces (DOMAIN §7), from the office settings: the parent
    body, the office, its address, its contact, and the logo (a data: URI) when one was uploaded."""
    k = office()
    kontak = " · ".join(x for x in (f"Telepon {k['telepon']}" if k.get("telepon") else "",
                                     f"Pos-el {k['email']}" if k.get("email") else "",
                                     k.get("situs") or "") if x)
    logo = get_setting(LOGO_SETTING) or {}
    return {"induk": (k.get("induk") or "").upper(), "nama": (k.get("nama") or "").upper(),
            "alamat": k.get("alamat") or "", "kontak": kontak,
            "logo": f"data:{logo['mime']};base64,{logo['data']}" if logo.get("data") else ""}


LOGO_MAX_BYTES = 512 * 1024


def save_logo(raw: bytes, filename: str) -> None:
    """Store the kop's logo: a PNG or JPEG checked by content and re-encoded (metadata dropped)."""
    clean = storage.inspect_upload(raw, filename, max_bytes=LOGO_MAX_BYTES, allowed={storage.PNG, storage.JPEG})
    set_setting(LOGO_SETTING, {"mime": clean.content_type, "data": base64.b64encode(clean.data).decode()})


def remove_logo() -> None:
    set_setting(LOGO_SETTING, {})


def logo_bytes(uri: str) -> bytes:
    """The image inside a letterhead's data: URI ("" gives b"")."""
    if not uri.startswith("data:") or ";base64," not in uri:
        return b""
    try:
        return base64.b64decode(uri.split(";base64,", 1)[1], validate=True)
    except (binascii.Error, ValueError):
        return b""


# --- nota dinas ----------------------------------------------------------------------------------

@dataclass
class NotaDinas:
    kop: dict[str, str]  # letterhead()
    nomor: str
    yth: str
    dari: str
    tanggal: date
    sifat: str  # urgency: Biasa / Segera / Sangat Segera
    klasifikasi: str  # Biasa / Terbatas / Rahasia: a field of its own (DOMAIN §7)
    lampiran: str
    hal: str
    paragraf: list[str]
    penandatangan_jabatan: str
    penandatangan_nama: str
    penandatangan_nip: str
    tembusan: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Penandatangan:
    jabatan: str  # as printed above the name: "Plh. Sekretaris Perwakilan" when the deputy signs
    nama: str
    nip: str
    dari: str  # the "Dari" field: the official's office, whoever signs


def penandatangan_nota_dinas(plh: bool | None = None) -> Penandatangan:
    """Who signs a nota dinas (DOMAIN §7): the official set in the settings (the head of office when none is
    set), or the deputy (Plh.) when `plh`, or — `plh` None — when the official is marked absent. Never the
    officer who clicked."""
    nd, k = get_setting("nota_dinas"), office()
    if nd.get("penandatangan_nama") or nd.get("penandatangan_jabatan"):
        jabatan, nama, nip = nd.get("penandatangan_jabatan") or "", nd.get("penandatangan_nama") or "", \
            nd.get("penandatangan_nip") or ""
    else:
        jabatan, nama, nip = k.get("kepala_jabatan") or "", k.get("kepala_nama") or "", k.get("kepala_nip") or ""
    jabatan = jabatan or "Kepala"
    if plh is None:
        plh = bool(nd.get("berhalangan"))
    if not plh:
        return Penandatangan(jabatan, nama, nip, jabatan)
    if not nd.get("plh_nama"):
        raise ValueError(N_("Pelaksana harian (Plh.) penanda tangan nota dinas belum diatur."))
    return Penandatangan(f"Plh. {jabatan}", nd["plh_nama"], nd.get("plh_nip") or "", jabatan)


def tembusan_nota_dinas() -> list[str]:
    """The default tembusan from the settings: the head of office unless the office set its own list."""
    own = get_setting("nota_dinas").get("tembusan")
    if own is None:
        kepala = office().get("kepala_jabatan")
        return [kepala] if kepala else []
    return [t for t in own if t]


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


def nomor_ditolak(exc: ValueError, field: str | None = None, *, surat_upg: bool = False) -> DomainError:
    """The refusal when the office's number format cannot make a number: format_nomor's reason inside, both in
    the page's language."""
    if surat_upg:
        return DomainError(N_("Pengaturan nomor surat UPG tidak sah: %(sebab)s", sebab=exc.args[0]), field)
    return DomainError(N_("Pengaturan nomor nota dinas salah: %(sebab)s", sebab=exc.args[0]), field)


def format_nomor(template: str, *, seq: int, kode_jabatan: str, kka: str, when: date) -> str:
    """Fill a letter-number template, e.g. "{seq}/{kode_jabatan}/{kka}/{mm}/{yyyy}" → "12/KPW/PP.01/11/2026".
    A bad template: ValueError with a core.errors.Message (Indonesian as a string; the settings page shows it in
    its own language)."""
    values = {"seq": seq, "kode_jabatan": kode_jabatan, "kka": kka,
              "mm": f"{when.month:02d}", "yyyy": f"{when.year:04d}"}
    allowed = ", ".join("{" + t + "}" for t in _NOMOR_TOKENS)
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise ValueError(N_("Templat nomor «%(templat)s» tidak sah (kurung kurawal tidak seimbang).",
                            templat=template)) from exc
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in values or conversion:
            raise ValueError(N_("Token «{%(token)s}» tidak dikenal dalam templat nomor; gunakan %(boleh)s.",
                                token=name, boleh=allowed))
        if spec and not (name == "seq" and _SEQ_PADDING.fullmatch(spec)):
            raise ValueError(N_("Format «{%(token)s:%(format)s}» tidak boleh dalam templat nomor; gunakan %(boleh)s "
                                "tanpa tambahan (nomor urut berawalan nol boleh, mis. {seq:03d}).",
                                token=name, format=spec, boleh=allowed))
    try:
        return template.format_map(values)
    except ValueError as exc:  # e.g. a format spec that does not fit, like {kka:d}
        raise ValueError(N_("Templat nomor «%(templat)s» tidak sah: %(sebab)s.", templat=template, sebab=str(exc))) from exc

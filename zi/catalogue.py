"""The ZI catalogue in the database: `load(tahun)` seeds a year from zi.catalogue_data, the rest reads it.

Loading is idempotent and never overwrites: a row that exists for the year (matched by its code) is left as
the administrator edited it, and only what is missing is added. Each year is its own copy, so a change of
regulation (or of wording) in one year leaves the answers and scores of earlier years as they were.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from core import audit
from core.errors import N_, DomainError, NotFoundError
from core.extensions import db
from zi import catalogue_data
from zi.models import ZiArea, ZiBuktiNama, ZiIndikator
from zi.scoring import SKOR_OPSI

KODE_YA_TIDAK = ("Ya", "Tidak")
TAHUN_MIN, TAHUN_MAX = 2000, 2100


@dataclass(frozen=True)
class HasilMuat:
    tahun: int
    area: int = 0
    indikator: int = 0
    bukti_nama: int = 0

    @property
    def baru(self) -> int:
        return self.area + self.indikator + self.bukti_nama


def kunci_dari_nama(nama: str) -> str:
    """A stable key for a bukti name the data gives no key: ascii words joined by '_' (at most 60)."""
    ascii_ = unicodedata.normalize("NFKD", nama).encode("ascii", "ignore").decode().lower()
    return "_".join(re.findall(r"[a-z0-9]+", ascii_))[:60].rstrip("_") or "bukti"


def kode_opsi(jenis: str) -> tuple[str, ...]:
    return tuple(SKOR_OPSI.get(jenis, {}))


def load(tahun: int) -> HasilMuat:
    """Seed the catalogue of `tahun` (areas, sub-areas, pertanyaan, isian, bukti names). Safe to repeat."""
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise DomainError(N_("Tahun katalog harus antara %(min)s dan %(max)s.", min=TAHUN_MIN, max=TAHUN_MAX), "tahun")
    areas = {a.kode: a for a in db.session.scalars(select(ZiArea).where(ZiArea.tahun == tahun))}
    nodes = {i.kode: i for i in db.session.scalars(select(ZiIndikator).where(ZiIndikator.tahun == tahun))}
    names = {(b.indikator_id, b.kunci) for b in db.session.scalars(
        select(ZiBuktiNama).join(ZiIndikator).where(ZiIndikator.tahun == tahun))}
    n_area = n_node = n_nama = 0

    def node(kode: str, **fields) -> ZiIndikator:
        nonlocal n_node
        if kode not in nodes:
            nodes[kode] = ZiIndikator(tahun=tahun, kode=kode, **fields)
            db.session.add(nodes[kode])
            n_node += 1
        return nodes[kode]

    for urut_area, a in enumerate(catalogue_data.AREAS, 1):
        area = areas.get(a["kode"])
        if area is None:
            area = ZiArea(tahun=tahun, kode=a["kode"], nama=a["nama"], jenis=a["jenis"], bobot=Decimal(a["bobot"]),
                          urutan=urut_area, juknis=a.get("juknis", ""), versi=catalogue_data.VERSI)
            db.session.add(area)
            n_area += 1
        db.session.flush()  # ids for the children
        for urut_sub, s in enumerate(a["sub_area"], 1):
            sub = node(s["kode"], area_id=area.id, tingkat="sub_area", komponen=s["komponen"], nama=s["nama"],
                       bobot=Decimal(s["bobot"]), juknis=s.get("juknis", ""), urutan=urut_sub)
            db.session.flush()
            for urut_q, q in enumerate(s["pertanyaan"], 1):
                item = node(f"{s['kode']}.{q['kode']}", area_id=area.id, parent_id=sub.id, tingkat="pertanyaan",
                            komponen=s["komponen"], nama=q["teks"], jenis_jawaban=q["jawaban"],
                            opsi=_opsi(q), rumus=q.get("rumus", {}), penjelasan=q.get("penjelasan", ""),
                            juknis=q.get("juknis", ""), juknis_teks=q.get("juknis_teks", ""),
                            kegiatan=list(q.get("kegiatan", [])), usulan=q.get("usulan", ""),
                            ditinjau=bool(q.get("ditinjau", False)), urutan=urut_q)
                db.session.flush()
                for urut_i, (kode_isian, teks) in enumerate(q.get("isian", []), 1):
                    node(f"{item.kode}.{kode_isian}", area_id=area.id, parent_id=item.id, tingkat="isian",
                         komponen=s["komponen"], nama=teks, jenis_jawaban="jumlah", urutan=urut_i)
                for urut_b, b in enumerate(q.get("bukti", []), 1):
                    b = {"nama": b} if isinstance(b, str) else b
                    kunci = b.get("kunci") or kunci_dari_nama(b["nama"])
                    if (item.id, kunci) in names:
                        continue
                    db.session.add(ZiBuktiNama(indikator_id=item.id, kunci=kunci, nama=b["nama"],
                                               jenis=b.get("jenis", ""), sumber=b.get("sumber", "juknis"),
                                               batas_tanpa=b.get("batas", ""), urutan=urut_b))
                    names.add((item.id, kunci))
                    n_nama += 1
    db.session.flush()
    result = HasilMuat(tahun, n_area, n_node, n_nama)
    if result.baru:
        audit.record("zi.katalog.muat", "zi_katalog", tahun,
                     {"area": n_area, "indikator": n_node, "bukti_nama": n_nama})
    return result


def _opsi(q: dict) -> list[dict]:
    """Option texts with their codes (A…E or Ya/Tidak); numeric questions have none."""
    texts = q.get("opsi", [])
    codes = kode_opsi(q["jawaban"])
    if codes and len(texts) != len(codes):
        raise ValueError(f"{q['teks']!r}: {len(texts)} teks pilihan untuk jenis {q['jawaban']}")
    return [{"kode": k, "teks": t} for k, t in zip(codes, texts)]


# --- reading ------------------------------------------------------------------------------------------

def ada(tahun: int) -> bool:
    return db.session.scalar(select(ZiArea.id).where(ZiArea.tahun == tahun).limit(1)) is not None


def tahun_tersedia() -> list[int]:
    """The years whose catalogue is loaded, latest first."""
    return list(db.session.scalars(select(ZiArea.tahun).distinct().order_by(ZiArea.tahun.desc())))


def areas(tahun: int) -> list[ZiArea]:
    return list(db.session.scalars(select(ZiArea).where(ZiArea.tahun == tahun).order_by(ZiArea.urutan)))


def indikator_tahun(tahun: int) -> dict[str, ZiIndikator]:
    """Every node of the year, by code (one query; children reachable through the dict)."""
    rows = db.session.scalars(select(ZiIndikator).where(ZiIndikator.tahun == tahun)
                              .order_by(ZiIndikator.area_id, ZiIndikator.urutan, ZiIndikator.id))
    return {i.kode: i for i in rows}


def item(tahun: int, kode: str) -> ZiIndikator:
    found = db.session.scalar(select(ZiIndikator).where(ZiIndikator.tahun == tahun, ZiIndikator.kode == kode))
    if found is None:
        raise NotFoundError(N_("Indikator %(kode)s tahun %(tahun)s tidak ada di katalog.", kode=kode, tahun=tahun))
    return found


def bukti_nama_tahun(tahun: int) -> list[ZiBuktiNama]:
    return list(db.session.scalars(select(ZiBuktiNama).join(ZiIndikator).where(ZiIndikator.tahun == tahun)
                                   .order_by(ZiIndikator.kode, ZiBuktiNama.urutan)))


def ubah_teks(indikator: ZiIndikator, *, nama: str | None = None, penjelasan: str | None = None,
              opsi_teks: dict[str, str] | None = None, actor=None) -> None:
    """The administrator corrects a wording (the regulation's text, or an option's); audited. Weights and
    option scores stay as the regulation sets them."""
    before = {"nama": indikator.nama, "penjelasan": indikator.penjelasan, "opsi": indikator.opsi}
    if nama is not None:
        nama = " ".join(nama.split())
        if not nama:
            raise DomainError("Rumusan indikator tidak boleh kosong.", "nama")
        indikator.nama = nama
    if penjelasan is not None:
        indikator.penjelasan = penjelasan.strip()
    if opsi_teks:
        known = {o["kode"] for o in indikator.opsi}
        if set(opsi_teks) - known:
            raise DomainError("Pilihan jawaban tidak dikenal untuk indikator ini.", "opsi")
        indikator.opsi = [{**o, "teks": opsi_teks.get(o["kode"], o["teks"]).strip() or o["teks"]}
                          for o in indikator.opsi]
    indikator.ditinjau = False
    audit.record("zi.katalog.ubah", "zi_indikator", indikator.id,
                 {"kode": indikator.kode, "tahun": indikator.tahun, "sebelum": before}, actor=actor)
    db.session.flush()

"""The whole LKE of a year in one place: catalogue × answers × proposals → scores per item, sub-area, area,
pengungkit, hasil, total, and the WBK/WBBM verdicts. What the dashboard, the export and the reports read.

An item's score is the officer's answer when there is one, else the proposal the records justify, else 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from core.extensions import db
from core.workdays import local_today
from zi import answers, catalogue, scoring
from zi.answers import Usulan
from zi.models import ZiArea, ZiIndikator, ZiJawaban


@dataclass
class Baris:
    """One pertanyaan of the sheet."""

    item: ZiIndikator
    jawaban: ZiJawaban | None
    usulan: Usulan | None

    @property
    def sumber(self) -> str:
        """jawaban (an officer's answer) / usulan (the records' proposal) / kosong."""
        if self.jawaban is not None:
            return "jawaban"
        return "usulan" if self.usulan is not None and self.usulan.ada else "kosong"

    @property
    def nilai(self) -> Decimal | None:
        if self.jawaban is not None:
            return Decimal(self.jawaban.nilai)
        return self.usulan.nilai if self.usulan is not None else None

    @property
    def pilihan(self) -> str | None:
        if self.jawaban is not None:
            return self.jawaban.pilihan
        return self.usulan.pilihan if self.usulan is not None else None

    @property
    def angka(self) -> Decimal | None:
        if self.jawaban is not None:
            return self.jawaban.angka
        return self.usulan.angka if self.usulan is not None else None

    @property
    def menyimpang(self) -> bool:
        """The officer's answer departs from what the records justify."""
        u = self.usulan
        if self.jawaban is None or u is None or not u.ada:
            return False
        if u.pilihan is not None:
            return self.jawaban.pilihan != u.pilihan
        return scoring.dua_desimal(self.jawaban.angka or 0) != scoring.dua_desimal(u.angka or 0)


@dataclass
class SubAreaLembar:
    item: ZiIndikator
    baris: list[Baris]
    skor: scoring.SubArea


@dataclass
class AreaLembar:
    area: ZiArea
    sub_area: list[SubAreaLembar]
    skor: scoring.Area


@dataclass
class Lembar:
    tahun: int
    areas: list[AreaLembar]
    hasil: AreaLembar | None
    rekap: scoring.Rekap
    dibuat: date = field(default_factory=local_today)

    @property
    def baris(self) -> list[Baris]:
        parts = self.areas + ([self.hasil] if self.hasil else [])
        return [b for a in parts for s in a.sub_area for b in s.baris]

    def cari(self, kode: str) -> Baris:
        return next(b for b in self.baris if b.item.kode == kode)


def lembar(tahun: int, today: date | None = None, *, dengan_usulan: bool = True) -> Lembar:
    """The year's sheet, scored. `dengan_usulan=False` scores the officers' answers alone."""
    today = today or local_today()
    areas = catalogue.areas(tahun)
    nodes = list(db.session.scalars(select(ZiIndikator).where(ZiIndikator.tahun == tahun)
                                    .options(selectinload(ZiIndikator.bukti_nama))
                                    .order_by(ZiIndikator.urutan, ZiIndikator.id)))
    saved = {j.indikator_id: j for j in db.session.scalars(select(ZiJawaban).where(ZiJawaban.tahun == tahun))}
    proposals = answers.usulan_tahun(tahun, today) if dengan_usulan else {}
    children: dict[int | None, list[ZiIndikator]] = {}
    for n in nodes:
        children.setdefault(n.parent_id, []).append(n)

    out_areas, hasil_area = [], None
    for area in areas:
        subs = []
        for sub in (n for n in children.get(None, []) if n.area_id == area.id):
            rows = [Baris(q, saved.get(q.id), proposals.get(q.kode)) for q in children.get(sub.id, [])
                    if q.tingkat == "pertanyaan"]
            skor = scoring.SubArea(sub.kode, sub.komponen, Decimal(sub.bobot), tuple(r.nilai for r in rows))
            subs.append(SubAreaLembar(sub, rows, skor))
        al = AreaLembar(area, subs, scoring.nilai_area(area.kode, area.nama, area.bobot, [s.skor for s in subs]))
        if area.jenis == "hasil":
            hasil_area = al
        else:
            out_areas.append(al)
    return Lembar(tahun, out_areas, hasil_area, scoring.rekap([a.skor for a in out_areas], _hasil(hasil_area)),
                  today)


def _hasil(area: AreaLembar | None) -> scoring.Hasil:
    """IPAK and IPKP (indices, found by their rule keys) and capaian kinerja (a score) from the hasil rows."""
    if area is None:
        return scoring.hasil(None, None)
    found: dict[str, Decimal | None] = {"ipak": None, "ipkp": None}
    capaian = scoring.NOL
    for sub in area.sub_area:
        for b in sub.baris:
            if b.item.usulan in found:
                found[b.item.usulan] = b.angka
            else:
                capaian = b.nilai or scoring.NOL
    return scoring.hasil(found["ipak"], found["ipkp"], capaian)

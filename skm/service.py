"""Every rule of the surveys: services, periods, questionnaire, answers, imports, results, follow-up.

Plain functions with explicit arguments; they raise DomainError and never return HTTP. The web form, the
JSON API, the CLI and the admin pages call these, and all results come from skm.calculator.hitung_ikm.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache

from sqlalchemy import and_, bindparam, func, select, text, update

from core import attachments, audit
from core.crypto import new_code, normalize_code
from core.errors import N_, DomainError, Message, NotAllowed, NotFoundError, catalogue_word
from core.extensions import db
from core.forms import clean_text
from core.models import Role, Unit
from core.workdays import local_today, utcnow
from skm import vocab
from skm.berkas import Bacaan, BerkasError, KolomUnsur, baca, daftar_baris
from skm.calculator import (JENIS_PERSEPSI, UNSUR_KODE, UNSUR_NAMA, HasilIkm, HasilPersepsi, Prediksi, Sampel,
                            hitung_ikm, hitung_persepsi, normalisasi_metode, sampel)
from skm.models import (PersepsiItem, PersepsiJawaban, PersepsiRespon, SkmImpor, SkmKode, SkmLayanan, SkmPeriode,
                        SkmPertanyaan, SkmRespon, SkmTindakLanjut)
from skm.workflow import TINDAK_LANJUT, peran

JENIS_PERIODE = {"triwulan": "Triwulan", "semester": "Semester", "tahunan": "Tahunan", "lainnya": "Lainnya"}
_KODE_LAYANAN = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")
KODE_TERPAKAI = {"hasil", "persepsi"}  # paths under /survei that are not services
_UNSUR_COLS = [getattr(SkmRespon, k.lower()) for k in UNSUR_KODE]


# --- questionnaire ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pertanyaan:
    kode: str
    nama: str
    urutan: int
    pertanyaan: str
    label: tuple[str, str, str, str]
    # the office's English wording ("" where not given: the catalogue's entry, else the Indonesian)
    pertanyaan_en: str = ""
    label_en: tuple[str, str, str, str] = ("", "", "", "")


def kuesioner() -> list[Pertanyaan]:
    """The nine questions in the office's order and wording (defaults where not edited)."""
    stored = {p.kode: p for p in db.session.scalars(select(SkmPertanyaan))}
    out = []
    for i, kode in enumerate(UNSUR_KODE, 1):
        row = stored.get(kode)
        if row:
            out.append(Pertanyaan(kode, UNSUR_NAMA[kode], row.urutan, row.pertanyaan,
                                  (row.label_1, row.label_2, row.label_3, row.label_4), row.pertanyaan_en or "",
                                  tuple(x or "" for x in (row.label_1_en, row.label_2_en, row.label_3_en,
                                                          row.label_4_en))))
        else:
            text, labels = vocab.PERTANYAAN_BAWAAN[kode]
            out.append(Pertanyaan(kode, UNSUR_NAMA[kode], i, text, labels))
    return sorted(out, key=lambda p: (p.urutan, p.kode))


def simpan_pertanyaan(kode: str, pertanyaan: str, label: list[str], urutan: int, actor=None, *,
                      pertanyaan_en: str = "", label_en: list[str] | None = None) -> None:
    """The office's wording of one question; the English one (optional, per label too) is shown on ?lang=en."""
    if kode not in UNSUR_KODE:
        raise NotFoundError("Unsur tidak dikenal.")
    pertanyaan = clean_text(pertanyaan)
    label = [clean_text(x) for x in label]
    if not pertanyaan:
        raise DomainError("Teks pertanyaan wajib diisi.", field="pertanyaan")
    if len(label) != 4 or not all(label):
        raise DomainError("Keempat label jawaban (nilai 1 sampai 4) wajib diisi.", field="label_1")
    if not 1 <= urutan <= 9:
        raise DomainError("Urutan tampil 1–9.", field="urutan")
    row = db.session.get(SkmPertanyaan, kode) or SkmPertanyaan(kode=kode)
    row.pertanyaan, row.urutan = pertanyaan, urutan
    row.label_1, row.label_2, row.label_3, row.label_4 = label
    row.pertanyaan_en = clean_text(pertanyaan_en)[:1000] or None
    row.label_1_en, row.label_2_en, row.label_3_en, row.label_4_en = \
        [clean_text(x)[:100] or None for x in (label_en or ["", "", "", ""])]
    db.session.add(row)
    audit.record("skm.kuesioner.ubah", "skm_pertanyaan", kode, {"urutan": urutan}, actor=actor)


# --- services and periods ---------------------------------------------------------------------------

def layanan_aktif() -> list[SkmLayanan]:
    return list(db.session.scalars(select(SkmLayanan).where(SkmLayanan.aktif).order_by(SkmLayanan.nama)))


def semua_layanan() -> list[SkmLayanan]:
    return list(db.session.scalars(select(SkmLayanan).order_by(SkmLayanan.nama)))


def layanan_by_kode(kode: str, *, aktif_saja: bool = True) -> SkmLayanan:
    row = db.session.scalar(select(SkmLayanan).where(SkmLayanan.kode == (kode or "").strip().lower()))
    if row is None or (aktif_saja and not row.aktif):
        raise NotFoundError("Layanan tidak ditemukan atau survei untuk layanan ini tidak dibuka.")
    return row


def kode_layanan(*, aktif_saja: bool) -> list[str]:
    q = select(SkmLayanan.kode).order_by(SkmLayanan.kode)
    return list(db.session.scalars(q.where(SkmLayanan.aktif) if aktif_saja else q))


def ada_wajib_kode() -> bool:
    """Whether an open service asks its respondents for a one-time code."""
    return db.session.scalar(select(SkmLayanan.id).where(SkmLayanan.aktif, SkmLayanan.wajib_kode).limit(1)) is not None


def periode_publik_ids() -> list[int]:
    return list(db.session.scalars(select(SkmPeriode.id).where(SkmPeriode.publik).order_by(SkmPeriode.id)))


def simpan_layanan(layanan: SkmLayanan | None, *, kode: str, nama: str, unit_id: int, populasi: int | None,
                   wajib_kode: bool, aktif: bool = True, actor=None, nama_en: str | None = None) -> SkmLayanan:
    """`nama_en`: the English name for ?lang=en ("" clears it; None keeps it)."""
    kode = (kode or "").strip().lower()
    nama = clean_text(nama)
    if not _KODE_LAYANAN.match(kode):
        raise DomainError("Kode tautan: 1–40 huruf kecil, angka atau tanda hubung (contoh: kb-konseling).",
                          field="kode")
    if kode in KODE_TERPAKAI:
        raise DomainError(N_("Kode tautan «%(kode)s» dipakai halaman lain; pilih kode lain.", kode=kode), field="kode")
    if not nama:
        raise DomainError("Nama layanan wajib diisi.", field="nama")
    if db.session.get(Unit, unit_id) is None:
        raise DomainError("Pilih unit pemilik layanan.", field="unit_id")
    if populasi is not None and populasi < 1:
        raise DomainError("Populasi harus bilangan bulat positif atau dikosongkan.", field="populasi")
    other = db.session.scalar(select(SkmLayanan).where(SkmLayanan.kode == kode))
    if other is not None and other is not layanan:
        raise DomainError(N_("Kode tautan «%(kode)s» sudah dipakai layanan lain.", kode=kode), field="kode")
    baru = layanan is None
    layanan = layanan or SkmLayanan()
    layanan.kode, layanan.nama, layanan.unit_id = kode, nama, unit_id
    layanan.populasi, layanan.wajib_kode, layanan.aktif = populasi, wajib_kode, aktif
    if nama_en is not None:
        layanan.nama_en = clean_text(nama_en)[:200] or None
    db.session.add(layanan)
    db.session.flush()
    audit.record("skm.layanan." + ("buat" if baru else "ubah"), "skm_layanan", layanan.id,
                 {"kode": kode, "aktif": aktif, "wajib_kode": wajib_kode}, actor=actor)
    return layanan


def semua_periode() -> list[SkmPeriode]:
    return list(db.session.scalars(select(SkmPeriode).order_by(SkmPeriode.mulai.desc(), SkmPeriode.selesai)))


def periode_or_404(periode_id: int, *, publik: bool = False) -> SkmPeriode:
    p = db.session.get(SkmPeriode, periode_id)
    if p is None or (publik and not p.publik):
        raise NotFoundError("Periode survei tidak ditemukan.")
    return p


def cari_periode(teks: str) -> SkmPeriode:
    """A period by id or by exact name (for the CLI's --periode)."""
    teks = (teks or "").strip()
    p = db.session.get(SkmPeriode, int(teks)) if teks.isdigit() else None
    p = p or db.session.scalar(select(SkmPeriode).where(func.lower(SkmPeriode.nama) == teks.lower()))
    if p is None:
        raise NotFoundError(N_("Periode «%(teks)s» tidak ada.", teks=teks))
    return p


def periode_berjalan(pada: date | None = None) -> SkmPeriode | None:
    """The shortest period covering the date (a triwulan before its semester)."""
    pada = pada or local_today()
    rows = db.session.scalars(select(SkmPeriode).where(SkmPeriode.mulai <= pada, SkmPeriode.selesai >= pada))
    return min(rows, key=lambda p: (p.selesai - p.mulai, p.id), default=None)


def simpan_periode(periode: SkmPeriode | None, *, nama: str, jenis: str, mulai: date, selesai: date,
                   metode_bobot: str = "1/9", publik: bool = True, target_unsur: Decimal | None = None,
                   actor=None) -> SkmPeriode:
    """Create a period, or change one; `target_unsur` is the office's target for every unsur (konversi 25–100)."""
    nama = clean_text(nama)
    if not nama:
        raise DomainError("Nama periode wajib diisi.", field="nama")
    if jenis not in JENIS_PERIODE:
        raise DomainError("Jenis periode tidak dikenal.", field="jenis")
    if mulai > selesai:
        raise DomainError("Tanggal mulai harus sebelum atau sama dengan tanggal selesai.", field="selesai")
    try:
        metode = normalisasi_metode(metode_bobot)
    except ValueError as e:
        raise DomainError(str(e), field="metode_bobot") from e
    if target_unsur is not None and not Decimal(25) <= target_unsur <= Decimal(100):
        raise DomainError("Target 25–100 (skala IKM konversi), atau kosongkan.", field="target_unsur")
    other = db.session.scalar(select(SkmPeriode).where(func.lower(SkmPeriode.nama) == nama.lower()))
    if other is not None and other is not periode:
        raise DomainError(N_("Periode «%(nama)s» sudah ada.", nama=nama), field="nama")
    baru = periode is None
    p = periode or SkmPeriode()
    p.nama, p.jenis, p.mulai, p.selesai, p.metode_bobot, p.publik = nama, jenis, mulai, selesai, metode, publik
    p.target_unsur = None if target_unsur is None else target_unsur.quantize(Decimal("0.01"))
    db.session.add(p)
    db.session.flush()
    audit.record("skm.periode." + ("buat" if baru else "ubah"), "skm_periode", p.id,
                 {"nama": nama, "metode_bobot": metode, "target_unsur": None if p.target_unsur is None
                  else str(p.target_unsur)}, actor=actor)
    return p


def buat_periode(*, nama: str, jenis: str, mulai: date, selesai: date, metode_bobot: str = "1/9",
                 publik: bool = True, target_unsur: Decimal | None = None, actor=None) -> SkmPeriode:
    return simpan_periode(None, nama=nama, jenis=jenis, mulai=mulai, selesai=selesai, metode_bobot=metode_bobot,
                          publik=publik, target_unsur=target_unsur, actor=actor)


def catat_poster_dicetak(periode: SkmPeriode, ukuran: str, actor=None) -> None:
    """The first poster printed by the survey manager is the offline publication the LKE asks about."""
    if periode.poster_dicetak_pada is None:
        periode.poster_dicetak_pada = utcnow()
        audit.record("skm.poster", "skm_periode", periode.id, {"ukuran": ukuran}, actor=actor)


def periode_triwulan(tahun: int, ke: int) -> tuple[str, date, date]:
    start = date(tahun, 3 * ke - 2, 1)
    end = date(tahun + (ke == 4), (3 * ke) % 12 + 1, 1)
    from datetime import timedelta

    return f"Triwulan {'I II III IV'.split()[ke - 1]} {tahun}", start, end - timedelta(days=1)


# --- answering --------------------------------------------------------------------------------------

@dataclass
class ResponBaru:
    jawaban: dict[str, int]
    jenis_kelamin: str | None = None
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    saran: str = ""
    tanggal: date | None = None


_USIA = catalogue_word(N_("Usia"))


class _Kalimat(Message):
    """A value's fault (skm.vocab, lowercase) as a sentence of its own, in either language: a capital first
    letter and a full stop."""

    def __new__(cls, salah: str):
        salah = catalogue_word(salah)
        self = str.__new__(cls, _kalimat(salah))
        self.msgid, self.values, self.salah = salah.msgid, salah.values, salah
        return self

    def __reduce__(self):
        return _Kalimat, (self.salah,)

    def in_lang(self, lang: str, gettext) -> str:
        return _kalimat(self.salah.in_lang(lang, gettext))


def _kalimat(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}."


def _periksa_respon(data: ResponBaru, *, profil_wajib: bool) -> ResponBaru:
    """Normalise and check one respondent; raises DomainError naming the first bad field."""
    jawaban = {}
    for kode in UNSUR_KODE:
        value = data.jawaban.get(kode)
        if value is None or value == "":
            raise DomainError(N_("Pertanyaan %(kode)s (%(unsur)s) belum dijawab.", kode=kode,
                                 unsur=catalogue_word(UNSUR_NAMA[kode])), field=kode)
        try:
            jawaban[kode] = vocab.bilangan_bulat(value, kode, 1, 4)
        except vocab.NilaiSalah as e:
            raise DomainError(N_("Jawaban %(salah)s.", salah=e.pesan), field=kode) from e
    extra = set(data.jawaban) - set(UNSUR_KODE)
    if extra:
        raise DomainError(N_("Unsur tidak dikenal: %(unsur)s.", unsur=", ".join(sorted(map(str, extra)))), field="jawaban")
    out = ResponBaru(jawaban=jawaban, saran=clean_text(data.saran)[:2000], tanggal=data.tanggal)
    for name, parse in (("jenis_kelamin", vocab.jenis_kelamin), ("pendidikan", vocab.pendidikan),
                        ("pekerjaan", vocab.pekerjaan),
                        ("usia", lambda v: vocab.bilangan_bulat(v, _USIA, vocab.USIA_MIN, vocab.USIA_MAX))):
        value = getattr(data, name)
        if value is None or value == "":
            if profil_wajib:
                raise DomainError("Wajib diisi.", field=name)
            continue
        try:
            setattr(out, name, parse(value))
        except vocab.NilaiSalah as e:
            raise DomainError(_Kalimat(e.pesan), field=name) from e
    return out


def _token(token: str | None) -> str | None:
    return (token or "").strip()[:64] or None


def _bertoken(model, token: str | None):
    return db.session.scalar(select(model).where(model.token == token)) if token else None


def _sisip_sekali(model, values: dict) -> int | None:
    """INSERT one answer row; with a token, ON CONFLICT DO NOTHING: a double submit, even a concurrent one,
    is one row (None: the token's row exists). No savepoint: under pysqlite a SAVEPOINT opened before the
    transaction has written anything begins it, and its RELEASE commits the whole unit of work."""
    defaults = {c.name: c.default.arg for c in model.__table__.c
                if c.default is not None and c.default.is_scalar and c.name not in values}
    values = {**defaults, **values}  # the plain INSERT below does not apply the columns' defaults itself
    stmt = _sisip(model, tuple(values), bool(values.get("token")))
    return db.session.connection().execute(stmt, values).scalar()


@cache
def _sisip(model, columns: tuple[str, ...], sekali: bool):
    """The INSERT for these columns, in SQL that SQLite and PostgreSQL both speak, with typed binds.

    Plain text because SQLAlchemy compiles a dialect INSERT … ON CONFLICT anew on every execution (its
    cache key is off); this one is compiled once per process."""
    table = model.__table__
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})"
           + (" ON CONFLICT (token) DO NOTHING" if sekali else "") + " RETURNING id")
    return (text(sql).bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))
            .columns(table.c.id))


def kirim_respon(layanan: SkmLayanan, data: ResponBaru, *, sumber: str, token: str | None = None,
                 kode_sekali: str | None = None) -> SkmRespon:
    """Store one answer. The same token twice returns the first row (a double submit is one respondent)."""
    if not layanan.aktif:
        raise NotAllowed("Survei untuk layanan ini sedang ditutup.")
    token = _token(token)
    existing = _bertoken(SkmRespon, token)
    if existing is not None:
        return existing
    data = _periksa_respon(data, profil_wajib=True)
    kode_row = None
    if layanan.wajib_kode or (kode_sekali or "").strip():
        kode_row = _ambil_kode(layanan, kode_sekali)
    respon_id = _sisip_sekali(SkmRespon, dict(
        layanan_id=layanan.id, tanggal=local_today(), sumber=sumber, token=token,
        jenis_kelamin=data.jenis_kelamin, usia=data.usia, pendidikan=data.pendidikan, pekerjaan=data.pekerjaan,
        saran=data.saran, impor_id=None, **{k.lower(): v for k, v in data.jawaban.items()}))
    if respon_id is None:  # a concurrent submit with the same token won: it is the one respondent
        return _bertoken(SkmRespon, token)
    if kode_row is not None:
        _pakai_kode(kode_row)
    return db.session.get(SkmRespon, respon_id)


def _ambil_kode(layanan: SkmLayanan, kode: str | None) -> SkmKode:
    if not (kode or "").strip():
        raise DomainError("Masukkan kode survei yang tercetak pada bukti layanan Anda.", field="kode")
    row = db.session.scalar(select(SkmKode).where(SkmKode.kode == normalize_code(kode),
                                                  SkmKode.layanan_id == layanan.id))
    if row is None:
        raise DomainError("Kode survei tidak dikenal untuk layanan ini. Periksa kembali bukti layanan Anda.",
                          field="kode")
    if row.dipakai_pada is not None:
        raise _kode_dipakai()
    return row


def _kode_dipakai() -> DomainError:
    return DomainError("Kode survei ini sudah dipakai. Setiap kode hanya untuk satu kali pengisian.", field="kode")


def _pakai_kode(row: SkmKode) -> None:
    """Spend the code in one conditional UPDATE: of two concurrent answers with one code, the second finds
    it spent (and its answer is rolled back with the refusal)."""
    spent = db.session.execute(update(SkmKode).where(SkmKode.id == row.id, SkmKode.dipakai_pada.is_(None))
                               .values(dipakai_pada=utcnow()))
    if spent.rowcount != 1:
        raise _kode_dipakai()


def buat_kode(layanan: SkmLayanan, jumlah: int, actor=None) -> list[str]:
    """One-time codes to print on service receipts (40 bits: unguessable within the rate limit)."""
    if not 1 <= jumlah <= 1000:
        raise DomainError("Jumlah kode 1–1000 per kali buat.", field="jumlah")
    codes = []
    for _ in range(jumlah):
        code = new_code(40)
        db.session.add(SkmKode(kode=code, layanan_id=layanan.id))
        codes.append(code)
    db.session.flush()
    audit.record("skm.kode.buat", "skm_layanan", layanan.id, {"jumlah": jumlah}, actor=actor)
    return codes


def kode_belum_dipakai(layanan: SkmLayanan) -> list[str]:
    return list(db.session.scalars(select(SkmKode.kode).where(SkmKode.layanan_id == layanan.id,
                                                               SkmKode.dipakai_pada.is_(None))
                                   .order_by(SkmKode.id)))


# --- import -----------------------------------------------------------------------------------------

class ImporGagal(DomainError):
    """The file has bad rows: nothing was imported; `kesalahan` lists them by row number."""

    def __init__(self, message: str, kesalahan: list[str], pemetaan: list[KolomUnsur] | None = None):
        super().__init__(message, field="berkas")
        self.kesalahan = kesalahan
        self.pemetaan = pemetaan or []  # how the header was read: often the reason a file looks wrong


def impor_berkas(layanan: SkmLayanan, periode: SkmPeriode, data: bytes, nama: str, *, actor=None) -> SkmImpor:
    """Read a CSV/XLSX file and import it (the upload page and `flask skm import`)."""
    try:
        bacaan = baca(data, nama)
    except BerkasError as e:
        raise DomainError(e.message, field="berkas") from e
    return impor(layanan, periode, bacaan, sha256=hashlib.sha256(data).hexdigest(), actor=actor)


def pemetaan_impor(batch: SkmImpor) -> list[KolomUnsur]:
    """How the imported file's header was read (none recorded for imports made before it was)."""
    return [KolomUnsur(**m) for m in batch.pemetaan or []]


def impor_or_404(impor_id: int) -> SkmImpor:
    batch = db.session.get(SkmImpor, impor_id)
    if batch is None:
        raise NotFoundError("Impor tidak ditemukan.")
    return batch


def impor(layanan: SkmLayanan, periode: SkmPeriode, bacaan: Bacaan, *, sha256: str, actor=None) -> SkmImpor:
    """Import every row or none. Rows without a date are dated on the period's last day."""
    errors = list(bacaan.kesalahan)
    for row in bacaan.baris:
        if row.tanggal and not periode.mulai <= row.tanggal <= periode.selesai:
            errors.append((row.baris, N_("tanggal %(tanggal)s di luar periode %(periode)s (%(mulai)s–%(selesai)s)",
                                         tanggal=row.tanggal.strftime("%d/%m/%Y"), periode=periode.nama,
                                         mulai=periode.mulai.strftime("%d/%m/%Y"),
                                         selesai=periode.selesai.strftime("%d/%m/%Y"))))
        if row.layanan and row.layanan not in (layanan.kode, layanan.nama.strip().lower()):
            errors.append((row.baris, N_("kolom layanan «%(isi)s» bukan layanan %(layanan)s", isi=row.layanan,
                                         layanan=layanan.nama)))
    if errors:
        errors.sort()
        raise ImporGagal(N_("Tidak ada yang diimpor: %(n)s baris bermasalah. Perbaiki lalu unggah lagi.",
                            n=len(errors)), daftar_baris(errors), bacaan.pemetaan)
    if not bacaan.baris:
        raise DomainError("Berkas tidak berisi data responden.", field="berkas")
    if db.session.scalar(select(SkmImpor.id).where(SkmImpor.layanan_id == layanan.id, SkmImpor.sha256 == sha256)):
        raise DomainError("Berkas yang sama persis sudah pernah diimpor untuk layanan ini; tidak diimpor lagi.",
                          field="berkas")
    batch = SkmImpor(layanan_id=layanan.id, periode_id=periode.id, nama_berkas=bacaan.nama, sha256=sha256,
                     jumlah=len(bacaan.baris), oleh_id=getattr(actor, "id", None),
                     pemetaan=[m.as_dict() for m in bacaan.pemetaan])
    db.session.add(batch)
    db.session.flush()
    db.session.execute(SkmRespon.__table__.insert(), [
        {"layanan_id": layanan.id, "tanggal": row.tanggal or periode.selesai, "sumber": "impor",
         "jenis_kelamin": row.jenis_kelamin, "usia": row.usia, "pendidikan": row.pendidikan,
         "pekerjaan": row.pekerjaan, "saran": row.saran, "token": None, "impor_id": batch.id,
         **{k.lower(): v for k, v in row.jawaban.items()}} for row in bacaan.baris])
    audit.record("skm.impor", "skm_impor", batch.id, {"layanan": layanan.kode, "periode": periode.id,
                                                      "jumlah": batch.jumlah, "sha256": sha256}, actor=actor)
    return batch


# --- results (computed in the database, then the one calculator) -------------------------------------

def _filter(periode: SkmPeriode, layanan: SkmLayanan | None):
    cond = and_(SkmRespon.tanggal >= periode.mulai, SkmRespon.tanggal <= periode.selesai)
    if layanan is not None:
        cond = and_(cond, SkmRespon.layanan_id == layanan.id)
    return cond


def jumlah_per_unsur(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> dict[str, tuple[int, int]]:
    """Σ and COUNT per unsur in SQL: one pass over the period's rows, whatever their number."""
    row = db.session.execute(select(*[func.sum(c) for c in _UNSUR_COLS], *[func.count(c) for c in _UNSUR_COLS])
                             .where(_filter(periode, layanan))).one()
    return {k: (int(row[i] or 0), int(row[9 + i] or 0)) for i, k in enumerate(UNSUR_KODE)}


def hasil(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> HasilIkm:
    return hitung_ikm(jumlah_per_unsur(periode, layanan), periode.metode_bobot)


def hasil_per_layanan(periode: SkmPeriode) -> list[tuple[SkmLayanan, HasilIkm]]:
    """IKM of every service in the period from one GROUP BY query."""
    rows = db.session.execute(
        select(SkmRespon.layanan_id, *[func.sum(c) for c in _UNSUR_COLS], *[func.count(c) for c in _UNSUR_COLS])
        .where(_filter(periode, None)).group_by(SkmRespon.layanan_id)).all()
    by_id = {r[0]: {k: (int(r[1 + i] or 0), int(r[10 + i] or 0)) for i, k in enumerate(UNSUR_KODE)} for r in rows}
    empty = {k: (0, 0) for k in UNSUR_KODE}
    return [(lay, hitung_ikm(by_id.get(lay.id, empty), periode.metode_bobot)) for lay in semua_layanan()
            if lay.aktif or lay.id in by_id]


def ukuran_sampel(periode: SkmPeriode, layanan: SkmLayanan | None, responden: int) -> Sampel:
    if layanan is not None:
        return sampel(layanan.populasi, responden)
    pops = [lay.populasi for lay in layanan_aktif()]
    return sampel(sum(pops) if pops and all(pops) else None, responden)


PROFIL_KOLOM = {"jenis_kelamin": ("Jenis kelamin", vocab.JENIS_KELAMIN),
                "pendidikan": ("Pendidikan", vocab.PENDIDIKAN),
                "pekerjaan": ("Pekerjaan", vocab.PEKERJAAN)}


def profil(periode: SkmPeriode, layanan: SkmLayanan | None = None) -> list[tuple[str, list[tuple[str, int]]]]:
    """Respondents by profile (GROUP BY in SQL), every choice listed even at zero."""
    out = []
    where = _filter(periode, layanan)
    for col, (title, labels) in PROFIL_KOLOM.items():
        column = getattr(SkmRespon, col)
        counts = dict(db.session.execute(select(column, func.count()).where(where).group_by(column)).all())
        rows = [(label, int(counts.get(code, 0))) for code, label in labels.items()]
        if counts.get(None):
            rows.append(("Tidak diisi", int(counts[None])))
        out.append((title, rows))
    usia = dict(db.session.execute(select(SkmRespon.usia, func.count()).where(where)
                                   .group_by(SkmRespon.usia)).all())
    groups: dict[str, int] = {label: 0 for _, _, label in vocab.KELOMPOK_USIA}
    for age, n in usia.items():
        key = vocab.kelompok_usia(age)
        groups[key] = groups.get(key, 0) + int(n)
    out.insert(1, ("Usia", list(groups.items())))
    return out


def tren(layanan: SkmLayanan | None = None, *, publik: bool = False, batas: int = 8) -> list[tuple[SkmPeriode, HasilIkm]]:
    periods = [p for p in semua_periode() if p.publik or not publik][:batas]
    return [(p, hasil(p, layanan)) for p in reversed(periods)]


def saran(periode: SkmPeriode, layanan: SkmLayanan | None = None, batas: int = 200) -> list[str]:
    rows = db.session.scalars(select(SkmRespon.saran).where(_filter(periode, layanan), SkmRespon.saran != "")
                              .order_by(SkmRespon.id.desc()).limit(batas))
    return [s for s in rows if s.strip()]


# --- follow-up (tindak lanjut) ------------------------------------------------------------------------

BUKTI_TL = "skm_tindak_lanjut"  # owner type of the evidence files
# who sees every unit's improvement actions; a unit officer sees and moves only its own unit's
PEMBACA_TL = (Role.pengelola_skm, Role.pimpinan, Role.tpi)


class TidakBerwenang(DomainError):
    """The object exists, but is not this user's to open or change."""

    status = 403


def _lihat_semua_tl(user) -> bool:
    return user.has_role(*PEMBACA_TL)


def boleh_ubah_tl(tl: SkmTindakLanjut, user) -> bool:
    """The survey manager changes every action; a unit officer only its own unit's."""
    return user.has_role(Role.pengelola_skm) or (user.has_role(Role.unit) and user.unit_id == tl.unit_id)


def get_visible_tl(tl_id: int, user, *, ubah: bool = False) -> SkmTindakLanjut:
    """The improvement action if this user may see it (and, with `ubah`, change it)."""
    tl = db.session.get(SkmTindakLanjut, tl_id)
    if tl is None:
        raise NotFoundError("Rencana tindak lanjut tidak ditemukan.")
    mine = user.has_role(Role.unit) and user.unit_id is not None and user.unit_id == tl.unit_id
    if not (_lihat_semua_tl(user) or mine) or (ubah and not boleh_ubah_tl(tl, user)):
        raise TidakBerwenang("Anda tidak memiliki hak untuk membuka halaman ini.")
    return tl


def tindak_lanjut_terlihat(user, periode: SkmPeriode | None = None) -> list[SkmTindakLanjut]:
    """The actions this user may see: every unit's for the readers, else the own unit's."""
    return tindak_lanjut(periode, None if _lihat_semua_tl(user) else user.unit_id or -1)


def bisa_ubah_tl(tl: SkmTindakLanjut, user) -> list[str]:
    """The statuses this user may move the action to."""
    if not boleh_ubah_tl(tl, user):
        return []
    return TINDAK_LANJUT.actions_for(tl, peran(user))


def buat_tindak_lanjut(*, periode: SkmPeriode, layanan: SkmLayanan | None, unsur: str, masalah: str,
                       rencana: str, unit_id: int, tenggat: date, actor=None) -> SkmTindakLanjut:
    if unsur not in UNSUR_KODE:
        raise DomainError("Pilih unsur yang ditindaklanjuti.", field="unsur")
    masalah, rencana = clean_text(masalah), clean_text(rencana)
    if not rencana:
        raise DomainError("Rencana perbaikan wajib diisi.", field="rencana")
    if db.session.get(Unit, unit_id) is None:
        raise DomainError("Pilih unit penanggung jawab.", field="unit_id")
    if tenggat < periode.mulai:
        raise DomainError("Tenggat tidak boleh sebelum awal periode survei.", field="tenggat")
    tl = SkmTindakLanjut(periode_id=periode.id, layanan_id=layanan.id if layanan else None, unsur=unsur,
                         masalah=masalah, rencana=rencana, unit_id=unit_id, tenggat=tenggat, status="rencana",
                         dibuat_oleh_id=getattr(actor, "id", None))
    db.session.add(tl)
    db.session.flush()
    audit.record("skm.tl.buat", "skm_tindak_lanjut", tl.id, {"periode": periode.id, "unsur": unsur,
                                                             "unit": unit_id}, actor=actor)
    return tl


def ubah_status_tl(tl: SkmTindakLanjut, status: str, user, *, hasil_tl: str = "") -> None:
    if not boleh_ubah_tl(tl, user):
        raise TidakBerwenang("Rencana tindak lanjut ini milik unit lain.")
    TINDAK_LANJUT.check(tl, status, peran(user))
    hasil_tl = clean_text(hasil_tl)
    if status == "selesai" and not (hasil_tl or tl.hasil):
        raise DomainError("Tuliskan hasil perbaikan yang sudah dilakukan sebelum menandai selesai.", field="hasil")
    before = tl.status
    tl.status = status
    if hasil_tl:
        tl.hasil = hasil_tl
    tl.selesai_pada = local_today() if status == "selesai" else None
    audit.record("skm.tl.status", "skm_tindak_lanjut", tl.id, {"dari": before, "ke": status}, actor=user)


def tambah_bukti_tl(tl: SkmTindakLanjut, berkas: list, user) -> None:
    """Attach checked files (core.attachments.inspect_files) as evidence of the action."""
    if not boleh_ubah_tl(tl, user):
        raise TidakBerwenang("Rencana tindak lanjut ini milik unit lain.")
    for clean in berkas:
        attachments.save_clean(clean, BUKTI_TL, tl.id)
    audit.record("skm.tl.bukti", BUKTI_TL, tl.id, {"jumlah": len(berkas)}, actor=user)


def tindak_lanjut(periode: SkmPeriode | None = None, unit_id: int | None = None) -> list[SkmTindakLanjut]:
    q = select(SkmTindakLanjut).order_by(SkmTindakLanjut.tenggat, SkmTindakLanjut.id)
    if periode is not None:
        q = q.where(SkmTindakLanjut.periode_id == periode.id)
    if unit_id is not None:
        q = q.where(SkmTindakLanjut.unit_id == unit_id)
    return list(db.session.scalars(q))


# --- IPAK / IPKP --------------------------------------------------------------------------------------

def _item_tersimpan(jenis: str) -> list[PersepsiItem]:
    q = select(PersepsiItem).where(PersepsiItem.jenis == jenis).order_by(PersepsiItem.urutan, PersepsiItem.id)
    return list(db.session.scalars(q))


def persepsi_items(jenis: str, *, aktif_saja: bool = True) -> list[PersepsiItem]:
    """The statements of a perception survey. Until the first answer or edit, the defaults are shown
    without being stored (unsaved rows, `kunci` «b1», «b2»…): showing a page writes nothing."""
    if jenis not in JENIS_PERSEPSI:
        raise NotFoundError("Jenis survei persepsi tidak dikenal.")
    items = _item_tersimpan(jenis) or [PersepsiItem(jenis=jenis, urutan=i, teks=teks, aktif=True)
                                       for i, teks in enumerate(vocab.PERSEPSI_BAWAAN[jenis], 1)]
    return [it for it in items if it.aktif or not aktif_saja]


def _simpan_bawaan(jenis: str) -> list[PersepsiItem]:
    """The stored statements, the defaults written first if there are none yet (by a POST, never a GET)."""
    items = _item_tersimpan(jenis)
    if not items:
        items = persepsi_items(jenis, aktif_saja=False)
        db.session.add_all(items)
        db.session.flush()
    return items


def item_persepsi(jenis: str, kunci: str) -> PersepsiItem:
    """One statement by its `kunci` (an id, or «b<n>» for a default not stored yet)."""
    found = next((it for it in persepsi_items(jenis, aktif_saja=False) if it.kunci == kunci), None)
    if found is None:
        raise NotFoundError("Pernyataan tidak ditemukan.")
    return found


def simpan_item_persepsi(item: PersepsiItem | None, *, jenis: str, teks: str, urutan: int, aktif: bool,
                         actor=None, teks_en: str | None = None) -> PersepsiItem:
    teks = clean_text(teks)
    if jenis not in JENIS_PERSEPSI:
        raise DomainError("Jenis survei persepsi tidak dikenal.", field="jenis")
    if not teks:
        raise DomainError("Teks pernyataan wajib diisi.", field="teks")
    if item is not None and item.jenis != jenis:
        raise DomainError("Jenis pernyataan tidak dapat diubah.", field="jenis")
    stored = _simpan_bawaan(jenis)  # a new or edited statement sits beside the defaults, never instead
    if item is not None and item.id is None:
        item = stored[item.urutan - 1]
    item = item or PersepsiItem(jenis=jenis)
    item.teks, item.urutan, item.aktif = teks, urutan, aktif
    if teks_en is not None:
        item.teks_en = clean_text(teks_en)[:1000] or None
    db.session.add(item)
    db.session.flush()
    audit.record("skm.persepsi.item", "skm_persepsi_item", item.id, {"jenis": jenis, "aktif": aktif}, actor=actor)
    return item


def kirim_persepsi(jenis: str, nilai: dict[str, object], *, token: str | None = None) -> PersepsiRespon:
    """Store one answer; `nilai` maps each statement's `kunci` to 1–4. The same token twice is one answer."""
    items = persepsi_items(jenis)
    token = _token(token)
    existing = _bertoken(PersepsiRespon, token)
    if existing is not None:
        return existing
    answers = []
    for item in items:
        try:
            answers.append(vocab.bilangan_bulat(nilai.get(item.kunci), N_("Pernyataan %(n)s", n=item.urutan), 1, 4))
        except vocab.NilaiSalah as e:
            msg = (N_("Pernyataan %(n)s belum dijawab.", n=item.urutan) if nilai.get(item.kunci) in (None, "")
                   else _Kalimat(e.pesan))
            raise DomainError(msg, field=f"item_{item.kunci}") from e
    if any(item.id is None for item in items):  # the defaults, answered for the first time
        stored = [it for it in _simpan_bawaan(jenis) if it.aktif]
        if [it.teks for it in stored] != [it.teks for it in items]:  # changed since the page was shown
            raise DomainError("Daftar pernyataan baru saja diubah. Muat ulang halaman, lalu jawab kembali.")
        items = stored
    respon_id = _sisip_sekali(PersepsiRespon, dict(jenis=jenis, tanggal=local_today(), token=token))
    if respon_id is None:  # a concurrent submit with the same token won
        return _bertoken(PersepsiRespon, token)
    db.session.add_all(PersepsiJawaban(respon_id=respon_id, item_id=item.id, nilai=v) for item, v in zip(items, answers))
    db.session.flush()
    return db.session.get(PersepsiRespon, respon_id)


def persepsi_terkirim(token: str | None) -> bool:
    """An answer with this form token is already stored."""
    return _bertoken(PersepsiRespon, _token(token)) is not None


def hasil_persepsi(jenis: str, periode: SkmPeriode) -> HasilPersepsi:
    where = and_(PersepsiRespon.jenis == jenis, PersepsiRespon.tanggal >= periode.mulai,
                 PersepsiRespon.tanggal <= periode.selesai)
    rows = db.session.execute(
        select(PersepsiItem.teks, func.sum(PersepsiJawaban.nilai), func.count(PersepsiJawaban.nilai))
        .join(PersepsiJawaban, PersepsiJawaban.item_id == PersepsiItem.id)
        .join(PersepsiRespon, PersepsiRespon.id == PersepsiJawaban.respon_id)
        .where(where).group_by(PersepsiItem.id, PersepsiItem.teks, PersepsiItem.urutan)
        .order_by(PersepsiItem.urutan)).all()
    n = db.session.scalar(select(func.count(PersepsiRespon.id)).where(where)) or 0
    return hitung_persepsi(jenis, {teks: (int(s), int(c)) for teks, s, c in rows}, n)


def prediksi(periode: SkmPeriode) -> Prediksi:
    return Prediksi(hasil_persepsi("ipak", periode), hasil_persepsi("ipkp", periode))

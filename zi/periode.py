"""The periods reports cover: a month, a quarter, a semester or a year, each with its label and a stable key
("2026-03", "2026-T1", "2026-S2", "2026") that a generated report files itself under."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from core.calendar import office_calendar
from core.errors import N_, DomainError, Message, catalogue_word

BULAN = [N_("Januari"), N_("Februari"), N_("Maret"), N_("April"), N_("Mei"), N_("Juni"), N_("Juli"), N_("Agustus"),
         N_("September"), N_("Oktober"), N_("November"), N_("Desember")]
ROMAWI = ["I", "II", "III", "IV"]
JENIS = {"bulan": 12, "triwulan": 4, "semester": 2, "tahun": 1}
NAMA_JENIS = {"bulan": N_("bulan"), "triwulan": N_("triwulan"), "semester": N_("semester"), "tahun": N_("tahun")}
LANGKAH = {"bulan": 1, "triwulan": 3, "semester": 6, "tahun": 12}


@dataclass(frozen=True)
class Periode:
    jenis: str
    tahun: int
    ke: int
    mulai: date
    selesai: date

    @property
    def label(self) -> str:
        return str(self.nama)

    @property
    def nama(self) -> Message:
        """The label, for a message shown in the reader's language."""
        if self.jenis == "bulan":
            return N_("%(bulan)s %(tahun)s", bulan=catalogue_word(BULAN[self.ke - 1]), tahun=self.tahun)
        if self.jenis == "triwulan":
            return N_("Triwulan %(ke)s %(tahun)s", ke=ROMAWI[self.ke - 1], tahun=self.tahun)
        if self.jenis == "semester":
            return N_("Semester %(ke)s %(tahun)s", ke=ROMAWI[self.ke - 1], tahun=self.tahun)
        return N_("Tahun %(tahun)s", tahun=self.tahun)

    @property
    def kunci(self) -> str:
        return {"bulan": f"{self.tahun}-{self.ke:02d}", "triwulan": f"{self.tahun}-T{self.ke}",
                "semester": f"{self.tahun}-S{self.ke}", "tahun": f"{self.tahun}"}[self.jenis]

    def bulan(self) -> list[Periode]:
        """The months of the period, in order."""
        first = self.mulai.month
        return [periode("bulan", self.tahun, m) for m in range(first, self.selesai.month + 1)]


def periode(jenis: str, tahun: int, ke: int = 1) -> Periode:
    """jenis: bulan (ke 1–12), triwulan (1–4), semester (1–2) or tahun; a wrong value is a DomainError."""
    if jenis not in JENIS:
        raise DomainError("Pilih jenis periode: bulan, triwulan, semester, atau tahun.", "periode")
    if not 2000 <= tahun <= 2100:
        raise DomainError("Tahun harus antara 2000 dan 2100.", "tahun")
    if jenis == "tahun":
        ke = 1
    if not 1 <= ke <= JENIS[jenis]:
        raise DomainError(N_("Untuk periode %(jenis)s, isi ke- antara 1 dan %(n)s.",
                             jenis=catalogue_word(NAMA_JENIS[jenis]), n=JENIS[jenis]), "ke")
    step = LANGKAH[jenis]
    first_month = (ke - 1) * step + 1
    mulai = date(tahun, first_month, 1)
    end_month = first_month + step
    selesai = (date(tahun + 1, 1, 1) if end_month > 12 else date(tahun, end_month, 1)) - timedelta(days=1)
    return Periode(jenis, tahun, ke, mulai, selesai)


def dari_kunci(kunci: str) -> Periode:
    """The inverse of Periode.kunci ("2026-03" → March 2026)."""
    tahun, _, sisa = kunci.partition("-")
    try:
        if not sisa:
            return periode("tahun", int(tahun))
        if sisa[0] in "TS":
            return periode("triwulan" if sisa[0] == "T" else "semester", int(tahun), int(sisa[1:]))
        return periode("bulan", int(tahun), int(sisa))
    except ValueError:
        raise DomainError("Periode tidak dikenal.", "periode") from None


def bulan_lalu(today: date) -> Periode:
    last = today.replace(day=1) - timedelta(days=1)
    return periode("bulan", last.year, last.month)


def hari_kerja_pertama(tahun: int, bulan: int) -> date:
    """The first working day of a month on the office's calendar (1 January is a holiday, for one)."""
    return office_calendar().next_workday(date(tahun, bulan, 1) - timedelta(days=1))


def tanggal_pesan(d: date) -> Message:
    """'30 Juni 2026' (core.workdays.format_tanggal) for a message shown in the reader's language."""
    return N_("%(hari)s %(bulan)s %(tahun)s", hari=d.day, bulan=catalogue_word(BULAN[d.month - 1]), tahun=d.year)

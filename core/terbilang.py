"""Numbers in Indonesian words, as letters write a count: "12 (dua belas) berkas" (DOMAIN §7)."""
from __future__ import annotations

_SATUAN = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
           "sebelas")
# Each group of three digits with its scale word, largest first.
_SKALA = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))


def terbilang(n: int) -> str:
    """0 → "nol", 12 → "dua belas", 1100 → "seribu seratus", 2_000_001 → "dua juta satu"."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _SATUAN[n]
    if n < 20:
        return f"{_SATUAN[n - 10]} belas"
    if n < 100:
        puluh, sisa = divmod(n, 10)
        return f"{_SATUAN[puluh]} puluh" + (f" {_SATUAN[sisa]}" if sisa else "")
    if n < 1000:
        ratus, sisa = divmod(n, 100)
        head = "seratus" if ratus == 1 else f"{_SATUAN[ratus]} ratus"
        return head + (f" {terbilang(sisa)}" if sisa else "")
    for besar, nama in _SKALA:
        if n >= besar:
            depan, sisa = divmod(n, besar)
            # "seribu", but "satu juta" (the se- prefix is for ribu only)
            head = "seribu" if besar == 1000 and depan == 1 else f"{terbilang(depan)} {nama}"
            return head + (f" {terbilang(sisa)}" if sisa else "")
    raise AssertionError("unreachable")


def jumlah_berkas(n: int, satuan: str = "berkas") -> str:
    """The Lampiran field: "12 (dua belas) berkas", or "-" when nothing is attached."""
    return f"{n} ({terbilang(n)}) {satuan}" if n > 0 else "-"

"""How survey figures read on a page, in the reader's language (the public results and the officers' pages
both show them; the Indonesian sentences are the same as in skm/calculator.py)."""
from __future__ import annotations

from flask_babel import gettext as _

from core.templating import angka
from skm.calculator import Sampel


def keterangan_sampel(s: Sampel) -> str:
    """Sampel.keterangan in the reader's language."""
    if s.minimal is None:
        return _("Populasi layanan belum diisi; ukuran sampel minimal tidak dapat dihitung.")
    status = (_("tercapai") if s.tercapai
              else _("belum tercapai (kurang %(kurang)s)", kurang=angka(s.minimal - s.responden, 0)))
    return _("Sampel minimal %(minimal)s responden dari populasi %(populasi)s (Krejcie & Morgan); "
             "terkumpul %(terkumpul)s — %(status)s.", minimal=angka(s.minimal, 0), populasi=angka(s.populasi, 0),
             terkumpul=angka(s.responden, 0), status=status)

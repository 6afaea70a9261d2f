"""`flask demo seed` loads this year's LKE catalogue and a little evidence through the zi Package's demo_seed."""
from __future__ import annotations

from sqlalchemy import func, select

from core.extensions import db
from core.workdays import local_today
from zi import catalogue, evidence
from zi.models import ZiBukti, ZiNotaDinas, ZiTindakLanjut


def test_demo_seed_fills_the_register(app, runner):
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        tahun = local_today().year
        assert catalogue.ada(tahun)
        jenis = dict(db.session.execute(select(ZiBukti.jenis, func.count()).group_by(ZiBukti.jenis)).all())
        # the monev report and the nota dinas sending it; the meeting's typed minutes as a PDF
        assert jenis == {"sk": 2, "foto": 1, "laporan_otomatis": 2, "notulen": 1}
        assert db.session.scalar(select(func.count()).select_from(ZiNotaDinas)) == 1
        assert all(evidence.status_berkas(b) == evidence.ADA for b in db.session.scalars(select(ZiBukti)))
        # the SK of the UPG ends within 30 days: the readiness view warns
        assert any(r.berlaku == evidence.SEGERA_BERAKHIR for r in evidence.dokumen_kebijakan())
        assert db.session.scalar(select(func.count()).select_from(ZiTindakLanjut)) >= 1

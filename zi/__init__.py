"""ZI indicator catalogue, evidence register and scoring (DOMAIN.md §6).

catalogue_data  the LKE 90/2021 × juknis catalogue as plain data
catalogue       load(tahun) into zi_area / zi_indikator / zi_bukti_nama; reading; wording edits
models          the tables (catalogue by year, evidence register, answers, follow-up actions)
scoring         pure LKE arithmetic and the WBK/WBBM verdicts
evidence        the register: add, file, lost files, policy validity, readiness
tindak_lanjut   recommendations as tracked actions
answers         proposals the records justify; officers' answers (override with a reason)
lke             the whole year's sheet, scored

Nothing here registers itself: the composition root wires what it needs.
"""

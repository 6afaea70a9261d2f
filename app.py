"""The composition root: the one list of what the service is made of.

Each package's blueprints, officer menu entries, dashboard cards, CLI group, demo seeder, anonymous and
sessionless paths, settings defaults and account-change hooks are named here and nowhere else; nothing
registers itself at import time.
`wsgi.py`, the tests, the benchmarks and the bot process all build the app through `create_app`.
"""
from __future__ import annotations

from flask import Flask

from core import build_app
from core.errors import N_
from core.models import Role
from core.registry import Card, NavItem, Package

ALL = tuple(Role)


def packages() -> list[Package]:
    # imported here, not at module level: `import app` stays cheap for tools that only read the list
    import admin.gratifikasi
    import admin.kabar  # noqa: F401  (the officer's own alert switch)
    import admin.pengaduan
    import admin.settings
    import admin.skm
    import admin.views
    import admin.wbs
    import admin.zi
    import bot.cli
    import bot.common
    import bot.kirim
    import bot.models
    import gratifikasi.api
    import gratifikasi.cli
    import gratifikasi.demo
    import gratifikasi.rules
    import gratifikasi.views
    import lintas.views
    import pengaduan.api
    import pengaduan.cli
    import pengaduan.service
    import pengaduan.views
    import skm.api
    import skm.cli
    import skm.demo
    import skm.views
    import wbs.api
    import wbs.cli
    import wbs.keys
    import wbs.service
    import wbs.views
    import zi.answers
    import zi.cli
    import zi.demo
    import zi.views
    import zi.models  # noqa: F401  (the ZI tables)
    import core.mail
    import core.outbox_cli

    skm_readers = (Role.pengelola_skm, Role.pimpinan, Role.tpi)
    zi_readers = admin.zi.BACA
    return [
        # the officers' side: login, 2FA, dashboard, users, audit log, office settings (screens of every
        # package attach to its blueprint through the admin.* modules imported above)
        Package(
            "admin",
            blueprints=(admin.views.bp,),
            nav=(NavItem(N_("Beranda"), "admin.dashboard", ALL, 0),
                 NavItem(N_("Pengguna"), "admin.users", (Role.admin,), 90),
                 NavItem(N_("Pengaturan"), "admin.settings_office", (Role.admin,), 91),
                 NavItem(N_("Log audit"), "admin.audit_log", (Role.admin, Role.pimpinan, Role.tpi), 95)),
        ),
        Package(
            "pengaduan",
            blueprints=(pengaduan.views.bp, pengaduan.api.bp),
            nav=(NavItem(N_("Pengaduan"), "admin.pengaduan_queue", (Role.petugas_pengaduan, Role.unit), 10),
                 NavItem(N_("Catat pengaduan"), "admin.pengaduan_new", (Role.petugas_pengaduan,), 11),
                 NavItem(N_("Buku agenda nota dinas"), "admin.pengaduan_register",
                         (Role.petugas_pengaduan, Role.pimpinan, Role.tpi), 12),
                 NavItem(N_("Pengaturan pengaduan"), "admin.pengaduan_settings", (Role.admin,), 92)),
            cards=(Card(admin.pengaduan.card_officer, (Role.petugas_pengaduan, Role.pimpinan), 10),
                   Card(admin.pengaduan.card_unit, (Role.unit,), 11)),
            cli=(pengaduan.cli.pengaduan_cli,),
            demo_seed=pengaduan.cli.seed_demo,
            settings=pengaduan.service.SETTINGS,
        ),
        Package(
            "wbs",
            blueprints=(wbs.views.bp, wbs.api.bp),
            nav=(NavItem(N_("WBS"), "admin.wbs_queue", (Role.tim_wbs,), 20),
                 NavItem(N_("Kunci WBS"), "admin.wbs_keys", (Role.tim_wbs, Role.admin), 21)),
            cards=(Card(admin.wbs.card, (Role.tim_wbs, Role.admin, Role.pimpinan), 20),),
            cli=(wbs.cli.wbs_cli,),
            settings=wbs.service.SETTINGS,
            # whistleblowers: no address, agent or exact time kept (DESIGN.md, security model)
            anonymous_paths=("/wbs", "/api/v1/wbs"),
            # nor a server session (its expiry would time the visit): the forms carry a signed CSRF token
            sessionless_paths=("/wbs", "/api/v1/wbs"),
            # leaving the team (role removed, account disabled) revokes the WBS key and its wraps
            on_user_changed=(wbs.keys.user_changed,),
        ),
        # the Outbox's sender (`flask outbox kirim`) and its e-mail channel; officers' own alert switch, the
        # office's defaults per role
        Package(
            "surel",
            nav=(NavItem(N_("Pemberitahuan surel"), "admin.kabar_saya", ALL, 89),),
            cards=(Card(core.mail.card, (Role.admin,), 5),),
            cli=(core.outbox_cli.outbox_cli,),
            settings=core.mail.SETTINGS,
            channels=(core.mail.open_channel,),
        ),
        Package("lintas", blueprints=(lintas.views.bp,)),  # operations over two domains (complaint → WBS)
        Package(
            "gratifikasi",
            blueprints=(gratifikasi.views.bp, gratifikasi.api.bp),
            nav=(NavItem(N_("Gratifikasi"), "admin.gratifikasi_register", (Role.upg,), 40),
                 NavItem(N_("Rekap gratifikasi"), "admin.gratifikasi_rekap", (Role.pimpinan, Role.tpi), 41),
                 NavItem(N_("Laporan gratifikasi saya"), "admin.gratifikasi_saya", ALL, 80),
                 NavItem(N_("Pengaturan gratifikasi"), "admin.gratifikasi_pengaturan", (Role.admin,), 85)),
            cards=(Card(admin.gratifikasi.card, (Role.upg,), 40),),
            cli=(gratifikasi.cli.gratifikasi_cli,),
            demo_seed=gratifikasi.demo.seed_demo,
            settings=gratifikasi.rules.SETTINGS,
        ),
        Package(
            "skm",
            blueprints=(skm.views.bp, skm.api.bp),
            nav=(NavItem(N_("Survei"), "admin.skm_index", skm_readers, 40),
                 NavItem(N_("Tindak lanjut SKM"), "admin.skm_tl", (Role.unit,), 41)),
            cards=(Card(admin.skm.card, skm_readers, 40),),
            cli=(skm.cli.skm_cli,),
            demo_seed=skm.demo.seed,
            # survey answers are anonymous: no address kept, the rate-limit key rotates daily
            anonymous_paths=("/survei", "/api/v1/skm"),
        ),
        # the ZI evidence register and LKE scoring; reads the domains through their queries.py only
        Package(
            "zi",
            blueprints=(zi.views.bp,),
            nav=(NavItem(N_("Zona Integritas"), "admin.zi_index", zi_readers, 50),
                 NavItem(N_("Kesiapan ZI"), "admin.zi_kesiapan", zi_readers, 51)),
            cards=(Card(admin.zi.card, zi_readers, 50),),
            cli=(zi.cli.zi_cli,),
            demo_seed=zi.demo.seed_demo,
            settings={"zi": zi.answers.PENGATURAN},
        ),
        # the Telegram intake: a process of its own (`flask bot run`), calling the services above; it also
        # sends the Outbox's Telegram messages
        Package(
            "bot",
            cli=(bot.cli.bot_cli,),
            settings=bot.common.SETTINGS,
            channels=(bot.kirim.open_channel,),
        ),
    ]


def create_app(test_config: dict | None = None) -> Flask:
    return build_app(test_config, packages())

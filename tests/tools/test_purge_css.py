"""The committed purged Bootstrap is the one the templates call for: a Bootstrap class used for the first
time, or a new Bootstrap-Flask, needs `make css` (tools/purge_css.py) and the result committed."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("purge_css", ROOT / "tools" / "purge_css.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_purged_bootstrap_is_up_to_date():
    tool = _tool()
    assert tool.TARGET.read_text(encoding="utf-8") == tool.build(), "jalankan `make css` lalu commit hasilnya"


def test_a_class_built_in_a_template_keeps_its_family():
    tool = _tool()
    _words, prefixes = tool.used_words()
    assert "alert-" in prefixes  # base.html: alert-{{ category }} for flash messages
    css = tool.build()
    for variant in ("success", "info", "warning", "danger"):
        assert f".alert-{variant}{{" in css, variant

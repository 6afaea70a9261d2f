# ZI Lapor — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
export FLASK_APP := wsgi.py
HOST ?= 127.0.0.1
PORT ?= 5000
export HOST PORT

.PHONY: run test test-suite test-slow lint lock audit bench install browser migrate seed clean translations css

# Exact versions (with hashes) from the lock, then the project itself without resolving anything again.
$(STAMP): pyproject.toml $(LOCK)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# Re-pin after changing dependencies in pyproject.toml (keeps the other pins; UPGRADE=1 moves them all).
lock:
	@test -x $(BIN)/uv || { test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); $(BIN)/python -m pip install -q uv; }
	$(BIN)/uv pip compile pyproject.toml --extra test --extra dev --generate-hashes --python-version 3.11 \
		--custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade) -o $(LOCK)

# Known vulnerabilities in the locked versions; says "TIDAK DIPERIKSA" when no database answers
# (AUDIT_OFFLINE_OK=1 makes only that case non-fatal).
audit: $(STAMP)
	@$(BIN)/python tools/audit_lock.py $(LOCK) $(if $(AUDIT_OFFLINE_OK),--offline-ok)

# Only the Bootstrap rules the templates use, into static/css/bootstrap.css (commit it; not part of test/run).
css: $(STAMP)
	$(BIN)/python tools/purge_css.py

migrate: $(STAMP)
	$(BIN)/flask db upgrade

seed: migrate
	@$(BIN)/flask demo seed --if-empty >/dev/null

run: seed
	@echo ""
	@echo "ZI Lapor berjalan di http://$(HOST):$(PORT)/"
	@echo "Halaman petugas: http://$(HOST):$(PORT)/admin/masuk"
	@$(BIN)/flask demo logins
	@echo ""
	ZI_DEV=1 $(BIN)/gunicorn -c gunicorn.conf.py wsgi:app

# Debian's chromium for the browser tests, and HarfBuzz's subsetter that WeasyPrint asks for (without it
# every PDF warns, which the suite counts as an error); installed when missing and we may (root).
DEB_TEST := chromium libharfbuzz-subset0
browser:
	@missing="$$(for p in $(DEB_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang paket Debian untuk uji: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else echo "Paket Debian tidak ada dan tidak dapat dipasang (bukan root): $$missing"; fi

test: $(STAMP) lint browser test-suite

lint: $(STAMP)
	$(BIN)/ruff check .

test-suite:
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# load and crash: a real gunicorn on 127.0.0.1, 32 clients, kill -9 (bounded counts and deadlines; minutes)
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow tests/slow $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

# The English catalogues: extract every marked text (web: babel.cfg; bot: its own domain), merge it into
# translations/en (new texts empty, changed ones fuzzy), compile the .mo files (committed with the .po).
# Then fill the empty/fuzzy entries; tests/core/test_catalogue.py names the ones still missing.
# Besides _() and _l(): N_ marks, and the first argument of the domain errors (shown on the pages in English).
MSG_KEYWORDS := _l N_ DomainError NotAllowed NotFoundError UploadError LoginError ImporGagal TidakBerwenang \
	UnlockRefused Tampered ChannelClosed
translations: $(STAMP)
	$(BIN)/pybabel -q extract -F babel.cfg $(addprefix -k ,$(MSG_KEYWORDS)) --no-location -o translations/messages.pot .
	$(BIN)/pybabel -q update -i translations/messages.pot -d translations -l en --ignore-obsolete
	$(BIN)/pybabel -q extract -k N_ --no-location -o translations/bot.pot bot
	$(BIN)/pybabel -q update -D bot -i translations/bot.pot -d translations -l en --ignore-obsolete
	-$(BIN)/pybabel -q compile -d translations --statistics
	-$(BIN)/pybabel -q compile -D bot -d translations --statistics

clean:
	rm -rf $(VENV) instance

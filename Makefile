# ZI Lapor — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export FLASK_APP := wsgi.py
HOST ?= 127.0.0.1
PORT ?= 5000
export HOST PORT

.PHONY: run test test-suite bench install browser migrate seed clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[test]"
	@touch $(STAMP)

install: $(STAMP)

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

# Debian's chromium for the browser tests; installed when missing and we may (root).
browser:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang chromium (Debian) untuk uji peramban..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium tidak ada dan tidak dapat dipasang (bukan root): uji peramban dilewati."; fi

test: $(STAMP) browser test-suite

test-suite:
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) instance

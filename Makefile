# Two entry points: `make serve` and `make test`. Both create .venv on first use.
PY      ?= python3
VENV    ?= .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8000
# torch is pinned here: a bare requirement would pull a multi-GB CUDA build.
TORCH   ?= torch==2.13.0

.PHONY: serve test install dev index lint clean system-deps

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q "$(TORCH)"
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e ".[dev]"
	touch $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

index: install
	$(BIN)/rivs-qa index build

serve: install
	$(BIN)/rivs-qa index build
	$(BIN)/rivs-qa serve --host $(HOST) --port $(PORT)

# Debian packages the tests drive: chromium (browser tests) and redis-server (shared sessions).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

test: dev system-deps
	$(BIN)/python -m pytest

lint: dev
	$(BIN)/ruff check src tests

clean:
	rm -rf $(VENV) index/current index/.tmp-*

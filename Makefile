# Front door: `make extract` and `make test` each set up what they need on a fresh machine.
VENV   ?= .venv
PY     := $(VENV)/bin/python
FINSAM := $(VENV)/bin/finsam
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
OUT    ?= out
export OMP_THREAD_LIMIT ?= 1

.PHONY: setup sysdeps chromium extract test test-fast bench bench-quick bench-batch lint clean

setup: sysdeps $(STAMP)

sysdeps:
	@bash scripts/install-sysdeps.sh

chromium:
	@bash scripts/install-chromium.sh --required

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

extract: setup
	$(FINSAM) extract corpus --out $(OUT) --save-text
	$(FINSAM) eval $(OUT) --gold corpus/gold
	$(FINSAM) eval $(OUT) --gold corpus/real/gold

test: setup chromium
	$(PY) -m pytest -q

test-fast: setup
	$(PY) -m pytest -q -m "not slow"

bench: setup
	@bash scripts/install-chromium.sh
	$(PY) -m bench --ocr --batch

bench-batch: setup
	$(PY) -m bench --batch-only

bench-quick: setup
	$(PY) -m bench

lint: setup
	$(VENV)/bin/ruff check pipeline extractors tests bench

clean:
	rm -rf $(OUT) .pytest_cache

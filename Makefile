# bantin: `make demo` and `make test` each set themselves up (virtualenv + install) first.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
LINT_STAMP := $(VENV)/.lint-stamp
PYTEST_ARGS ?=

.PHONY: install demo test bench lint clean vendor-htmx

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	# the machine's pip 23.2 cannot resolve lxml[html-clean]: upgrade pip first
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/bantin demo

# The lint habits run first: a new finding fails the suite as a test would.
test: lint
	$(BIN)/python -m pytest -n 2 --dist loadfile $(PYTEST_ARGS)

# ruff (pyflakes, imports, bugbear, pyupgrade, pycodestyle) and mypy over digest/ and spiders/
# (strict for the modules typed already; the ones not passing yet are listed in pyproject).
$(LINT_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	touch $(LINT_STAMP)

lint: $(LINT_STAMP)
	$(BIN)/ruff check digest spiders tests bench scripts; r=$$?; $(BIN)/mypy; m=$$?; exit $$((r || m))

bench: $(STAMP)
	$(BIN)/python -m bench.run

# Refresh the vendored htmx and idiomorph from the npm registry (by hand, never at run or test time): review the
# diff and static/vendor/VENDORED.md, run the browser tests, commit the files.
VERSION ?= 2
IDIOMORPH ?= 0.8
vendor-htmx:
	scripts/vendor_htmx.sh $(VERSION) $(IDIOMORPH)

clean:
	rm -rf $(VENV) data out site/_build site/._build-src .pytest_cache test-artifacts bench/results

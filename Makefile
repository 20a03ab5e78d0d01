# The front door: `make report` and `make test` on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# nbconvert's named template "perflib" (`jupyter nbconvert --to html --template perflib out.ipynb`)
TEMPLATE_LINK := $(VENV)/share/jupyter/nbconvert/templates/perflib
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: setup report test test-fast lab bench clean

setup: $(STAMP)
	@command -v soffice >/dev/null 2>&1 || echo "note: LibreOffice is not installed: legacy .doc reports are read by perflib's own reader (text, paragraphs, tables); LibreOffice, when installed, is used first (apt-get install libreoffice-writer-nogui)"

# Re-install only when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	# setuptools leaves data files out of an editable install: link the template to the checkout.
	mkdir -p $(dir $(TEMPLATE_LINK)) && rm -rf $(TEMPLATE_LINK)
	ln -s $(CURDIR)/perflib/present/templates/perflib $(TEMPLATE_LINK)
	# Build the page font's base subset once (~10 s) so the first render does not wait for it.
	$(BIN)/python -c "from perflib.present.webfont import prepare; prepare()"
	touch $(STAMP)

report: setup
	$(BIN)/perflib batch data -o outputs -j $(JOBS)

test: setup
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

lab: setup
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

clean:
	rm -rf outputs/* .pytest_cache
	git checkout -- outputs/.gitkeep 2>/dev/null || true

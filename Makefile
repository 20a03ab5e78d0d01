# The front door: `make report` and `make test` on a fresh machine. Each target runs
# scripts/dev.py, the same front door without make (`py scripts\dev.py report` on Windows).
PYTHON ?= python3
JOBS   ?= $(shell nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)
DEV    := $(PYTHON) scripts/dev.py

.PHONY: setup report test test-fast lab clean

# .venv/ with perflib (editable) and the test tools; re-installs only when pyproject.toml changed.
setup:
	$(DEV) setup

report:
	$(DEV) report -j $(JOBS)

# Everything, then the batch, budget, lock and render tests again with PERFLIB_PORTABLE=1.
test:
	$(DEV) test

test-fast:
	$(DEV) test-fast

lab:
	$(DEV) lab

clean:
	rm -rf outputs/* .pytest_cache
	git checkout -- outputs/.gitkeep 2>/dev/null || true

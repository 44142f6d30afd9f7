# The four commands every contributor uses. Each one sets up .venv first when it is missing or stale.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test bench soak lint migration screenshots clean

$(STAMP): pyproject.toml scripts/bootstrap.sh
	VENV=$(VENV) ./scripts/bootstrap.sh
	touch $(STAMP)

## run: start the kiosk on the embedded SQLite database
run: $(STAMP)
	$(BIN)/kiosk

## test: the whole test suite, headless
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q $(PYTEST_ARGS)

## bench: the benchmarks, each printed beside its budget (not part of `make test`)
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench $(BENCH_ARGS)

## soak: the crash harness (SIGKILL at random points, invariants checked after each kill) and the fuzzers, long;
## bounded by SOAK_KILLS kills and SOAK_SECONDS in all (not part of `make test`, which runs a short version of each)
SOAK_KILLS   ?= 1000
SOAK_SECONDS ?= 1200
soak: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m tests.reliability.soak --count $(SOAK_KILLS) --seconds $(SOAK_SECONDS) $(SOAK_ARGS)

## lint: ruff and mypy
lint: $(STAMP)
	$(BIN)/ruff check kiosk tests bench
	$(BIN)/ruff format --check kiosk tests bench
	$(BIN)/mypy

## screenshots: every main screen with demo data, 1366×768 (two at 1920×1080), into build/screenshots/
screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/screenshots.py build/screenshots

## migration: autogenerate an Alembic revision against a scratch database, e.g. make migration MSG="add x"
migration: $(STAMP)
	$(BIN)/python -m kiosk.models.autogen "$(MSG)"

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis

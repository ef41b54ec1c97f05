# SymLab. On a fresh Debian machine `make test` and `make ablation` are the only commands you need:
# both run `setup` first, which installs the system packages that are missing.
#
#   make test        debug build + the whole test suite (physics, gradient checks, I/O, CLI), then a
#                    tiny suite through a real local SLURM (scripts/test-slurm-suite.sh)
#   make ablation    release build, runs experiments/default.yaml and writes its report
#   make bench       release build, speed benchmarks (dgemm, tanh, MLP fwd/bwd/double-bwd, model step)
#   make bench-deepmd DEEPMD_VENV=<venv>   release build, SymLab vs DeePMD-kit side by side on this
#                    machine (scripts/bench-vs-deepmd.sh; without a venv SymLab alone, no ratio)
#   make accuracy    release build, DeePMD water accuracy runs (2,000 and 6,000 steps x 3 seeds; hours)
#   make build       release build of the `symlab` CLI
#   make report RUN=runs/<dir>   rebuild a report from a run directory
#   make fuzz        coverage-guided fuzzing of the readers (libFuzzer, scripts/fuzz.sh), FUZZ_SECONDS
#                    each (default 20; long runs outside CI, e.g. make fuzz FUZZ_SECONDS=3600)
#   make clean
#
# Release builds target the host CPU (Swift otherwise emits plain SSE2 code). For binaries that
# must run on other x86-64 machines: `make build PORTABLE=1` (or TARGET_CPU=haswell, znver3, ...).

SHELL        := /bin/bash
APT_PACKAGES := libgsl-dev libopenblas-dev pkg-config gnuplot-nox
TARGET_CPU   ?= native
PORTABLE     ?= 0
SUITE        ?= experiments/default.yaml
RUN          ?=
FUZZ_SECONDS ?= 20
DEEPMD_VENV  ?=
SUDO         := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

ifeq ($(PORTABLE),1)
CPU_FLAGS :=
else
CPU_FLAGS := -Xswiftc -target-cpu -Xswiftc $(TARGET_CPU) -Xcc -march=$(TARGET_CPU)
endif
RELEASE_FLAGS := -c release $(CPU_FLAGS)
SYMLAB        := .build/release/symlab

.PHONY: setup build test bench bench-deepmd accuracy ablation report fuzz clean

setup:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "setup: installing missing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	else echo "setup: system packages present ($(APT_PACKAGES))"; fi
	@command -v swift >/dev/null || { echo "setup: 'swift' not found on PATH: install Swift 6 (swift.org) first" >&2; exit 1; }

build: setup
	swift build $(RELEASE_FLAGS) --product symlab
	@# Provenance: the commit and flags this binary was built from (read by Provenance.collect).
	@printf 'build_commit=%s\nbuild_dirty=%s\nbuild_flags=%s\n' "$$(git rev-parse HEAD 2>/dev/null || echo unknown)" \
	  "$$(test -z "$$(git status --porcelain --untracked-files=no 2>/dev/null)" && echo false || echo true)" \
	  "$(RELEASE_FLAGS)" > $(SYMLAB).build-info

test: setup
	swift test --disable-xctest
	scripts/test-slurm-suite.sh

bench: build
	$(SYMLAB) bench

bench-deepmd: build
	SKIP_BUILD=1 scripts/bench-vs-deepmd.sh $(DEEPMD_VENV)

accuracy: build
	scripts/water-accuracy.sh

ablation: build
	$(SYMLAB) run $(SUITE)

report: build
	@[ -n "$(RUN)" ] || { echo "usage: make report RUN=runs/<suite-dir>" >&2; exit 2; }
	$(SYMLAB) report $(RUN)

fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build

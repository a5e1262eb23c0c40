# subinterp: build, test, benchmark. `make demo` and `make check` are the two promises of
# the README; everything they need is built here.

CARGO     ?= cargo
CC        ?= cc
PROFILE   ?= release
PREFIX    ?= /usr/local
BUILD     := build
LIBDIR    := target/$(PROFILE)
LIB       := $(LIBDIR)/libsubinterp.so
ABS_LIBDIR = $(abspath $(LIBDIR))

# CPython to compare with (make check-cpython, make bench): a pyenv install by default.
CPYTHON_VERSION ?= 3.13.0
CPYTHON_PREFIX  ?= $(or $(PYENV_ROOT),$(HOME)/.pyenv)/versions/$(CPYTHON_VERSION)
CPYTHON_CONFIG  := $(firstword $(wildcard $(CPYTHON_PREFIX)/bin/python3-config))
CPY_CFLAGS       = $(shell $(CPYTHON_CONFIG) --includes)
CPY_LDFLAGS      = $(shell $(CPYTHON_CONFIG) --ldflags --embed) -Wl,-rpath,$(CPYTHON_PREFIX)/lib

WARN       := -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS_C   := -std=gnu11 -O1 -g -pthread $(WARN) -Ic-tests
OURS_CFLAGS  = $(CFLAGS_C) -Iinclude
OURS_LDFLAGS = -L$(LIBDIR) -lsubinterp -Wl,-rpath,$(ABS_LIBDIR) -pthread

# c-tests/test_*.c describe CPython behaviour: built against us and (check-cpython) against
# CPython. c-tests/sub_*.c test what only we have (Subinterp_*, PEP 788, our fixes).
COMPAT_TESTS := $(sort $(wildcard c-tests/test_*.c))
OWN_TESTS    := $(sort $(wildcard c-tests/sub_*.c))
OURS_BINS    := $(patsubst c-tests/%.c,$(BUILD)/ours/%,$(COMPAT_TESTS) $(OWN_TESTS))
CPY_BINS     := $(patsubst c-tests/%.c,$(BUILD)/cpython/%,$(COMPAT_TESTS))
BENCH_SRCS   := $(sort $(wildcard bench/bench_*.c))
C_HEADERS    := $(wildcard include/*.h include/cpython/*.h c-tests/*.h)

.PHONY: bench-alloc all lib header check check-header check-globals check-abi check-cpython-abi check-cpython check-valgrind \
        bench demo install clean c-tests

all: lib

lib:
	$(CARGO) build --profile $(PROFILE) --lib

# Regenerates include/subinterp.h (build.rs does it on every build).
header: lib

$(LIB): lib

$(BUILD)/ours/%: c-tests/%.c $(C_HEADERS) | lib
	@mkdir -p $(dir $@)
	$(CC) $(OURS_CFLAGS) $< -o $@ $(OURS_LDFLAGS)

$(BUILD)/cpython/%: c-tests/%.c $(wildcard c-tests/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_C) $(CPY_CFLAGS) $< -o $@ $(CPY_LDFLAGS)

c-tests: $(OURS_BINS) $(BUILD)/ours/readme_example

# The README's C example is compiled and run by `make check`, so it stays true.
$(BUILD)/readme_example.c: README.md
	@mkdir -p $(BUILD)
	sed -n '/^```c$$/,/^```$$/p' README.md | sed '1d;$$d' > $@

$(BUILD)/ours/readme_example: $(BUILD)/readme_example.c $(C_HEADERS) | lib
	@mkdir -p $(dir $@)
	$(CC) $(OURS_CFLAGS) $< -o $@ $(OURS_LDFLAGS)

# Every check, ending with one line "N passed, N failed".
check: lib c-tests
	@tools/run-checks.sh \
	  "cargo-test|$(CARGO) test --profile $(PROFILE) --lib -q" \
	  "abi-check|$(MAKE) -s check-abi" \
	  "cpython-abi-check|$(MAKE) -s check-cpython-abi" \
	  "header-check|$(MAKE) -s check-header" \
	  "globals-check|$(MAKE) -s check-globals" \
	  "readme-example|$(BUILD)/ours/readme_example" \
	  "install-check|tools/check-install.sh" \
	  $(foreach b,$(OURS_BINS),"$(notdir $(b))|$(b)")

check-abi: lib
	$(CARGO) run -q --profile $(PROFILE) -p systest

# Structs and constants shared with CPython 3.13, against CPython's own headers (skips without them).
check-cpython-abi:
	CC="$(CC)" CPYTHON_CONFIG="$(CPYTHON_CONFIG)" tools/check-cpython-abi.sh

check-header:
	SUBINTERP_VERIFY_HEADER=1 $(CARGO) build -q --profile $(PROFILE) --lib
	@if git rev-parse --git-dir >/dev/null 2>&1; then \
	  git diff --exit-code --stat -- include/subinterp.h || \
	  { echo "include/subinterp.h differs from the committed one: commit it"; exit 1; }; fi

check-globals: lib
	tools/check-globals.sh $(LIB) tools/globals.allow

check-cpython:
	@if [ -z "$(CPYTHON_CONFIG)" ]; then \
	  echo "check-cpython: skipped: no CPython $(CPYTHON_VERSION) with headers at $(CPYTHON_PREFIX)"; \
	else \
	  $(MAKE) -s $(CPY_BINS) && tools/run-checks.sh $(foreach b,$(CPY_BINS),"cpython-$(notdir $(b))|$(b)"); \
	fi

# The collector's tests under memcheck too (it frees what tp_clear releases, in both threads).
GC_VALGRIND := test_gc_collect test_gc_weakref sub_gc_threads

check-valgrind: lib $(BUILD)/ours/sub_valgrind $(BUILD)/ours/test_object_core $(BUILD)/ours/sub_heaptype_full $(addprefix $(BUILD)/ours/,$(GC_VALGRIND))
	tools/valgrind.sh $(BUILD)/ours/sub_valgrind
	@for t in $(GC_VALGRIND); do \
	  valgrind --tool=memcheck --error-exitcode=1 --leak-check=full --show-leak-kinds=definite \
	    --errors-for-leak-kinds=definite --num-callers=30 -q $(BUILD)/ours/$$t || exit 1; \
	done

bench: lib
	tools/bench.sh

# The per-interpreter heap against glibc malloc and mimalloc (see BENCHMARKS.md).
bench-alloc:
	tools/bench-alloc.sh

demo: lib
	@mkdir -p $(BUILD)
	$(CC) -std=gnu11 -O2 -pthread -Wall -Iinclude examples/demo.c -o $(BUILD)/demo $(OURS_LDFLAGS)
	$(BUILD)/demo

install: lib
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/subinterp $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 0755 $(LIB) $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 $(LIBDIR)/libsubinterp.a $(DESTDIR)$(PREFIX)/lib/
	install -m 0644 include/*.h $(DESTDIR)$(PREFIX)/include/subinterp/
	install -d $(DESTDIR)$(PREFIX)/include/subinterp/cpython
	install -m 0644 include/cpython/*.h $(DESTDIR)$(PREFIX)/include/subinterp/cpython/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)|' \
	  tools/subinterp.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/subinterp.pc

clean:
	$(CARGO) clean
	rm -rf $(BUILD)

# hipcoach: one Makefile, dependencies through pkg-config.
#
#   make            build ./hipcoach
#   make deps       install missing Debian and npm packages (needs root or sudo)
#   make test       unit tests (ASan+UBSan), CLI golden tests (also under valgrind), patient stories,
#                   browser and SDK cross-checks, the store and the clinic's server on PostgreSQL,
#                   a short fuzz run of every parser, and torture
#   make torture    killed writers, hostile files, a full disk, slow clients (tests/torture)
#   make pg-tests   the store's tests and the patient stories on PostgreSQL, in a throwaway cluster
#   make clinic-tests  `hipcoach clinic serve` and its pages on a throwaway cluster
#   make fuzz       long fuzz runs (FUZZ_SECONDS per harness, default 300)
#   make bench      benchmarks against peers (not a test)
#   make lint       cppcheck and clang-format check
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man/man1
COMPDIR = $(PREFIX)/share/bash-completion/completions

# Linked: every command needs them, or they are cheap to load. Loaded: only import (libarchive),
# export (libical), ui (libmicrohttpd, libqrencode), the handout, report and figures (cairo,
# pango), the full-screen session (ncursesw), a PostgreSQL database (libpq, src/store/pg/) and the
# clinic's passwords (libsodium) use them, and loading them costs every command about 12 MB and milliseconds at start, so src/lib/dlib.c opens them on first use (cairo and pango
# through src/lib/cairo-dl.h, ncursesw through src/lib/curses-dl.h). Their
# headers still type every call (cflags from both lists); glibc 2.34+ has dlopen in libc itself.
PKGS_LINKED = sqlite3 jansson zlib
PKGS_LOADED = libarchive libmicrohttpd libical libqrencode cairo pangocairo ncursesw libpq libsodium libcurl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS_LINKED) $(PKGS_LOADED) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS_LINKED) 2>/dev/null) -lm
# Tests and tools that draw on a cairo surface of their own link cairo and pango themselves.
DRAW_LIBS := $(shell pkg-config --libs cairo pangocairo 2>/dev/null)

CC ?= cc
# Quiet by default; `make V=1` shows the commands.
Q = $(if $(V),,@)
CFLAGS ?= -O2 -g
WARN = -std=c17 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Werror
VERSION = 0.1.0
ALL_CFLAGS = $(WARN) -D_GNU_SOURCE -DHIPCOACH_VERSION=\"$(VERSION)\" -Isrc -Ibuild $(CFLAGS) $(PKG_CFLAGS)

LIB_SRC := $(sort $(wildcard src/lib/*.c src/core/*.c src/store/*.c src/store/pg/*.c src/formats/*.c src/coach/*.c))
APP_SRC := $(sort $(wildcard src/app/*.c))
EMBED_FILES := src/store/schema.sql src/store/pg/schema.sql $(sort $(wildcard data/programs/*.json data/figures/*.json web/*.html web/*.js web/*.css web/*.svg web/*.png web/*.webmanifest))

LIB_OBJ := $(LIB_SRC:%.c=build/%.o) build/embed.o build/program-default.o
APP_OBJ := $(APP_SRC:%.c=build/%.o)

SAN = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJ := $(LIB_SRC:%.c=build/asan/%.o) build/asan/embed.o build/asan/program-default.o
UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

FUZZ_CC = clang
FUZZ_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -g -O1
FUZZ_OBJ := $(LIB_SRC:%.c=build/fuzz/%.o) build/fuzz/embed.o build/fuzz/program-default.o
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BIN := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 300
FUZZ_SHORT_SECONDS ?= 8

all: hipcoach

hipcoach: $(APP_OBJ) $(LIB_OBJ)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(LDFLAGS)

build/embed.c: $(EMBED_FILES) tools/embed.sh
	@mkdir -p build
	tools/embed.sh $(EMBED_FILES) > $@.tmp && mv $@.tmp $@

# The default program as C data, so that no command parses its JSON at start: tools/program-c.c
# loads the file with program_parse(), the loader of --program FILE, and writes the initialisers.
PROGRAM_C_SRC = tools/program-c.c src/core/program.c src/lib/error.c src/lib/strbuf.c src/lib/xalloc.c
build/program-c: $(PROGRAM_C_SRC) src/core/program.h
	@mkdir -p build
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(PROGRAM_C_SRC) $(shell pkg-config --libs jansson 2>/dev/null)

build/program-default.c: data/programs/hip-pain.json build/program-c
	build/program-c $< > $@.tmp && mv $@.tmp $@

build/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

build/commands.inc: $(APP_SRC) tools/commands.sh
	@mkdir -p build
	tools/commands.sh $(APP_SRC) > $@.tmp && mv $@.tmp $@

build/src/app/main.o: build/commands.inc

build/embed.o: build/embed.c
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

build/program-default.o: build/program-default.c
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -c $< -o $@

# Sanitized objects for unit tests.
build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -O1 $(SAN) -MMD -MP -c $< -o $@

build/asan/embed.o build/asan/program-default.o: build/asan/%.o: build/%.c
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c $< -o $@

build/asan/tests/%: tests/unit/%.c $(ASAN_OBJ)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -O1 $(SAN) -MMD -MP -o $@ $< $(ASAN_OBJ) $(PKG_LIBS) $(DRAW_LIBS) $(UNIT_LIBS) -lcmocka

# The calendar's test reads the written file back with libical itself.
build/asan/tests/test-ical: UNIT_LIBS = $(shell pkg-config --libs libical 2>/dev/null)
# The JSON of a therapist's program changes lives with the faces (src/app), for the clinic's server.
build/asan/tests/test-program-change-json: build/asan/src/app/json-program.o
build/asan/tests/test-program-change-json: UNIT_LIBS = build/asan/src/app/json-program.o

# Fuzzing objects (clang + libFuzzer).
build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(FUZZ_CC) $(WARN) -Wno-unused-command-line-argument -D_GNU_SOURCE -Isrc -Ibuild $(PKG_CFLAGS) $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/embed.o build/fuzz/program-default.o: build/fuzz/%.o: build/%.c
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(FUZZ_CC) -D_GNU_SOURCE -Isrc -Ibuild $(PKG_CFLAGS) $(FUZZ_FLAGS) -c $< -o $@

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_OBJ)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(FUZZ_CC) -D_GNU_SOURCE -Isrc -Ibuild $(PKG_CFLAGS) -fsanitize=fuzzer,address,undefined -g -O1 -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) $(DRAW_LIBS) $(FUZZ_LIBS)

# The XML scanner's differential harness reads every input with expat too (a test-only library).
build/fuzz/fuzz-xmlread: FUZZ_LIBS = $(shell pkg-config --libs expat 2>/dev/null)

# Test and development tools (tests/tools/NAME.c -> build/tools/NAME).
build/tools/%: tests/tools/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(if $(V),,@echo "  CC    $@")
	$(Q)$(CC) $(ALL_CFLAGS) -MMD -MP -o $@ $< $(LIB_OBJ) $(PKG_LIBS) $(DRAW_LIBS)

deps:
	tools/install-deps.sh

unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do \
		echo "== $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 TZ=UTC $$t || fail=1; \
	done; exit $$fail

cli: hipcoach
	tests/cli/run.sh

cli-valgrind: hipcoach
	tests/cli/run.sh --valgrind

fuzz-build: $(FUZZ_BIN)

fuzz-short: $(FUZZ_BIN)
	tests/fuzz/run.sh $(FUZZ_SHORT_SECONDS) $(FUZZ_BIN)

fuzz: $(FUZZ_BIN)
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

stories: hipcoach
	tests/stories/run.sh

# The handout's page count for 144 runners (slow for make cli).
handout-sweep: hipcoach
	tests/handout/sweep.sh

tui: hipcoach
	tests/tui/run.sh

qr: hipcoach
	tests/qr/run.sh

# Killed writers, hostile files, a full disk, slow clients: tests/torture/*.sh.
torture: hipcoach
	tests/torture/run.sh

node-tests: hipcoach build/tools/fitdump
	tests/node/run.sh

# The store's tests and the patient stories on PostgreSQL (src/store/pg/), in a throwaway cluster
# made by tests/pg/cluster.sh, which skips them when PostgreSQL is not installed.
PG_TESTS := build/asan/tests/test-store-calls build/asan/tests/test-runs build/asan/tests/test-program-change
pg-tests: hipcoach $(PG_TESTS)
	@tests/pg/cluster.sh sh -c 'fail=0; for t in $(PG_TESTS); do \
		echo "== $$t (PostgreSQL)"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 TZ=UTC $$t || fail=1; \
	done; tests/stories/run.sh || fail=1; exit $$fail'; rc=$$?; \
	if [ $$rc = 77 ]; then echo "pg-tests: skipped"; rc=0; fi; exit $$rc

test: hipcoach unit cli cli-valgrind handout-sweep stories tui qr node-tests pg-tests clinic-tests fuzz-short torture
	@echo "all test suites passed"

bench: hipcoach build/tools/fitdump
	bench/run.sh

lint:
	cppcheck --quiet --error-exitcode=1 --enable=warning,performance,portability \
		--inline-suppr --std=c11 -Isrc -Ibuild -D__GNUC__ --suppress=missingIncludeSystem \
		src tools/program-c.c
	clang-format --dry-run --Werror $(LIB_SRC) $(APP_SRC) $(wildcard src/*/*.h) tools/program-c.c

hipcoach.1: hipcoach
	./hipcoach help --man > $@.tmp && mv $@.tmp $@

completion.bash: hipcoach
	./hipcoach help --bash-completion > $@.tmp && mv $@.tmp $@

install: hipcoach hipcoach.1 completion.bash
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(COMPDIR)
	install -m 755 hipcoach $(DESTDIR)$(BINDIR)/hipcoach
	install -m 644 hipcoach.1 $(DESTDIR)$(MANDIR)/hipcoach.1
	install -m 644 completion.bash $(DESTDIR)$(COMPDIR)/hipcoach

clean:
	rm -rf build hipcoach hipcoach.1 completion.bash

.SECONDARY:

# The clinic's server: logins, invites, who reaches what, the audit log, two processes on one
# database (tests/clinic), and the therapist's pages in a browser (tests/node/clinic-*.test.mjs),
# on one throwaway PostgreSQL cluster.
clinic-tests: hipcoach
	@tests/pg/cluster.sh sh -c 'node --test --test-concurrency=1 tests/clinic/ && \
		cd tests/node && node --test --test-concurrency=1 clinic-*.test.mjs'; rc=$$?; \
	if [ $$rc = 77 ]; then echo "clinic-tests: skipped"; rc=0; fi; exit $$rc

.PHONY: all deps unit cli cli-valgrind handout-sweep stories tui qr torture fuzz fuzz-short fuzz-build node-tests pg-tests clinic-tests test bench lint install clean

-include $(shell find build -name '*.d' 2>/dev/null)

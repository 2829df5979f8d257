# hallscreen: a hall screen for social centres.
#
#   make run     install what is missing, build, show the demo
#   make test    install what is missing, build, run the whole suite
#   make check   the suite under AddressSanitizer and UBSan
#   make bench   first-frame time, memory and CPU against a browser kiosk
#   make soak    a simulated week: memory and open files must stay flat
#   make golden  regenerate the reference screenshots (never automatic)
#   make fuzz    run every fuzz target for FUZZ_SECONDS each
#   make deps    install the Debian packages hallscreen needs
#   make install PREFIX=/usr DESTDIR=...

VERSION := 0.1.0
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
BUILD ?= build
BIN ?= hallscreen
FUZZ_SECONDS ?= 60

# Libraries, and why each is there: see README.md.
PKGS := sdl2 SDL2_ttf SDL2_image libcurl libxml-2.0 libical jansson fontconfig inih libsystemd
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
TEST_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

# When this program was built: a board whose clock says earlier has not
# been told the time yet. Reproducible: the packaging's date, else the commit's.
BUILD_TIME := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),0)
WARN := -Wall -Wextra -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes
HS_CFLAGS = -std=c11 $(WARN) -D_DEFAULT_SOURCE -DHS_VERSION='"$(VERSION)"' \
            -DHS_BUILD_TIME=$(BUILD_TIME) -MMD -MP \
            $(PKG_CFLAGS) $(CPPFLAGS) $(CFLAGS)
HS_LIBS = $(PKG_LIBS) -lm -pthread

LIB_SRC := $(filter-out player/main.c,$(wildcard player/*.c content/*.c config/*.c feeds/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/feeds/hallscreen_rng.o
LIB := $(BUILD)/libhallscreen.a
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_LIB_SRC := $(wildcard content/*.c config/*.c feeds/*.c)

# Debian packages: to build, to run (fonts, time zones), to test.
DEB_BUILD := gcc make pkg-config libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev \
             libcurl4-openssl-dev libxml2-dev libical-dev libjansson-dev libsystemd-dev \
             libfontconfig-dev libinih-dev
DEB_RUN := fonts-noto-core fonts-dejavu-core tzdata
DEB_TEST := libcmocka-dev python3
DEB_ALL := $(DEB_BUILD) $(DEB_RUN) $(DEB_TEST)

.PHONY: all deps deps-auto print-deps run test test-run check bench soak golden fuzz install clean

all: $(BIN)

$(BIN): $(BUILD)/player/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(HS_LIBS)

$(LIB): $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(HS_CFLAGS) -c -o $@ $<

# The schema of the hallscreen XML format, built into the program so that the
# checker validates against exactly the file in the repository.
$(BUILD)/feeds/hallscreen_rng.c: feeds/hallscreen.rng
	@mkdir -p $(dir $@)
	@{ echo '#include <stddef.h>'; \
	   echo 'const char hsxml_schema[] = {'; \
	   od -An -v -tx1 $< | sed 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '};'; \
	   echo 'const size_t hsxml_schema_len = sizeof(hsxml_schema);'; } > $@

$(BUILD)/feeds/hallscreen_rng.o: $(BUILD)/feeds/hallscreen_rng.c
	$(CC) $(HS_CFLAGS) -Wno-missing-variable-declarations -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HS_CFLAGS) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(TEST_LIBS) $(HS_LIBS)

# Installs the missing Debian packages as root, or prints the one line to
# run. deps-auto does the same only when something is missing.
deps:
	@DEB="$(DEB_ALL)" sh tests/deps.sh install

deps-auto:
	@DEB="$(DEB_ALL)" sh tests/deps.sh auto

print-deps:
	@echo $(DEB_ALL)

# A window where there is a desktop, fullscreen otherwise; with no display
# at all, a snapshot of the demo instead, so the command always shows
# something.
run: deps-auto
	@$(MAKE) --no-print-directory all
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then mode=--window; else mode=; fi; \
	./$(BIN) run $$mode $(RUN_ARGS); rc=$$?; \
	if [ $$rc -eq 3 ]; then \
	  mkdir -p $(BUILD) && ./$(BIN) snapshot -o $(BUILD)/demo.png >/dev/null && \
	  echo "No display here: the demo screen is in $(CURDIR)/$(BUILD)/demo.png"; \
	else exit $$rc; fi

test: deps-auto
	@$(MAKE) --no-print-directory test-run

test-run: $(BIN) $(TEST_BIN)
	@sh tests/run.sh "$(BUILD)" "./$(BIN)"

SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
check: deps-auto
	@$(MAKE) --no-print-directory BUILD=build/san BIN=build/san/hallscreen \
	  CFLAGS="-O1 -g $(SAN) $(filter -Werror,$(CFLAGS))" LDFLAGS="$(SAN)" test-run

# A simulated week on a virtual display with feeds changing and failing;
# SOAK_DAYS=2 for a short run.
soak: all
	@sh tests/soak.sh "./$(BIN)"

bench: all $(BUILD)/tests/bench_parse
	@$(BUILD)/tests/bench_parse
	@sh tests/bench.sh "./$(BIN)"

$(BUILD)/tests/bench_parse: tests/bench_parse.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(HS_CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(HS_LIBS)

golden: $(BUILD)/tests/test_golden
	HS_GOLDEN_UPDATE=1 $(BUILD)/tests/test_golden

fuzz: $(BUILD)/feeds/hallscreen_rng.c
	@command -v clang >/dev/null || { echo "make fuzz needs clang: apt-get install clang"; exit 1; }
	@mkdir -p $(BUILD)/fuzz
	@set -e; for f in $(FUZZ_SRC); do \
	  n=$$(basename $$f .c); t=$${n#fuzz_}; \
	  clang -std=c11 -g -O1 -D_DEFAULT_SOURCE -fsanitize=fuzzer,address,undefined \
	    $(PKG_CFLAGS) -o $(BUILD)/fuzz/$$n $$f $(FUZZ_LIB_SRC) \
	    $(BUILD)/feeds/hallscreen_rng.c $(PKG_LIBS) -lm -pthread; \
	  mkdir -p $(BUILD)/fuzz/corpus-$$t; cp -r tests/fuzz/corpus/$$t/. $(BUILD)/fuzz/corpus-$$t/; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
	  $(BUILD)/fuzz/$$n -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    $(BUILD)/fuzz/corpus-$$t 2>&1 | tail -n 3; \
	done

# Where 'make install' puts things. SYSCONFDIR is /etc whatever PREFIX says:
# the player looks for /etc/hallscreen/hallscreen.ini. systemd reads units
# and sysusers files under /usr/local/lib too; the Debian package sets
# PREFIX=/usr and UNITDIR=/lib/systemd/system.
MANDIR ?= $(DATADIR)/man
DOCDIR ?= $(DATADIR)/doc/hallscreen
SYSCONFDIR ?= /etc
UNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
INSTALL_DOCS := config/hallscreen.ini.example feeds/GUIDE.fr.md feeds/exemple.xml \
                feeds/hallscreen.rng

# The binary, its manual, the systemd unit (its ExecStart pointed at BINDIR),
# the user the service runs as, and the documentation. The configuration is
# installed only where there is none yet: a reinstall never overwrites a
# screen's settings (the package makes it a conffile instead).
install: all
	install -D -m 755 $(BIN) $(DESTDIR)$(BINDIR)/hallscreen
	install -D -m 644 config/hallscreen.1 $(DESTDIR)$(MANDIR)/man1/hallscreen.1
	@mkdir -p $(BUILD)
	sed -e 's|/usr/bin/hallscreen|$(BINDIR)/hallscreen|' \
	    -e 's|/etc/hallscreen/|$(SYSCONFDIR)/hallscreen/|' \
	    config/hallscreen.service > $(BUILD)/hallscreen.service
	install -D -m 644 $(BUILD)/hallscreen.service $(DESTDIR)$(UNITDIR)/hallscreen.service
	install -D -m 644 config/hallscreen.sysusers $(DESTDIR)$(SYSUSERSDIR)/hallscreen.conf
	install -d $(DESTDIR)$(DOCDIR)
	install -m 644 $(INSTALL_DOCS) $(DESTDIR)$(DOCDIR)/
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/hallscreen/hallscreen.ini ]; then \
	  echo "kept $(DESTDIR)$(SYSCONFDIR)/hallscreen/hallscreen.ini as it was"; \
	else \
	  echo "install -D -m 644 config/hallscreen.ini $(DESTDIR)$(SYSCONFDIR)/hallscreen/hallscreen.ini"; \
	  install -D -m 644 config/hallscreen.ini $(DESTDIR)$(SYSCONFDIR)/hallscreen/hallscreen.ini; \
	fi
	@if [ -z "$(DESTDIR)" ]; then \
	  echo "To run it as a service: sudo systemd-sysusers hallscreen.conf &&"; \
	  echo "  sudo systemctl daemon-reload && sudo systemctl enable --now hallscreen"; \
	fi

# Removes what install put, except the configuration (it holds a screen's
# settings), the hallscreen user and the service's data in /var.
.PHONY: uninstall
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hallscreen $(DESTDIR)$(MANDIR)/man1/hallscreen.1 \
	  $(DESTDIR)$(UNITDIR)/hallscreen.service $(DESTDIR)$(SYSUSERSDIR)/hallscreen.conf \
	  $(addprefix $(DESTDIR)$(DOCDIR)/,$(notdir $(INSTALL_DOCS)))
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true
	@echo "kept $(DESTDIR)$(SYSCONFDIR)/hallscreen/hallscreen.ini"

clean:
	rm -rf build $(BIN)

-include $(LIB_OBJ:.o=.d) $(BUILD)/player/main.d

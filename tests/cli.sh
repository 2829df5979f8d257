#!/bin/sh
# The command line as a user meets it: subcommands, help, exit statuses,
# config errors with file:line, snapshots, and the player's loop on a
# virtual display when Xvfb is installed. One "ok"/"not ok" line a check.
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null' EXIT
failed=0
xvfb=""

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failed=1; }

# expect STATUS NAME CMD...: runs CMD, keeps its output in $tmp/out.
expect() {
    want=$1 name=$2
    shift 2
    "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else
        not_ok "$name (exit $got, wanted $want)"
        sed 's/^/    /' "$tmp/out" | head -n 20
    fi
}

# says TEXT NAME: the last command's output holds TEXT.
says() {
    if grep -qF -- "$1" "$tmp/out"; then ok "$2"; else
        not_ok "$2 (no '$1' in output)"
        sed 's/^/    /' "$tmp/out" | head -n 20
    fi
}

expect 2 "no command is a usage error" "$bin"
says "usage: hallscreen COMMAND" "no command prints the usage"
expect 2 "a wrong command is refused" "$bin" frobnicate
says "'frobnicate' is not a command" "a wrong command is named"
expect 0 "--help" "$bin" --help
for c in run snapshot check check-config status; do
    expect 0 "$c --help" "$bin" "$c" --help
    says "usage: hallscreen $c" "$c --help tells its usage"
done
expect 2 "a wrong option is refused" "$bin" snapshot --frob
expect 0 "version" "$bin" version
says "hallscreen 0." "version prints the version"

# Configuration.
expect 0 "the example config is valid" "$bin" check-config -c config/hallscreen.ini.example
"$bin" check-config -c config/hallscreen.ini.example >"$tmp/a.ini" 2>/dev/null
"$bin" check-config -c "$tmp/a.ini" >"$tmp/b.ini" 2>/dev/null
if diff -u "$tmp/a.ini" "$tmp/b.ini" | grep -v '^[-+]# ' | grep -q '^[-+][^-+]'; then
    not_ok "check-config output reads back to the same configuration"
else
    ok "check-config output reads back to the same configuration"
fi
expect 2 "a missing config file is an error" "$bin" check-config -c "$tmp/none.ini"
says "none.ini" "the missing file is named"
printf '[screen]\nname = Test\ntheme = blue\n' >"$tmp/bad.ini"
expect 2 "a bad value is an error" "$bin" check-config -c "$tmp/bad.ini"
says "bad.ini:3:" "the error names file and line"
says "high-contrast" "the error says what was expected"
if [ "$(wc -l <"$tmp/out")" -eq 1 ]; then ok "the error is one line"; else
    not_ok "the error is one line"; fi
printf '[screen]\nname = Test\n\n[source caf]\nurl = https://example.org/a.ics\nkind = agenda\ncolor = #ff0000\n' >"$tmp/bad2.ini"
expect 2 "an unknown key is an error" "$bin" check-config -c "$tmp/bad2.ini"
says "bad2.ini:7:" "the unknown key's line is named"
says "colour" "the unknown key gets a hint"
expect 2 "run refuses a bad config" "$bin" run -c "$tmp/bad.ini"
expect 2 "snapshot refuses a bad config" "$bin" snapshot -c "$tmp/bad.ini" -o "$tmp/x.png"

# Snapshots.
expect 0 "snapshot writes a PNG" "$bin" snapshot -c tests/data/golden.ini -o "$tmp/s.png" \
    --at 2026-11-27T10:15 --size 1280x720
if [ "$(head -c 8 "$tmp/s.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
    ok "the snapshot is a PNG"; else not_ok "the snapshot is a PNG"; fi
# Width and height stand big-endian at bytes 16-23 of a PNG.
if [ "$(od -An -tu1 -j16 -N8 "$tmp/s.png" | tr -s ' ' | sed 's/^ //')" = "0 0 5 0 0 0 2 208" ]; then
    ok "the snapshot is 1280x720"; else not_ok "the snapshot is 1280x720"; fi
expect 0 "snapshot of one page" "$bin" snapshot -c tests/data/golden.ini -o "$tmp/p.png" \
    --page semainier --size 1280x720
expect 2 "an unknown page is refused" "$bin" snapshot -o "$tmp/p.png" --page nope
says "expected semainier or agenda" "the pages are listed"
expect 2 "a bad --at is refused" "$bin" snapshot -o "$tmp/p.png" --at 2026-11-31T10:00
expect 2 "a bad --size is refused" "$bin" snapshot -o "$tmp/p.png" --size 12x9000
expect 2 "snapshot needs -o" "$bin" snapshot
expect 1 "an unwritable PNG is a failure" "$bin" snapshot -c tests/data/golden.ini \
    -o /nonexistent/dir/x.png

# The partners' checker.
f=tests/data/feeds
expect 0 "check: a good hallscreen file is usable" "$bin" check -c tests/data/golden.ini \
    $f/hallscreen-ok-exemple.xml
says "Résultat : utilisable" "check says the file is usable"
expect 0 "check: a file with a bad date is still usable" "$bin" check $f/hallscreen-bad-date.xml
says "ligne 4 : date « 31/11/2026 14:00 » non comprise" "check names the line and the bad date"
expect 1 "check: a truncated feed is not usable" "$bin" check $f/rss-truncated.xml
says "INUTILISABLE" "check says a truncated feed is not usable"
expect 1 "check: a web page is not a feed" "$bin" check $f/rss-error-page.html
says "page web" "check says it is a web page"
expect 1 "check: a missing file is not usable" "$bin" check "$tmp/none.xml"
says "impossible de lire" "check says it cannot read it"
expect 1 "check: one bad input of several fails" "$bin" check $f/rss-wordpress.xml \
    $f/rss-truncated.xml
expect 2 "check: no input is a usage error" "$bin" check
expect 2 "check: a bad --from is refused" "$bin" check --from 2026-13-01 $f/ical-google.ics
"$bin" check --json -c tests/data/golden.ini --from 2026-11-01 --to 2027-01-01 \
    $f/ical-nextcloud.ics $f/rss-truncated.xml >"$tmp/check.json" 2>"$tmp/out"
if python3 - "$tmp/check.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert isinstance(doc, list) and len(doc) == 2
cal, bad = doc
for o in doc:
    assert set(o) >= {"source", "format", "title", "usable", "problems", "items"}, o.keys()
assert cal["format"] == "ical" and cal["usable"] is True and bad["usable"] is False
assert bad["format"] == "rss2" and bad["problems"][0]["line"] == 11
keys = {"title", "link", "published", "start", "end", "all_day", "location", "partner",
        "summary"}
starts = [i["start"] for i in cal["items"]]
assert starts == sorted(starts) and len(starts) >= 6, starts
for i in cal["items"]:
    assert keys <= set(i), i.keys()
    assert i["start"].endswith("+01:00") and i["end"] > i["start"], i
PY
then ok "check --json is the documented form"; else
    not_ok "check --json is the documented form"; sed 's/^/    /' "$tmp/check.json" | head -30
fi
expect 0 "check --preview writes a PNG" "$bin" check -c tests/data/golden.ini --at \
    2026-11-27T10:15 --preview "$tmp/preview.png" $f/rss-events.xml
if [ -s "$tmp/preview.png" ]; then ok "the preview is there"; else not_ok "the preview is there"; fi

# Sources end to end, from local files: fetched once, then shown from the
# cache with the files gone.
mkdir -p "$tmp/share" "$tmp/cache"
cp $f/ical-nextcloud.ics $f/hallscreen-ok-exemple.xml "$tmp/share/"
cat >"$tmp/feeds.ini" <<EOF
[screen]
name = Test
timezone = Europe/Paris
state_dir = $tmp/cache
[source caf]
url = $tmp/share/ical-nextcloud.ics
kind = semainier
partner = CAF
[source centre]
url = file://$tmp/share/hallscreen-ok-exemple.xml
kind = notices
EOF
expect 0 "snapshot --fetch reads the sources" "$bin" snapshot -c "$tmp/feeds.ini" --fetch \
    -o "$tmp/f1.png" --at 2026-11-27T10:15
if [ -s "$tmp/cache/caf.cache" ] && [ -s "$tmp/cache/centre.cache" ]; then
    ok "each source is cached"; else not_ok "each source is cached"; ls -la "$tmp/cache"; fi
rm -r "$tmp/share"
expect 0 "snapshot without the sources shows the cache" "$bin" snapshot -c "$tmp/feeds.ini" \
    -o "$tmp/f2.png" --at 2026-11-27T10:15
if cmp -s "$tmp/f1.png" "$tmp/f2.png"; then ok "the cached screen is the same screen"; else
    not_ok "the cached screen is the same screen"; fi
expect 0 "snapshot --fetch with the sources gone keeps the cache" "$bin" snapshot \
    -c "$tmp/feeds.ini" --fetch -o "$tmp/f3.png" --at 2026-11-27T10:15
says "its last good content stays on screen" "a failed source is logged with what stays"
if cmp -s "$tmp/f1.png" "$tmp/f3.png"; then ok "a failed fetch keeps the screen"; else
    not_ok "a failed fetch keeps the screen"; fi

# No config anywhere: the demo, said once on stderr.
mkdir -p "$tmp/home"
HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" "$bin" snapshot -o "$tmp/d.png" \
    >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ "$(grep -c 'demo' "$tmp/err")" -eq 1 ]; then
    ok "without a config the demo is shown and said once"
else
    not_ok "without a config the demo is shown and said once"
    sed 's/^/    /' "$tmp/err"
fi

# No display at all: one line, status 3, whether SDL is told which driver
# to use or left to fall back on its own (it would pick "offscreen").
for drv in x11 ""; do
    if [ -n "$drv" ]; then
        env -u DISPLAY -u WAYLAND_DISPLAY SDL_VIDEODRIVER=$drv timeout 10 "$bin" run \
            -c tests/data/golden.ini >"$tmp/out" 2>&1
    else
        env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER XDG_RUNTIME_DIR="$tmp" \
            timeout 10 "$bin" run -c tests/data/golden.ini >"$tmp/out" 2>&1
    fi
    st=$?
    if [ $st -eq 3 ] && [ "$(grep -c . "$tmp/out")" -eq 1 ]; then
        ok "run without a display says so in one line (status 3, driver '${drv:-auto}')"
    else
        not_ok "run without a display says so in one line (driver '${drv:-auto}', status $st)"
        sed 's/^/    /' "$tmp/out"
    fi
done

# The player's loop on a virtual display: first frame, then a clean exit on
# SIGTERM within a second.
if command -v Xvfb >/dev/null 2>&1; then
    Xvfb :97 -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
    xvfb=$!
    sleep 1
    DISPLAY=:97 "$bin" run --window --size 1280x720 -c tests/data/golden.ini \
        >"$tmp/out" 2>&1 &
    pid=$!
    sleep 3
    kill -TERM $pid 2>/dev/null
    i=0
    while kill -0 $pid 2>/dev/null && [ $i -lt 10 ]; do sleep 0.1; i=$((i + 1)); done
    if kill -0 $pid 2>/dev/null; then
        kill -KILL $pid
        not_ok "run exits within a second of SIGTERM"
    else
        wait $pid
        st=$?
        if [ $st -eq 0 ]; then ok "run exits cleanly on SIGTERM"; else
            not_ok "run exits cleanly on SIGTERM (status $st)"; fi
    fi
    says "first frame in" "run draws a first frame on X11"
    says "software" "run takes the software path on a display without a GPU"
    # systemd's part, played by the test: notify socket, watchdog, signals.
    mkdir -p "$tmp/service"
    python3 tests/service.py "$bin" :97 "$tmp/service" >"$tmp/out" 2>&1
    cat "$tmp/out"
    grep -q "^not ok" "$tmp/out" && failed=1
    grep -q "^ok - no WATCHDOG" "$tmp/out" || { echo "not ok - the service test ran to its end"; failed=1; }
    kill "$xvfb" 2>/dev/null
    xvfb=""
else
    echo "# Xvfb is not installed: the player's loop is not tested (apt-get install xvfb)"
fi
exit $failed

#!/bin/sh
# make soak: the player through a simulated week (the DST night of
# 2026-10-25 included) on a virtual display, with local feeds that change
# and fail, and a test clock running SPEED times faster. Prints resident
# memory, open file descriptors and threads at each simulated day, and
# fails when they grow from the first day to the last.
#   SOAK_DAYS (default 7), SOAK_SPEED (default 3600: an hour a second)
bin=${1:-./hallscreen}
days=${SOAK_DAYS:-7}
speed=${SOAK_SPEED:-3600}
tmp=$(mktemp -d)
xvfb="" pid="" httpd="" churn=""
trap 'kill $pid $churn $httpd $xvfb 2>/dev/null; rm -rf "$tmp"' EXIT
export TZ=Europe/Paris LC_ALL=C.UTF-8 XDG_CACHE_HOME="$tmp/cache" RUNTIME_DIRECTORY="$tmp/run"

command -v Xvfb >/dev/null || { echo "make soak needs Xvfb: apt-get install xvfb"; exit 1; }
Xvfb :91 -screen 0 1280x720x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
python3 tests/httpd.py --port-file "$tmp/port" >/dev/null 2>&1 &
httpd=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$tmp/port")

f=tests/data/feeds
mkdir -p "$tmp/share"
cp $f/ical-nextcloud.ics $f/hallscreen-ok-exemple.xml $f/rss-events.xml "$tmp/share/"
cat >"$tmp/soak.ini" <<EOF
[screen]
name = Soak
timezone = Europe/Paris
[source caf]
url = $tmp/share/ical-nextcloud.ics
kind = semainier
[source centre]
url = $tmp/share/hallscreen-ok-exemple.xml
kind = notices
[source agenda]
url = $tmp/share/rss-events.xml
kind = agenda
[source web]
url = http://127.0.0.1:$port/ok.xml
kind = ticker
[source broken]
url = http://127.0.0.1:$port/error
kind = ticker
EOF

# Feeds that change and fail: every two seconds, one of them is truncated,
# removed, restored or rewritten.
(
    n=0
    while :; do
        case $((n % 4)) in
        0) head -c 300 $f/rss-events.xml >"$tmp/share/rss-events.xml" ;;
        1) rm -f "$tmp/share/ical-nextcloud.ics" ;;
        2) cp $f/rss-events.xml $f/ical-nextcloud.ics "$tmp/share/" ;;
        3) sed "s/Repair/Repair $n/" $f/hallscreen-ok-exemple.xml \
               >"$tmp/share/hallscreen-ok-exemple.xml" ;;
        esac
        n=$((n + 1))
        sleep 2
    done
) &
churn=$!

# Monday 2026-10-19 00:00 in Paris: the week of the change to winter time.
start=1792360800
DISPLAY=:91 HALLSCREEN_TEST_CLOCK="$start,$speed" "$bin" run --window --size 1280x720 \
    -c "$tmp/soak.ini" >"$tmp/run.log" 2>&1 &
pid=$!
day_s=$(awk "BEGIN {print 86400 / $speed}")
echo "soak: $days simulated days from Monday 2026-10-19 (DST night 2026-10-25), ${day_s} s each"
echo "day  rss_kb  fds  threads"
d=0
first_rss=0 first_fds=0 last_rss=0 last_fds=0
sleep 2
while [ $d -le "$days" ]; do
    if ! kill -0 $pid 2>/dev/null; then
        echo "not ok - the player died on day $d"; sed 's/^/    /' "$tmp/run.log" | tail -20
        exit 1
    fi
    rss=$(awk '/^VmRSS:/{print $2}' /proc/$pid/status)
    fds=$(ls /proc/$pid/fd | wc -l)
    thr=$(awk '/^Threads:/{print $2}' /proc/$pid/status)
    printf '%3d  %6d  %3d  %7d\n' "$d" "$rss" "$fds" "$thr"
    # Day 1 is the reference: day 0 still loads fonts and caches.
    [ $d -eq 1 ] && { first_rss=$rss; first_fds=$fds; }
    last_rss=$rss last_fds=$fds
    d=$((d + 1))
    [ $d -le "$days" ] && sleep "$day_s"
done
kill -TERM $pid
wait $pid
rc=$?
fetches=$(grep -c "source '" "$tmp/run.log")
echo "log lines about sources: $fetches (failures are logged once per new reason)"
status=0
[ $rc -eq 0 ] && echo "ok - the player exits cleanly after the soak" || {
    echo "not ok - exit status $rc"; status=1; }
if [ "$days" -ge 2 ]; then
    growth=$((last_rss - first_rss))
    echo "resident memory from day 1 to day $days: $first_rss kB -> $last_rss kB ($growth kB)"
    echo "open files from day 1 to day $days: $first_fds -> $last_fds"
    # Flat means within what the allocator's fragmentation explains.
    if [ $growth -gt $((first_rss / 10 + 2048)) ]; then
        echo "not ok - resident memory grows"; status=1
    else echo "ok - resident memory is flat"; fi
    if [ $((last_fds - first_fds)) -gt 2 ]; then
        echo "not ok - open file descriptors grow"; status=1
    else echo "ok - open file descriptors are flat"; fi
fi
exit $status

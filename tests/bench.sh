#!/bin/sh
# make bench: what hallscreen costs, measured, never asserted.
#  - first frame of `snapshot` (wall time of the whole command, and the
#    player's own first-frame figure);
#  - peak resident memory (RSS and PSS) and CPU seconds of `run` showing the
#    demo for BENCH_SECONDS (default 30) at 1920x1080 on an Xvfb display;
#  - the same for a browser kiosk showing an equivalent screen, when
#    chromium and xvfb are installed, and the ratios.
bin=${1:-./hallscreen}
secs=${BENCH_SECONDS:-30}
here=$(cd "$(dirname "$0")" && pwd)
kiosk="$here/../../shared/kiosk-baseline/run.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TZ=Europe/Paris
# The player writes its status and cache: not into this machine's.
export RUNTIME_DIRECTORY="$tmp/run" XDG_CACHE_HOME="$tmp/cache"

now_ns() { date +%s%N; }

# First frame of snapshot, 10 runs: median and best.
i=0
: >"$tmp/times"
while [ $i -lt 10 ]; do
    t0=$(now_ns)
    "$bin" snapshot -c tests/data/golden.ini -o "$tmp/s.png" --at 2026-11-27T10:15 \
        --size 1920x1080 >/dev/null 2>&1
    t1=$(now_ns)
    echo $(((t1 - t0) / 1000)) >>"$tmp/times"
    i=$((i + 1))
done
sort -n "$tmp/times" | awk '{a[NR]=$1} END {printf "snapshot first-frame 1920x1080: median %.1f ms, best %.1f ms (whole command, 10 runs)\n", a[int((NR+1)/2)]/1000, a[1]/1000}'

if ! command -v Xvfb >/dev/null 2>&1; then
    echo "run: Xvfb is not installed (apt-get install xvfb) - no memory/CPU figures"
    exit 0
fi

# Samples a process tree's PSS/RSS every second for $secs; prints a line.
measure() {
    name=$1 pid=$2
    hz=$(getconf CLK_TCK)
    peak_pss=0 peak_rss=0 i=0 ticks=0
    while [ $i -lt "$secs" ] && kill -0 "$pid" 2>/dev/null; do
        sleep 1
        i=$((i + 1))
        pss=$(awk '/^Pss:/{print $2}' /proc/$pid/smaps_rollup 2>/dev/null || echo 0)
        rss=$(awk '/^Rss:/{print $2}' /proc/$pid/smaps_rollup 2>/dev/null || echo 0)
        [ "${pss:-0}" -gt $peak_pss ] && peak_pss=$pss
        [ "${rss:-0}" -gt $peak_rss ] && peak_rss=$rss
        ticks=$(awk '{print $14+$15}' /proc/$pid/stat 2>/dev/null || echo $ticks)
    done
    echo "$name secs=$secs cpu_s=$(echo "$ticks $hz" | awk '{printf "%.2f",$1/$2}') peak_pss_mb=$((peak_pss / 1024)) peak_rss_mb=$((peak_rss / 1024))"
}

disp=:${BENCH_DISPLAY:-93}
Xvfb $disp -screen 0 1920x1080x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
sleep 1
DISPLAY=$disp "$bin" run -c tests/data/golden.ini >"$tmp/run.log" 2>&1 &
pid=$!
line=$(measure hallscreen $pid)
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
kill $xpid 2>/dev/null
echo "$line"
grep -o 'first frame in [0-9]* ms' "$tmp/run.log" | sed 's/^/run: /'
grep -o 'showing .*' "$tmp/run.log" | sed 's/^/run: /'

if command -v chromium >/dev/null 2>&1 && [ -x "$kiosk" ]; then
    kline=$("$kiosk" "$secs")
    echo "$kline"
    echo "$line $kline" | awk '{
        for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1] (seen[kv[1]]++ ? "2" : "")] = kv[2] }
        printf "ratios: memory (PSS) kiosk/hallscreen = %.1fx (target 10x), CPU kiosk/hallscreen = %.1fx (target 15x)\n",
            v["peak_pss_mb2"] / (v["peak_pss_mb"] > 0 ? v["peak_pss_mb"] : 1),
            v["cpu_s2"] / (v["cpu_s"] > 0 ? v["cpu_s"] : 0.01) }'
else
    echo "browser kiosk: not measured (apt-get install chromium xvfb imagemagick, then make bench)"
fi

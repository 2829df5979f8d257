#!/bin/sh
# Runs the whole suite: every unit test binary, then the command-line tests.
# Fails when any test fails; ends with one "N passed, N failed" line.
build=$1
bin=$2
passed=0
failed=0
failures=""
log=$(mktemp)
trap 'rm -f "$log"; rm -rf "$XDG_CACHE_HOME" "$RUNTIME_DIRECTORY"' EXIT

# Leaks are errors under the sanitizers; the libraries' own caches, kept
# for the life of the process, are not ours (tests/lsan.supp).
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Tests never depend on the machine's zone, display or locale.
export TZ=UTC LC_ALL=C.UTF-8
# Nor on its cache and runtime directory: the player writes in these.
export XDG_CACHE_HOME="$(mktemp -d)"
export RUNTIME_DIRECTORY="$(mktemp -d)"
unset CACHE_DIRECTORY
unset DISPLAY WAYLAND_DISPLAY

for t in "$build"/tests/test_*; do
    [ -x "$t" ] || continue
    name=$(basename "$t")
    "$t" >"$log" 2>&1
    rc=$?
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | head -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | head -n 1)
    passed=$((passed + ${p:-0}))
    failed=$((failed + ${f:-0}))
    if [ $rc -ne 0 ]; then
        # A crash or a sanitizer report counts even when cmocka said nothing.
        [ -z "$f" ] && failed=$((failed + 1))
        failures="$failures $name"
    fi
done

sh tests/cli.sh "$bin" >"$log" 2>&1
rc=$?
cat "$log"
p=$(grep -c '^ok ' "$log")
f=$(grep -c '^not ok ' "$log")
passed=$((passed + p))
failed=$((failed + f))
if [ $rc -ne 0 ]; then
    [ "$f" -eq 0 ] && failed=$((failed + 1))
    failures="$failures cli"
fi

echo
[ -n "$failures" ] && echo "failing:$failures"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ -z "$failures" ]

#!/bin/sh
# Checks the systemd unit and the sysusers file as installed, with systemd's
# own tools, which need no running systemd (a CI container has none):
#
#   sh tests/verify-unit.sh          installs into a temporary root with
#                                    'make install' and checks that
#   sh tests/verify-unit.sh ROOT     checks the files under ROOT (the tree of
#                                    an unpacked .deb: tests/package.sh)
#
# systemd-analyze verify wants the unit's ExecStart to exist and its
# Documentation= man page to be found, so it checks a copy of the unit whose
# ExecStart points into ROOT, with ROOT's manual pages on MANPATH. It exits 0
# even after warnings ("Unknown key ..."), so any output at all is a failure.
# Needs: systemd (systemd-analyze, systemd-sysusers), man-db, procps
# (/bin/kill, the unit's ExecReload), make and the build dependencies when
# no ROOT is given. One "ok"/"not ok" line a check.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failed=1; }

for tool in systemd-analyze systemd-sysusers man; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "not ok - $tool is missing (apt-get install systemd man-db procps)"
        exit 1
    fi
done

root=$1
if [ -z "$root" ]; then
    root=$tmp/root
    if make -s install DESTDIR="$root" PREFIX=/usr UNITDIR=/lib/systemd/system \
        >"$tmp/out" 2>&1; then
        ok "make install into a temporary root"
    else
        not_ok "make install into a temporary root"
        sed 's/^/    /' "$tmp/out" | head -n 20
        exit 1
    fi
fi
root=$(cd "$root" && pwd) || exit 1

unit=""
for u in "$root/lib/systemd/system/hallscreen.service" \
         "$root/usr/lib/systemd/system/hallscreen.service"; do
    [ -f "$u" ] && unit=$u
done
if [ -z "$unit" ]; then
    not_ok "hallscreen.service is installed under $root"
    exit 1
fi
ok "hallscreen.service is installed (${unit#"$root"})"

exec_path=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$unit")
if [ -x "$root$exec_path" ]; then
    ok "ExecStart names the installed binary ($exec_path)"
else
    not_ok "ExecStart names the installed binary ($exec_path is not in $root)"
fi

mkdir -p "$tmp/unit"
sed "s|^ExecStart=$exec_path|ExecStart=$root$exec_path|" "$unit" >"$tmp/unit/hallscreen.service"
MANPATH="$root/usr/share/man:" systemd-analyze verify "$tmp/unit/hallscreen.service" \
    >"$tmp/out" 2>&1
st=$?
if [ $st -eq 0 ] && [ ! -s "$tmp/out" ]; then
    ok "systemd-analyze verify accepts the unit, without a warning"
else
    not_ok "systemd-analyze verify accepts the unit (exit $st)"
    sed 's/^/    /' "$tmp/out" | head -n 20
fi

# The settings the player relies on: a typo here is a unit that still loads.
for want in Type=notify WatchdogSec= Restart=always User=hallscreen \
    StateDirectory=hallscreen CacheDirectory=hallscreen RuntimeDirectory=hallscreen \
    "SupplementaryGroups=video render input" "DeviceAllow=char-drm rw"; do
    if grep -q "^$want" "$unit"; then ok "the unit sets $want"; else
        not_ok "the unit sets $want"; fi
done

sysusers=$root/usr/lib/sysusers.d/hallscreen.conf
if [ -f "$sysusers" ]; then
    ok "the sysusers file is installed"
    # An empty root: what it would create, whatever this machine holds.
    mkdir -p "$tmp/empty/etc"
    systemd-sysusers --root="$tmp/empty" --dry-run "$sysusers" >"$tmp/out" 2>&1
    st=$?
    if [ $st -eq 0 ] && grep -q "Creating user 'hallscreen'" "$tmp/out" &&
        ! grep -qi "ignoring\|invalid\|failed" "$tmp/out"; then
        ok "systemd-sysusers reads it and would create the user hallscreen"
    else
        not_ok "systemd-sysusers reads it and would create the user hallscreen (exit $st)"
        sed 's/^/    /' "$tmp/out" | head -n 20
    fi
    for g in video render input; do
        if grep -q "^m hallscreen $g\$" "$sysusers"; then
            ok "the user hallscreen joins the group $g"
        else
            not_ok "the user hallscreen joins the group $g"
        fi
    done
else
    not_ok "the sysusers file is installed (no ${sysusers#"$root"})"
fi
exit $failed

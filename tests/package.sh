#!/bin/sh
# Builds the Debian package the way the README tells a technician to
# (dpkg-buildpackage -us -uc -b), in a temporary copy of the tree so that
# the repository is left as it was, then checks what the .deb holds: the
# binary, the manual, the unit, the sysusers file, the configuration as a
# conffile and the maintainer scripts that create the user and enable the
# service; the unit is checked with systemd-analyze verify
# (tests/verify-unit.sh). Everything is removed at the end.
#
#   sh tests/package.sh
#
# Needs: dpkg-dev, debhelper, build-essential, the build dependencies
# (make print-deps), systemd, man-db and procps; lintian when installed.
# One "ok"/"not ok" line a check; exit status 1 when one fails.
top=$(cd "$(dirname "$0")/.." && pwd) || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; failed=1; }
show() { sed 's/^/    /' "$1" | tail -n "${2:-20}"; }

for tool in dpkg-buildpackage dpkg-parsechangelog dh; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "not ok - $tool is missing (apt-get install dpkg-dev debhelper build-essential)"
        exit 1
    fi
done

cd "$top" || exit 1
version=$(dpkg-parsechangelog -S Version) || exit 1
src=$tmp/hallscreen-$version
mkdir -p "$src"
# The working tree as it is (uncommitted changes included), without what a
# build leaves: the package is built from the sources alone.
tar -cf - --exclude=./.git --exclude=./build --exclude=./hallscreen \
    --exclude='./*.deb' --exclude=./debian/.debhelper --exclude=./debian/hallscreen \
    . | tar -xf - -C "$src" || exit 1

if [ -z "$DEB_BUILD_OPTIONS" ] && command -v nproc >/dev/null 2>&1; then
    DEB_BUILD_OPTIONS="parallel=$(nproc)"
    export DEB_BUILD_OPTIONS
fi
if (cd "$src" && dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then
    ok "dpkg-buildpackage -us -uc -b builds the package"
else
    not_ok "dpkg-buildpackage -us -uc -b builds the package"
    show "$tmp/build.log" 30
    exit 1
fi
deb=$(ls "$tmp"/hallscreen_"$version"_*.deb 2>/dev/null | head -n 1)
if [ -n "$deb" ]; then ok "the package is ${deb#"$tmp"/}"; else
    not_ok "the build left a hallscreen_${version}_*.deb"
    exit 1
fi

dpkg-deb -c "$deb" | awk '{ print $6 }' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/bin/hallscreen /usr/share/man/man1/hallscreen.1.gz \
    /lib/systemd/system/hallscreen.service /usr/lib/sysusers.d/hallscreen.conf \
    /etc/hallscreen/hallscreen.ini /usr/share/doc/hallscreen/hallscreen.ini.example \
    /usr/share/doc/hallscreen/GUIDE.fr.md.gz /usr/share/doc/hallscreen/exemple.xml \
    /usr/share/doc/hallscreen/hallscreen.rng /usr/share/doc/hallscreen/copyright; do
    if grep -qx "$f" "$tmp/files"; then ok "the package holds $f"; else
        not_ok "the package holds $f"; fi
done
if grep -q '^/usr/local\|^/home\|^/root\|/build/' "$tmp/files"; then
    not_ok "the package holds nothing under /usr/local, /home or a build directory"
    grep '^/usr/local\|^/home\|^/root\|/build/' "$tmp/files" | sed 's/^/    /'
else
    ok "the package holds nothing under /usr/local, /home or a build directory"
fi

mkdir -p "$tmp/control"
dpkg-deb -e "$deb" "$tmp/control"
if grep -qx /etc/hallscreen/hallscreen.ini "$tmp/control/conffiles" 2>/dev/null; then
    ok "/etc/hallscreen/hallscreen.ini is a conffile (an upgrade keeps its edits)"
else
    not_ok "/etc/hallscreen/hallscreen.ini is a conffile"
fi
if grep -q 'systemd-sysusers.*hallscreen.conf' "$tmp/control/postinst" 2>/dev/null; then
    ok "postinst creates the user hallscreen"
else
    not_ok "postinst creates the user hallscreen"
fi
if grep -q "deb-systemd-helper enable 'hallscreen.service'" "$tmp/control/postinst" 2>/dev/null; then
    ok "postinst enables hallscreen.service"
else
    not_ok "postinst enables hallscreen.service"
fi
# The user must exist before the service starts.
if awk '/systemd-sysusers/ { u = NR } /deb-systemd-invoke/ { s = NR }
        END { exit !(u && s && u < s) }' "$tmp/control/postinst"; then
    ok "postinst creates the user before it starts the service"
else
    not_ok "postinst creates the user before it starts the service"
fi
depends=$(dpkg-deb -f "$deb" Depends)
for d in fonts-noto-core fonts-dejavu-core tzdata libsdl2-2.0-0 libgles2 procps; do
    case ", $depends," in
    *", $d "* | *", $d,"*) ok "the package depends on $d" ;;
    *) not_ok "the package depends on $d (Depends: $depends)" ;;
    esac
done

root=$tmp/root
dpkg-deb -x "$deb" "$root"
if [ "$("$root/usr/bin/hallscreen" version 2>&1)" = "hallscreen $version" ]; then
    ok "the packaged binary says its version, $version"
else
    not_ok "the packaged binary says its version, $version (it says: $("$root/usr/bin/hallscreen" version 2>&1))"
fi
if "$root/usr/bin/hallscreen" check-config -c "$root/etc/hallscreen/hallscreen.ini" \
    >"$tmp/out" 2>&1 && grep -qx 'demo = yes' "$tmp/out"; then
    ok "the installed configuration is valid and shows the demo"
else
    not_ok "the installed configuration is valid and shows the demo"
    show "$tmp/out"
fi
LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l \
    "$root/usr/share/man/man1/hallscreen.1.gz" >"$tmp/man" 2>"$tmp/out"
if [ -s "$tmp/man" ] && [ ! -s "$tmp/out" ]; then
    ok "the manual page renders without a warning"
else
    not_ok "the manual page renders without a warning"
    show "$tmp/out"
fi

sh "$top/tests/verify-unit.sh" "$root" >"$tmp/out" 2>&1
cat "$tmp/out"
grep -q '^not ok' "$tmp/out" && failed=1
grep -q '^ok - systemd-analyze verify' "$tmp/out" || failed=1

if command -v lintian >/dev/null 2>&1; then
    changes=$(ls "$tmp"/hallscreen_"$version"_*.changes | head -n 1)
    lintian "$changes" >"$tmp/out" 2>&1
    if grep -q '^E:' "$tmp/out"; then
        not_ok "lintian finds no error"
        grep '^E:' "$tmp/out" | sed 's/^/    /'
    else
        ok "lintian finds no error"
    fi
    grep '^W:' "$tmp/out" | sed 's/^/# lintian: /'
else
    echo "# lintian is not installed: the package is not linted (apt-get install lintian)"
fi
exit $failed

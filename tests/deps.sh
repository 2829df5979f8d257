#!/bin/sh
# Installs the Debian packages named in $DEB that are missing: with apt-get
# when run as root, else prints the one line to run. "auto" is silent when
# nothing is missing; "install" says so.
mode=${1:-install}
if ! command -v dpkg-query >/dev/null 2>&1; then
    [ "$mode" = install ] && echo "not a Debian system: install the equivalents of: $DEB"
    exit 0
fi
missing=""
for p in $DEB; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
if [ -z "$missing" ]; then
    [ "$mode" = install ] && echo "every package hallscreen needs is installed"
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    echo "installing the missing packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y --no-install-recommends $missing
else
    echo "hallscreen needs Debian packages that are missing; run:"
    echo "  sudo apt-get install$missing"
    exit 1
fi

#!/bin/sh
# Installs what hipcoach needs to build and test on Debian 12, skipping what is already there.
#   tools/install-deps.sh          build and run dependencies, plus test tools
#   tools/install-deps.sh --build  only what the build needs
set -eu
cd "$(dirname "$0")/.."

# The -dev packages also bring the runtime libraries hipcoach opens on demand (src/lib/dlib.c):
# libarchive13, libical3, libmicrohttpd12, libqrencode4, libcairo2, libpango-1.0-0,
# libpangocairo-1.0-0, libpq5, libsodium23 (`hipcoach clinic`'s passwords), libcurl4 (`hipcoach
# link` and `sync`) and libdeflate0. Their headers type the calls; the binary does not link them,
# so without the runtime package only the command that needs it fails. postgresql gives tests/pg/cluster.sh its initdb and pg_ctl (make
# pg-tests, make clinic-tests); expat is the XML reader the scanner is fuzzed against.
BUILD="build-essential pkg-config libsqlite3-dev libjansson-dev zlib1g-dev libdeflate-dev
 libarchive-dev libncurses-dev libmicrohttpd-dev libical-dev libcairo2-dev libpango1.0-dev
 libqrencode-dev libpq-dev libsodium-dev libcurl4-openssl-dev fonts-dejavu-core fonts-noto-core"
TEST="clang libclang-rt-14-dev libcmocka-dev valgrind sqlite3 poppler-utils tmux chromium
 gpsbabel wrk curl hyperfine cppcheck clang-format file python3 time jq zip gzip zbar-tools
 libexpat1-dev
 postgresql"

want=$BUILD
[ "${1:-}" = "--build" ] || want="$BUILD $TEST"

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done

# Node.js may come from elsewhere than Debian (with npm inside): the commands decide.
if [ "${1:-}" != "--build" ] && ! { command -v node && command -v npm; } >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi

SUDO=
[ "$(id -u)" = 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
	echo "installing:$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi

if [ "${1:-}" != "--build" ] && [ -f tests/node/package.json ] &&
	[ ! -d tests/node/node_modules ]; then
	echo "installing npm packages for tests/node"
	(cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
fi

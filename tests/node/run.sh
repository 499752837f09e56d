#!/bin/sh
# Runs the Node.js cross-checks (tests/node/*.test.mjs) with node's own test runner.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
	echo "tests/node: node_modules missing; run 'make deps' first" >&2
	exit 1
fi
set -- *.test.mjs
if [ ! -e "$1" ]; then
	echo "tests/node: no tests"
	exit 0
fi
exec node --test "$@"

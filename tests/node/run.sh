#!/bin/sh
# Runs the Node.js cross-checks (tests/node/*.test.mjs) with node's own test runner.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
	echo "tests/node: node_modules missing; run 'make deps' first" >&2
	exit 1
fi
# The clinic's pages need PostgreSQL: `make clinic-tests` runs them on a throwaway cluster.
set --
for t in *.test.mjs; do
	case $t in clinic-*) ;; *) set -- "$@" "$t" ;; esac
done
if [ $# = 0 ]; then
	echo "tests/node: no tests"
	exit 0
fi
exec node --test "$@"

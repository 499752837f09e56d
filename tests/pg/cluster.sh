#!/bin/sh
# A throwaway PostgreSQL cluster for the tests of the store's PostgreSQL engine: made by initdb in a
# temporary folder, listening on a unix socket in that folder alone, with the set-up that
# src/store/pg/schema.sql asks of an administrator (an ordinary role, hipcoach, owning a database
# of the same name). Runs the command given with $HIPCOACH_TEST_PG set to the URI hipcoach opens
# (logged in as that role) and $HIPCOACH_TEST_PG_ADMIN to the same database as the superuser, then
# stops the cluster and removes the folder, also when the command fails or is interrupted.
#   tests/pg/cluster.sh COMMAND [ARG...]
# Exits with the command's status, or 77 (skipped) when PostgreSQL's programs are not installed.
# PostgreSQL refuses to run as root: run as root, the cluster runs as the user nobody.
set -u

bindir=
for d in ${PG_BINDIR:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -r -V); do
	if [ -x "$d/initdb" ]; then
		bindir=$d
		break
	fi
done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then
	bindir=$(dirname "$(command -v initdb)")
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ] || [ ! -x "$bindir/psql" ]; then
	echo "PostgreSQL's initdb, pg_ctl and psql are not installed (make deps installs postgresql)"
	exit 77
fi
if [ $# -eq 0 ]; then
	echo "usage: tests/pg/cluster.sh COMMAND [ARG...]" >&2
	exit 2
fi

dir=$(mktemp -d "${TMPDIR:-/tmp}/hipcoach-pg.XXXXXX") || exit 1
as_owner=
if [ "$(id -u)" = 0 ]; then
	chown nobody:nogroup "$dir" || exit 1
	as_owner="setpriv --reuid=nobody --regid=nogroup --clear-groups --"
fi
started=

cleanup() {
	if [ -n "$started" ]; then
		$as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
	fi
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Checksums: PostgreSQL then finds a damaged page as it reads it (store_check() relies on it).
# No locale: text sorts by its bytes, as SQLite sorts it. fsync off: the cluster is thrown away.
if ! $as_owner "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-locale \
	--data-checksums >"$dir/initdb.log" 2>&1; then
	cat "$dir/initdb.log" >&2
	exit 1
fi
started=1
if ! $as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off" start \
	>/dev/null; then
	cat "$dir/server.log" >&2
	exit 1
fi

# The administrator's set-up (src/store/pg/schema.sql).
if ! "$bindir/psql" -h "$dir" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 \
	-c "CREATE ROLE hipcoach LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE" \
	-c "CREATE DATABASE hipcoach OWNER hipcoach ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'
	    TEMPLATE template0"; then
	cat "$dir/server.log" >&2
	exit 1
fi

HIPCOACH_TEST_PG="postgresql://hipcoach@/hipcoach?host=$dir"
HIPCOACH_TEST_PG_ADMIN="postgresql://postgres@/hipcoach?host=$dir"
export HIPCOACH_TEST_PG HIPCOACH_TEST_PG_ADMIN
echo "cluster: $HIPCOACH_TEST_PG ($("$bindir/postgres" --version))"
"$@"

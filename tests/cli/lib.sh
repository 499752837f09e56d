# Helpers for tests/cli/*.sh (sourced by run.sh).
# run CMD...: prints "$ CMD", then its output, then "[exit N]" when N is not 0.
run() {
	printf '$ %s\n' "$*"
	"$@" 2>&1
	rc=$?
	[ $rc = 0 ] || printf '[exit %d]\n' $rc
	return 0
}
# sql QUERY: what the database holds, for checking that a command wrote (or did not write).
sql() {
	printf '$ sql %s\n' "$1"
	sqlite3 -batch "$HIPCOACH_DB" "$1" 2>&1
}
# ... | took: how long a session took depends on the machine, so the summary says "N min".
took() {
	sed -E 's/(done in|this time took) ([0-9]+ min|under a minute)\./\1 N min./'
}

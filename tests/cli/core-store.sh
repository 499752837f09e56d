# A file that is not a hipcoach database, or one from a newer hipcoach, is refused and never modified.
echo "my shopping list" > notes.txt
run hipcoach --db notes.txt setup --level beginner
cat notes.txt
sqlite3 other.db "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
sum_before=$(md5sum < other.db)
run hipcoach --db other.db plan
[ "$(md5sum < other.db)" = "$sum_before" ] && echo "other.db unchanged"
run hipcoach setup --level beginner
sqlite3 "$HIPCOACH_DB" "PRAGMA user_version = 99"
sum_before=$(md5sum < "$HIPCOACH_DB")
run hipcoach plan --days 1
[ "$(md5sum < "$HIPCOACH_DB")" = "$sum_before" ] && echo "newer database unchanged"
# A reading command on a missing database says what to do.
run hipcoach --db missing.db setup --show
test -e missing.db && echo "missing.db created" || echo "missing.db not created"
# The default location follows XDG_DATA_HOME, created private.
unset HIPCOACH_DB
XDG_DATA_HOME="$PWD/xdg" run hipcoach setup --level beginner
stat -c '%a %n' xdg/hipcoach xdg/hipcoach/hipcoach.db

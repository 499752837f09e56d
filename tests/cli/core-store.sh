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
# An empty (0-byte) database is refused, never made anew in silence: it may have held a record.
: > empty.db
run hipcoach --db empty.db log pain 3
stat -c '%s bytes' empty.db
# A damaged database (the first page of the pain table overwritten): hipcoach stops writing to it,
# refuses a backup that would be partial, and says how to recover.
hipcoach --db damaged.db setup --level beginner > /dev/null
hipcoach --db damaged.db log pain 3 > /dev/null
page=$(sqlite3 damaged.db "SELECT rootpage FROM sqlite_master WHERE name = 'pain'")
size=$(sqlite3 damaged.db "PRAGMA page_size")
printf '\377' | dd of=damaged.db bs=1 seek=$(((page - 1) * size)) conv=notrunc status=none
sum_before=$(md5sum < damaged.db)
run hipcoach --db damaged.db log pain 4 | sed "s/Page $page:/Page N:/"
run hipcoach --db damaged.db export json -o damaged.json | sed "s/Page $page:/Page N:/"
test -e damaged.json && echo "damaged.json written" || echo "no backup written"
[ "$(md5sum < damaged.db)" = "$sum_before" ] && echo "damaged.db unchanged"

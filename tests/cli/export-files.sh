# Exported files are the runner's alone (0600), written whole, never through a symbolic link, and
# leave no temporary file behind.
hipcoach setup --level beginner > /dev/null
run hipcoach export json -o backup.json
run hipcoach export csv -o log.csv
run hipcoach export ics -o plan.ics
stat -c '%a %n' backup.json log.csv plan.ics
# A link planted where the backup's temporary file used to go, and one at the output itself:
# neither is written through.
echo "not yours" > victim
ln -s victim backup.json.tmp
ln -s victim linked.json
run hipcoach export json -o backup.json
run hipcoach export json -o linked.json
cat victim
stat -c '%a %F %n' linked.json backup.json.tmp
# A temporary file left by an export that was killed goes at the next export.
echo partial > .backup.json.Ab12Cd.tmp
run hipcoach export json -o backup.json
ls -A | grep tmp
cmp backup.json linked.json && echo "whole backups"
# A folder that is not there.
run hipcoach export json -o nowhere/backup.json

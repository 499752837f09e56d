#!/bin/bash
# Patient stories: each tests/stories/NAME.story is a runner's weeks with the program, written as
# dated lines, played through hipcoach with the clock moved to each line's date, on a fresh
# database. A physical therapist should be able to read a story and check what it expects.
#
#   tests/stories/run.sh [STORY...]
#
# A story's lines (blank lines and lines starting with # are notes):
#
#   DATE [HH:MM] COMMAND...           run 'hipcoach COMMAND...' with the clock at DATE HH:MM
#                                     (08:00 when no time is given); it must succeed. Quotes
#                                     group words: --note "seen at the clinic"
#   every DAYS FROM..TO [HH:MM] COMMAND...
#                                     the same on every date from FROM to TO whose weekday is in
#                                     DAYS (mon,tue,... or 'day' for every day); a word A->B in
#                                     COMMAND moves in a straight line from A on FROM to B on TO
#                                     (rounded), so 'log pain 5->2' is pain easing over the weeks
#   DATE expect CODE                  status's advice holds CODE (docs/json.md)
#   DATE expect-not CODE              it does not
#   DATE says COMMAND... -- TEXT      'hipcoach COMMAND...' prints TEXT (runs of spaces and line
#                                     breaks count as one space, so wrapping does not matter)
#   DATE says-not COMMAND... -- TEXT  it does not
#   DATE fails COMMAND...             'hipcoach COMMAND...' exits non-zero (a refusal)
#   DATE true COMMAND... -- FILTER    'hipcoach COMMAND... --json' piped to jq FILTER prints true
#   DATE [HH:MM] answers A,B,... COMMAND... [-- TEXT]
#                                     'hipcoach COMMAND...' with the answers A, B, ... typed one a
#                                     line (an empty one is Enter; after the last, the input
#                                     ends) and its timers 1000 times faster, as the line-mode
#                                     player reads them; it must succeed, and print TEXT if given
#
# The closing line counts the stories: "stories: N passed, N failed".
#
# With $HIPCOACH_TEST_PG and $HIPCOACH_TEST_PG_ADMIN set (tests/pg/cluster.sh sets them: make
# pg-tests), each story is played on PostgreSQL instead: a database of its own, as fresh as a new
# file (ids such as the PSFS activities' numbers start at 1 again), made by the administrator and
# migrated by `hipcoach clinic init`, and the story's runner a patient of a clinic there, named by
# the connection (libpq's options) as store_scope() would: the same commands, the same
# expectations, through the store's other engine and its row-level security.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${HIPCOACH:-$top/hipcoach}
if [ $# -eq 0 ]; then
	set -- "$top"/tests/stories/*.story
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8 HOME="$work"
unset XDG_DATA_HOME HIPCOACH_PROGRAM

pass=0 fail=0 label=stories pg=
if [ -n "${HIPCOACH_TEST_PG:-}" ] && [ -n "${HIPCOACH_TEST_PG_ADMIN:-}" ]; then
	label="stories (PostgreSQL)" pg=1
fi
n=0
for story in "$@"; do
	name=$(basename "$story" .story)
	n=$((n + 1))
	if [ -n "$pg" ]; then
		db=story_$n
		psql "$HIPCOACH_TEST_PG_ADMIN" -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db OWNER
			hipcoach ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0" || exit 1
		uri=$(printf '%s' "$HIPCOACH_TEST_PG" | sed "s|/hipcoach?|/$db?|")
		"$bin" clinic init --pg "$uri" > /dev/null || exit 1
		ids=$(psql "$uri" -X -qAt -v ON_ERROR_STOP=1 -c "WITH c AS (INSERT INTO clinics (name,
			created_at) VALUES ('Stories', '2026-01-01T00:00:00Z') RETURNING id) INSERT INTO
			patients (clinic_id, name, created_at) SELECT id, '$name', '2026-01-01T00:00:00Z'
			FROM c RETURNING clinic_id || ' ' || id") || exit 1
		read -r cid pid <<< "$ids"
		export HIPCOACH_DB="$uri&options=-c%20hipcoach.clinic%3D$cid%20-c%20hipcoach.patient%3D$pid"
	else
		export HIPCOACH_DB="$work/$name.db"
		rm -f "$HIPCOACH_DB"
	fi
	problems=()
	lineno=0

	# hc DATE HH:MM ARGS...: hipcoach at that moment; its output in $out, its status in $rc.
	hc() {
		local d=$1 t=$2
		shift 2
		out=$(HIPCOACH_NOW="${d}T${t}:00" "$bin" "$@" 2>&1 < /dev/null)
		rc=$?
	}
	note() { problems+=("line $lineno: $*"); }

	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		line=${line%%$'\r'}
		case $line in '' | '#'*) continue ;; esac
		# Words as a shell would split them (quotes group words), up to the first " -- ".
		mapfile -t w < <(printf '%s\n' "${line%% -- *}" | xargs printf '%s\n')
		case $line in *' -- '*) w+=(--) ;; esac
		if [ "${w[0]}" = every ]; then
			days=${w[1]} range=${w[2]} from=${range%%..*} to=${range##*..}
			rest=("${w[@]:3}") t=08:00
			if [[ ${rest[0]} =~ ^[0-9]{2}:[0-9]{2}$ ]]; then t=${rest[0]}; rest=("${rest[@]:1}"); fi
			f=$(date -u -d "$from" +%s) l=$(date -u -d "$to" +%s)
			for ((s = f; s <= l; s += 86400)); do
				d=$(date -u -d "@$s" +%F) wd=$(date -u -d "@$s" +%a | tr 'A-Z' 'a-z')
				[ "$days" = day ] || [[ ",$days," == *",$wd,"* ]] || continue
				args=()
				for a in "${rest[@]}"; do
					if [[ $a =~ ^(-?[0-9]+)-\>(-?[0-9]+)$ ]]; then
						a0=${BASH_REMATCH[1]} a1=${BASH_REMATCH[2]}
						if ((l == f)); then
							a=$a0
						else
							a=$(((a0 * 2 * (l - f) + (a1 - a0) * 2 * (s - f) + (l - f)) / (2 * (l - f))))
						fi
					fi
					args+=("$a")
				done
				hc "$d" "$t" "${args[@]}"
				[ $rc = 0 ] || { note "$d: hipcoach ${args[*]}: exit $rc: $out"; break; }
			done
			continue
		fi
		d=${w[0]} t=08:00 rest=("${w[@]:1}")
		if [[ ${rest[0]} =~ ^[0-9]{2}:[0-9]{2}$ ]]; then t=${rest[0]}; rest=("${rest[@]:1}"); fi
		verb=${rest[0]}
		# COMMAND -- TEXT, split at the first lone "--"; TEXT is kept as written, spaces and all.
		cmd=() text=
		for ((i = 1; i < ${#rest[@]}; i++)); do
			[ "${rest[$i]}" = -- ] && break
			cmd+=("${rest[$i]}")
		done
		case $line in *' -- '*) text=${line#* -- } ;; esac
		case $verb in
		expect | expect-not)
			hc "$d" "$t" status --json
			codes=$(printf '%s' "$out" | jq -r '.advice[].code' 2>/dev/null | tr '\n' ' ')
			if [ $verb = expect ] && [[ " $codes" != *" ${cmd[0]} "* ]]; then
				note "$d: expected advice '${cmd[0]}', status gave: $codes"
			elif [ $verb = expect-not ] && [[ " $codes" == *" ${cmd[0]} "* ]]; then
				note "$d: did not expect advice '${cmd[0]}', status gave: $codes"
			fi
			;;
		says | says-not)
			hc "$d" "$t" "${cmd[@]}"
			# Words are compared, not the layout: a line wrapped at another place still says it.
			flat=$(printf '%s' "$out" | tr -s ' \n\t' '   ')
			text=$(printf '%s' "$text" | tr -s ' \t' '  ')
			if [ $verb = says ] && [[ $flat != *"$text"* ]]; then
				note "$d: 'hipcoach ${cmd[*]}' does not say \"$text\"; it printed:"$'\n'"$out"
			elif [ $verb = says-not ] && [[ $flat == *"$text"* ]]; then
				note "$d: 'hipcoach ${cmd[*]}' says \"$text\", which it should not; it printed:"$'\n'"$out"
			fi
			;;
		answers)
			tr ',' '\n' <<< "${cmd[0]}" > "$work/answers"
			out=$(HIPCOACH_NOW="${d}T${t}:00" HIPCOACH_TIME_SCALE=1000 "$bin" "${cmd[@]:1}" \
				2>&1 < "$work/answers")
			rc=$?
			if [ $rc != 0 ]; then
				note "$d: hipcoach ${cmd[*]:1}: exit $rc: $out"
			elif [ -n "$text" ] && [[ $out != *"$text"* ]]; then
				note "$d: 'hipcoach ${cmd[*]:1}' does not say \"$text\"; it printed:"$'\n'"$out"
			fi
			;;
		fails)
			hc "$d" "$t" "${cmd[@]}"
			[ $rc != 0 ] || note "$d: 'hipcoach ${cmd[*]}' should have refused; it printed:"$'\n'"$out"
			;;
		true)
			hc "$d" "$t" "${cmd[@]}" --json
			v=$(printf '%s' "$out" | jq -c "$text" 2>&1)
			[ "$v" = true ] || note "$d: 'hipcoach ${cmd[*]} --json' | jq '$text' gave $v"
			;;
		*)
			hc "$d" "$t" "${rest[@]}"
			[ $rc = 0 ] || note "$d: hipcoach ${rest[*]}: exit $rc: $out"
			;;
		esac
	done < "$story"
	if [ ${#problems[@]} = 0 ]; then
		pass=$((pass + 1))
		echo "ok      $name"
	else
		fail=$((fail + 1))
		echo "FAIL    $name"
		printf '        %s\n' "${problems[@]}"
	fi
done
echo "$label: $pass passed, $fail failed"
[ $fail = 0 ]

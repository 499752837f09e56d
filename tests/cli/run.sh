#!/bin/sh
# Golden CLI tests: runs each tests/cli/*.sh on a fresh database with a pinned clock and
# compares everything it prints with tests/cli/NAME.out.
#   tests/cli/run.sh [--valgrind] [--update] [NAME...]
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
valgrind=0 update=0
while [ $# -gt 0 ]; do
	case $1 in
	--valgrind) valgrind=1 ;;
	--update) update=1 ;;
	*) break ;;
	esac
	shift
done
if [ $# -eq 0 ]; then
	set -- "$top"/tests/cli/*.sh
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
if [ $valgrind = 1 ]; then
	cat > "$work/bin/hipcoach" <<EOS
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
	--suppressions="$top/tests/cli/valgrind.supp" "$top/hipcoach" "\$@"
EOS
else
	printf '#!/bin/sh\nexec "%s/hipcoach" "$@"\n' "$top" > "$work/bin/hipcoach"
fi
chmod +x "$work/bin/hipcoach"

pass=0 fail=0
for t in "$@"; do
	case $t in */lib.sh | */run.sh) continue ;; esac
	name=$(basename "$t" .sh)
	dir="$work/$name"
	mkdir -p "$dir/home"
	expected="$top/tests/cli/$name.out"
	actual="$dir/actual"
	(
		cd "$dir" || exit 1
		export PATH="$work/bin:$PATH" HOME="$dir/home" HIPCOACH_DB=hipcoach.db \
			HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC NO_COLOR=1 LC_ALL=C.UTF-8 \
			TOP="$top" TESTDATA="$top/../shared/testdata" HIPCOACH_TIME_SCALE=1000
		unset XDG_DATA_HOME HIPCOACH_PROGRAM
		. "$top/tests/cli/lib.sh"
		. "$t"
	) > "$actual" 2>&1 < /dev/null
	if [ $update = 1 ]; then
		cp "$actual" "$expected"
		echo "updated $name"
		continue
	fi
	if diff -u "$expected" "$actual" > "$dir/diff" 2>&1; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL: $name"
		cat "$dir/diff"
	fi
done
label=cli
[ $valgrind = 1 ] && label=cli-valgrind
echo "$label: $pass passed, $fail failed"
[ $fail = 0 ]

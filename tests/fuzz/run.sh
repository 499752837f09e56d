#!/bin/sh
# Runs libFuzzer harnesses: run.sh SECONDS build/fuzz/fuzz-NAME...
# Each starts from its seeds (tests/fuzz/seeds-NAME) and a scratch corpus under
# build/fuzz/corpus-NAME; any crash, leak or timeout fails the run and leaves
# the input under build/fuzz/artifacts-NAME/.
set -eu
if [ $# -lt 2 ]; then
	echo "usage: tests/fuzz/run.sh SECONDS FUZZ-BINARY..." >&2
	exit 2
fi
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
fail=0
for bin in "$@"; do
	name=$(basename "$bin")
	name=${name#fuzz-}
	seeds=$root/tests/fuzz/seeds-$name
	corpus=$root/build/fuzz/corpus-$name
	artifacts=$root/build/fuzz/artifacts-$name
	mkdir -p "$corpus" "$artifacts"
	dirs=$corpus
	[ -d "$seeds" ] && dirs="$corpus $seeds"
	echo "== fuzz-$name for ${seconds}s"
	# Only the scratch corpus grows; the seeds directory is read.
	# shellcheck disable=SC2086
	# A smaller quarantine than ASan's 256 MB keeps long runs under the RSS limit.
	if ! ASAN_OPTIONS=detect_leaks=1:quarantine_size_mb=64 UBSAN_OPTIONS=print_stacktrace=1 \
		"$bin" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=512 -max_len=1048576 \
		-print_final_stats=1 -artifact_prefix="$artifacts/" $dirs \
		>"$artifacts/log" 2>&1; then
		tail -n 60 "$artifacts/log" >&2
		echo "fuzz-$name: FAILED (input in $artifacts/)" >&2
		fail=1
	else
		grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$artifacts/log" || true
	fi
done
exit $fail

#!/bin/sh
# The QR code `hipcoach ui --listen 0.0.0.0` prints decodes, with an independent reader
# (zbarimg), to exactly the address with the access token that it prints above it.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v zbarimg > /dev/null 2>&1; then
	echo "qr: zbarimg missing; run 'make deps'" >&2
	exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HIPCOACH_DB="$work/h.db" HIPCOACH_NOW=2026-12-08T07:30:00 TZ=UTC
"$top/hipcoach" setup --level beginner > /dev/null 2>&1
timeout 3 "$top/hipcoach" ui --listen 0.0.0.0 --port 0 --no-open > "$work/out" 2>&1
url=$(sed -n 's/^hipcoach is serving \(http[^ ]*\)$/\1/p' "$work/out")
python3 "$top/tests/qr/qr2pbm.py" "$work/out" "$work/qr.pbm" || exit 1
decoded=$(zbarimg -q --raw "$work/qr.pbm" 2> /dev/null)
case $url in
*token=*) ;;
*)
	echo "qr: FAIL: no address with a token was printed" >&2
	cat "$work/out" >&2
	exit 1
	;;
esac
if [ "$decoded" != "$url" ]; then
	echo "qr: FAIL: the code reads '$decoded', the address printed is '$url'" >&2
	exit 1
fi
echo "qr: passed (the code reads the printed address)"

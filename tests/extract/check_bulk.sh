#!/bin/sh
# Accuracy at scale: N filings from tests/tools/make_bulk.py (a fixed seed),
# parsed by raingan and scored with tests/tools/score.py --strict against the
# expected JSON the generator writes; the overall score must reach MIN, and
# no filing may have an unread_row finding (every row of them is read).
#
#   check_bulk.sh RAINGAN N MIN
# Skipped (exit 77) when Debian's python3-docx is missing.
set -eu
raingan=$1 n=$2 min=$3
here=$(cd "$(dirname "$0")/.." && pwd)
/usr/bin/python3 -c 'import docx' 2>/dev/null || { echo "python3-docx missing: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$here/tools/make_bulk.py" "$n" "$tmp/in" --seed 11 >/dev/null
mkdir "$tmp/out"
for f in "$tmp"/in/*.docx "$tmp"/in/*.odt; do
	[ -f "$f" ] || continue
	b=$(basename "$f")
	"$raingan" parse "$f" > "$tmp/out/${b%.*}.json"
done
status=0
python3 "$here/tools/score.py" --strict "$tmp/in/expected" "$tmp/out" --min "$min" > "$tmp/score.txt" || status=$?
tail -n 1 "$tmp/score.txt"
unread=$(cat "$tmp"/out/*.json | grep -c '"unread_row"' || true)
echo "unread_row findings: $unread"
[ "$unread" = 0 ] || status=1
if [ "$status" = 0 ]; then
	echo "1 passed, 0 failed"
else
	grep -E "mismatch|missing|extra" "$tmp/score.txt" | head -20
	echo "0 passed, 1 failed"
	exit 1
fi

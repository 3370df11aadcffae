#!/bin/sh
# check_rules_dir.sh - the one default rules folder: <program dir>/../share/raingan/rules.
# The build tree mirrors the installed layout, `cmake --install` puts the rules
# there, --help names the default, --rules overrides it, and a program with no
# rules beside it says so (no fallback to the source tree).
#
#   check_rules_dir.sh BUILD_DIR FILING WORK_DIR
set -u
build=$1 filing=$2 work=$3
fail=0
no() { echo "FAIL: $*" >&2; fail=1; }

rm -rf "$work" && mkdir -p "$work" || exit 1
raingan=$build/cmd/raingan
want=$(cd "$build/share/raingan/rules" 2>/dev/null && pwd -P) || no "no build/share/raingan/rules"
"$raingan" parse --help | grep -q -- "--rules DIR .*(default $want)" || no "parse --help does not name $want"
"$raingan" parse "$filing" >"$work/build.json" || no "the build tree's raingan cannot parse $filing"

# installed: bin/raingan reads share/raingan/rules
cmake --install "$build" --prefix "$work/prefix" >/dev/null || no "cmake --install failed"
[ -f "$work/prefix/share/raingan/rules/document.rules" ] || no "no rules installed"
"$work/prefix/bin/raingan" parse "$filing" >"$work/installed.json" || no "the installed raingan cannot parse"
cmp -s "$work/build.json" "$work/installed.json" || no "installed and build-tree parses differ"
"$work/prefix/bin/raingan" check --help | grep -q "$(cd "$work/prefix" && pwd -P)/share/raingan/rules" ||
	no "the installed --help does not name its own rules"

# a program alone: no rules, a clear error and exit 2 -- and --rules still works
mkdir -p "$work/alone/bin" && cp "$raingan" "$work/alone/bin/raingan"
"$work/alone/bin/raingan" parse "$filing" >/dev/null 2>"$work/err.txt"
[ $? -eq 2 ] || no "a program without rules: exit status not 2"
grep -q "raingan: cannot load the rules: .*alone/share/raingan/rules" "$work/err.txt" || no "error: $(cat "$work/err.txt")"
"$work/alone/bin/raingan" parse --rules "$build/share/raingan/rules" "$filing" >"$work/alone.json" ||
	no "--rules DIR does not override"
cmp -s "$work/build.json" "$work/alone.json" || no "--rules gives another parse"

[ $fail -eq 0 ] && rm -rf "$work" && echo "rules dir: ok"
exit $fail

#!/usr/bin/env bash
# prove-bundle.sh TARBALL OUTDIR: proves the bundle on this machine, outside any sandbox, with a
# temporary HOME (the real user's data is not touched): unpack, --version, progress set and read
# back in a second run at $HOME/.local/share/studybench, the GUI under Xvfb with a screenshot
# (OUTDIR/bundle-screenshot.png), and install.sh / uninstall.sh keeping the learner's data.
# Needs xvfb-run (package xvfb).
set -euo pipefail
tarball=$(readlink -f "$1") outdir=$(readlink -f "$2")
item=backend-basics/core-fundamentals/http-protocol-mastery/body-formats
tmp=$(mktemp -d "${TMPDIR:-/tmp}/studybench-bundle-proof.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail() { printf 'prove-bundle: FAILED: %s\n' "$*" >&2; exit 1; }
step() { printf 'prove-bundle: %s\n' "$*" >&2; }
# The programs see only a temporary HOME and a plain environment.
run() { env -i HOME="$tmp/home" PATH="$tmp/home/.local/bin:/usr/bin:/bin" LANG=C.UTF-8 "$@"; }

mkdir -p "$tmp/home"
tar -C "$tmp" -xzf "$tarball"
top=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'studybench-*')
[ -n "$top" ] || fail "$tarball holds no studybench-* folder"
cli="$top/bin/studybench-cli"

# has OUTPUT PATTERN: whether OUTPUT (a file) matches PATTERN (grep never cuts a pipe short)
has() { grep -q -- "$2" "$1"; }
run "$cli" --version >"$tmp/out" || fail "studybench-cli --version"
has "$tmp/out" '^studybench [0-9]' || fail "studybench-cli --version printed $(cat "$tmp/out")"
step "$(cat "$tmp/out")"
run "$cli" curriculum >"$tmp/out" || fail "studybench-cli curriculum"
has "$tmp/out" 'Backend Developer Mastery' || fail "studybench-cli curriculum shows no curriculum"
run "$cli" progress set "$item" done >/dev/null || fail "studybench-cli progress set"
run "$cli" progress history "$item" >"$tmp/out" || fail "studybench-cli progress history"
has "$tmp/out" done || fail "the state set in one run is not read back in the next"
db="$tmp/home/.local/share/studybench/progress.sqlite"
[ -s "$db" ] || fail "no progress database at $db"
step "progress set and read back in a second run; database at \$HOME/.local/share/studybench"

rm -f "$outdir/bundle-screenshot.png"
run xvfb-run -a -s '-screen 0 1280x800x24' "$top/bin/studybench" --screenshot "$outdir/bundle-screenshot.png" \
    >"$tmp/gui.log" 2>&1 || { cat "$tmp/gui.log" >&2; fail "the GUI under Xvfb"; }
[ -s "$outdir/bundle-screenshot.png" ] || { cat "$tmp/gui.log" >&2; fail "the GUI saved no screenshot"; }
step "GUI under Xvfb: $outdir/bundle-screenshot.png"

run "$top/install.sh" >/dev/null || fail "install.sh"
run "$tmp/home/.local/bin/studybench-cli" progress history "$item" >"$tmp/out" && has "$tmp/out" done \
    || fail "the installed studybench-cli does not see the progress"
[ -f "$tmp/home/.local/share/applications/io.github.studybench.StudyBench.desktop" ] || fail "install.sh made no menu entry"
run "$top/install.sh" >/dev/null || fail "install.sh over an install"
run "$tmp/home/.local/opt/studybench/uninstall.sh" >/dev/null || fail "uninstall.sh"
[ ! -e "$tmp/home/.local/opt/studybench" ] && [ ! -e "$tmp/home/.local/bin/studybench" ] \
    && [ ! -e "$tmp/home/.local/share/applications/io.github.studybench.StudyBench.desktop" ] \
    || fail "uninstall.sh left files behind"
[ -s "$db" ] || fail "uninstall.sh removed the learner's data"
left=$(cd "$tmp/home" && find . -type f ! -path './.local/share/studybench/*' ! -path './.cache/*' ! -path './.config/*' | sort)
[ -z "$left" ] || fail "files left after uninstall.sh: $left"
step "install.sh, again over it, uninstall.sh: the learner's data stays, nothing else is left"

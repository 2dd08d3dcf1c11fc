#!/usr/bin/env bash
# Issue #10: whatever tools/dev runs keeps the learner's data at the host's real paths.
#
# Runs the CLI in separate sandboxes (one 'tools/dev exec' each) with HOME pointed at a fresh
# folder on disk, and checks that what the first run wrote is read back by the next one and sits
# at the XDG paths on the host: ~/.local/share/studybench by default, $XDG_DATA_HOME when set
# (also outside the home), and any --data-dir, --curriculum or .http file under the home.
# Needs a built dev preset (tools/dev build). Prints 'N passed, N failed'; exits 1 on a failure.
set -uo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
dev="$top/tools/dev"
cli=build/dev/app/cli/studybench-cli
# The build root and ccache stay where they are; only the learner's home moves.
export XDG_CACHE_HOME="${XDG_CACHE_HOME:-$HOME/.cache}"
scratch=$(mktemp -d "$top/build/keeps-data.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export HOME="$scratch/home"
mkdir -p "$HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME STUDYBENCH_DATA_DIR

passed=0 failed=0
check() { # check NAME CONDITION-COMMAND...
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "PASS  $name"
    else
        failed=$((failed + 1))
        echo "FAIL  $name"
    fi
}
run() { (cd "$top" && "$dev" exec "$cli" "$@"); }

item=backend-basics/core-fundamentals/http-protocol-mastery/body-formats

# 1. The default data directory, in two sandboxes.
run progress set "$item" done >/dev/null
check "progress.sqlite is at ~/.local/share/studybench on the host" \
    test -s "$HOME/.local/share/studybench/progress.sqlite"
out=$(run progress --json)
check "a second sandbox reads the state the first one set" \
    grep -q '"done": 1,' <<<"$(sed -n '/"overall"/,/}/p' <<<"$out")"
history=$(run progress history "$item")
check "the change is in the history read by a third sandbox" grep -q done <<<"$history"

# 2. --data-dir in the home, from a working directory outside the tree.
mkdir -p "$HOME/notes"
(cd "$HOME/notes" && "$dev" exec "$top/$cli" --data-dir sb progress set "$item" in-progress >/dev/null)
check "--data-dir relative to a folder in the home lands there" test -s "$HOME/notes/sb/progress.sqlite"
out=$(run --data-dir "$HOME/notes/sb" progress history "$item")
check "and is read back from its absolute path" grep -q in-progress <<<"$out"

# 3. $XDG_DATA_HOME outside the home.
export XDG_DATA_HOME="$scratch/xdg-data"
run progress set "$item" skipped >/dev/null
check "\$XDG_DATA_HOME outside the home is used and kept" test -s "$XDG_DATA_HOME/studybench/progress.sqlite"
unset XDG_DATA_HOME

# 4. A curriculum and a .http file from the home.
printf '# Mine\n\n## One\n\n- **Term**: explanation\n' >"$HOME/my.md"
out=$(run curriculum "$HOME/my.md")
check "--curriculum ~/my.md is read" grep -q Term <<<"$out"
mkdir -p "$HOME/api"
printf 'GET http://127.0.0.1:9/never\n' >"$HOME/api/test.http"
out=$(run http "$HOME/api/test.http" --dry-run 2>&1)
check "http ~/api/test.http is read" grep -q '"url": "http://127.0.0.1:9/never"' <<<"$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

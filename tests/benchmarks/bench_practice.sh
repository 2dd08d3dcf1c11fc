#!/usr/bin/env bash
# bench_practice.sh CLI [SECONDS]: the practice server (CLI serve) under wrk, in one run:
#  - the playground (GET /http/anything), 200 connections for SECONDS (default 10; the issue's
#    figure is 30 s, shortened to be frugal on a shared machine), twice: requests/s, p99 latency,
#    errors (socket errors and non-2xx responses), and the server's RSS at rest before, after the
#    first run and after the second (growth from run to run), and right after each run;
#  - Conduit's GET /api/articles (200 articles of a few authors, 20 a page, tags, favourites and
#    follows) against GET /http/anything, 50 connections for SECONDS each, same server: requests/s.
# The server runs on a data directory of its own in a temporary directory, its access log to
# /dev/null. Prints BENCH lines (tests/benchmarks/benchline.h) and wrk's summaries.
set -euo pipefail

cli=$(realpath "${1:?usage: bench_practice.sh STUDYBENCH-CLI [SECONDS]}")
seconds=${2:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench_practice-XXXXXX")
port=$((20000 + $$ % 20000))
server=
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

"$cli" serve --data-dir "$work/data" --port "$port" >/dev/null 2>"$work/serve.err" &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do
    curl -s -o /dev/null "$base/http/anything" && break
    sleep 0.1
done
curl -sf -o /dev/null "$base/http/anything" || { cat "$work/serve.err" >&2; exit 1; }

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# Conduit's data: 4 authors, 50 articles each with 2 of 8 tags; the reader follows 2 authors and
# favourites every third article.
post() { # post PATH TOKEN JSON: prints the response
    curl -sf -X POST "$base$1" -H 'Content-Type: application/json' ${2:+-H "Authorization: Token $2"} -d "$3"
}
token_of() { sed -n 's/.*"token":"\([^"]*\)".*/\1/p'; }
tokens=()
for a in 0 1 2 3 reader; do
    tokens+=("$(post /api/users "" "{\"user\":{\"username\":\"author$a\",\"email\":\"author$a@example.com\",\"password\":\"bench-password-$a\"}}" | token_of)")
done
reader=${tokens[4]}
for i in $(seq 0 199); do
    a=$((i % 4))
    post /api/articles "${tokens[$a]}" "{\"article\":{\"title\":\"Article $i\",\"description\":\"About $i\",\"body\":\"Body of article $i, long enough to be a paragraph of text about HTTP and APIs.\",\"tagList\":[\"tag$((i % 8))\",\"tag$(((i + 3) % 8))\"]}}" >/dev/null
    [ $((i % 3)) -eq 0 ] && post "/api/articles/article-$i/favorite" "$reader" "" >/dev/null
done
post /api/profiles/author0/follow "$reader" "" >/dev/null
post /api/profiles/author1/follow "$reader" "" >/dev/null
count=$(curl -sf "$base/api/articles?limit=1" | sed -n 's/.*"articlesCount":\([0-9]*\).*/\1/p')
[ "$count" = 200 ] || { echo "expected 200 articles, the server has ${count:-none}" >&2; exit 1; }

# wrk_run NAME CONNECTIONS URL [HEADER]: runs wrk, keeps its output in $work/NAME.txt
wrk_run() {
    local name=$1 conns=$2 url=$3
    shift 3
    echo "== $name: wrk -t2 -c$conns -d${seconds}s --latency $* $url (load average $(load))"
    wrk -t2 -c"$conns" -d"${seconds}s" --latency "$@" "$url" | tee "$work/$name.txt"
}
reqs() { awk '/^Requests\/sec:/ { print $2 }' "$work/$1.txt"; }
p99_ms() { # wrk prints 99% as 1.23ms, 456.00us or 1.20s
    awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
        print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : u == "m" ? v * 60000 : v) }' "$work/$1.txt"
}
errors() { # socket errors plus non-2xx/3xx responses
    awk '/Socket errors:/ { gsub(/,/, ""); n += $4 + $6 + $8 + $10 } /Non-2xx or 3xx/ { n += $NF }
        END { print n + 0 }' "$work/$1.txt"
}

# RSS at rest: 2 s after a run, when the server has given back what the run left free (it does
# so a second after its last connection closes); right after a run, RSS is at the run's high-water mark.
rss_at_rest() { sleep 2; rss_mb; }
rss_before=$(rss_at_rest)
wrk_run playground1 200 "$base/http/anything"
rss_peak1=$(rss_mb)
rss_after1=$(rss_at_rest)
wrk_run playground2 200 "$base/http/anything"
rss_peak2=$(rss_mb)
rss_after2=$(rss_at_rest)
echo "RSS at rest: ${rss_before} MB before, ${rss_after1} MB after the first run, ${rss_after2} MB after the second"
echo "RSS right after each run: ${rss_peak1} MB, ${rss_peak2} MB"

wrk_run anything50 50 "$base/http/anything"
wrk_run articles50 50 "$base/api/articles?limit=20&offset=0"
wrk_run articles50auth 50 "$base/api/articles?limit=20&offset=20" -H "Authorization: Token $reader"
echo "load average after: $(load)"

bench() { echo "BENCH name=$1 value=$2 baseline=$3 unit=$4 target=$5"; }
bench practice_playground_200c_req_per_s "$(reqs playground2)" - req/s -
bench practice_playground_200c_p99 "$(p99_ms playground2)" - ms -
bench practice_playground_200c_errors "$(($(errors playground1) + $(errors playground2)))" - count "value<=0"
bench practice_rss_growth_run_to_run "$(awk -v a="$rss_after1" -v b="$rss_after2" 'BEGIN { print b - a }')" \
    - MB "value<=1"
bench practice_rss_after_load "$rss_after2" "$rss_before" MB -
bench practice_rss_right_after_runs_growth "$(awk -v a="$rss_peak1" -v b="$rss_peak2" 'BEGIN { print b - a }')" \
    - MB -
bench conduit_articles_vs_anything_50c "$(reqs articles50)" "$(reqs anything50)" req/s -
bench conduit_articles_signed_in_vs_anything_50c "$(reqs articles50auth)" "$(reqs anything50)" req/s -
bench conduit_articles_errors "$(($(errors articles50) + $(errors articles50auth)))" - count "value<=0"

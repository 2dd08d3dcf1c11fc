#!/usr/bin/env bash
# uninstall.sh [--system]: removes what install.sh installed (per user, or with --system the
# install in /opt/studybench). Learner data (~/.local/share/studybench: progress, notes,
# backups, practice files) is never touched.
set -euo pipefail
quiet=
mode=user
for a in "$@"; do
    case "$a" in
        --system) mode=system ;;
        --quiet) quiet=1 ;;
        -h | --help) sed -n '2,4s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "uninstall.sh: unknown option '$a' (use --system, or nothing for the per-user install)" >&2; exit 2 ;;
    esac
done
if [ $mode = system ]; then opt=/opt/studybench; else opt="$HOME/.local/opt/studybench"; fi
manifest="$opt/installed-files"
if [ ! -f "$manifest" ]; then
    [ -n "$quiet" ] || echo "uninstall.sh: StudyBench is not installed in $opt (no $manifest)" >&2
    [ -n "$quiet" ] && exit 0 || exit 1
fi
while IFS= read -r f; do
    case "$f" in
        */studybench | */studybench-cli) [ -L "$f" ] && [ "$(readlink "$f")" = "$opt/bin/${f##*/}" ] && rm -f "$f" ;;
        *) rm -f "$f" ;;
    esac
done <"$manifest"
rm -rf "$opt"
[ -n "$quiet" ] || echo "StudyBench is uninstalled from $opt; your data is still in ${XDG_DATA_HOME:-~/.local/share}/studybench."

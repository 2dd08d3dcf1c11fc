#!/bin/sh
# Starts StudyBench from its bundle with the bundle's own dynamic loader and libraries, so the
# host's glibc, Qt and fonts do not matter. Symbolic links to this script work.
self=$(readlink -f "$0")
top=$(cd "$(dirname "$self")/.." && pwd)
program=$(basename "$self")
export QT_PLUGIN_PATH="$top/plugins"
export FONTCONFIG_FILE="$top/etc/fonts/fonts.conf"
export STUDYBENCH_FONT_DIR="$top/share/fonts"
exec "$top/lib/ld-linux-x86-64.so.2" --library-path "$top/lib" "$top/libexec/$program" "$@"

#!/usr/bin/env bash
# install.sh [--system]: installs this StudyBench bundle.
#   per user (default): files in ~/.local/opt/studybench, commands in ~/.local/bin, the menu entry
#                       and icon in ~/.local/share
#   --system (as root): files in /opt/studybench, commands in /usr/local/bin, the menu entry, icon
#                       and man pages in /usr/local/share
# Installing again replaces the previous install. Learner data (~/.local/share/studybench) is
# never touched; uninstall.sh removes exactly what this script installed.
set -euo pipefail
id=io.github.studybench.StudyBench
src=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

case "${1:-}" in
    --system) opt=/opt/studybench bin=/usr/local/bin share=/usr/local/share ;;
    "") opt="$HOME/.local/opt/studybench" bin="$HOME/.local/bin" share="${XDG_DATA_HOME:-$HOME/.local/share}" ;;
    -h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (use --system, or nothing for a per-user install)" >&2; exit 2 ;;
esac
[ -x "$src/libexec/studybench" ] || { echo "install.sh: run me from an unpacked StudyBench bundle" >&2; exit 1; }
if [ "$src" = "$opt" ]; then echo "install.sh: this bundle is already installed in $opt" >&2; exit 1; fi
if [ "${1:-}" = --system ] && [ ! -w "$(dirname "$opt")" ]; then
    echo "install.sh: --system installs into $opt and /usr/local; run it as root (sudo $0 --system)" >&2
    exit 1
fi

# The previous install's files go first (not the learner's data: that is elsewhere).
[ -x "$opt/uninstall.sh" ] && "$opt/uninstall.sh" ${1:+"$1"} --quiet
mkdir -p "$(dirname "$opt")" "$bin" "$share/applications"
rm -rf "$opt.new"
cp -a "$src" "$opt.new"
mv "$opt.new" "$opt"

manifest="$opt/installed-files"
: >"$manifest"
put() { # put SOURCE TARGET: copies a file and records it
    mkdir -p "$(dirname "$2")"
    cp "$1" "$2"
    echo "$2" >>"$manifest"
}
for exe in studybench studybench-cli; do
    ln -sfn "$opt/bin/$exe" "$bin/$exe"
    echo "$bin/$exe" >>"$manifest"
done
sed -e "s|^Exec=studybench|Exec=$opt/bin/studybench|" -e "\$aTryExec=$opt/bin/studybench" \
    "$opt/share/applications/$id.desktop" >"$share/applications/$id.desktop"
echo "$share/applications/$id.desktop" >>"$manifest"
for icon in "$opt"/share/icons/hicolor/*/apps/"$id".*; do
    put "$icon" "$share/icons/${icon#"$opt/share/icons/"}"
done
put "$opt/share/metainfo/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
if [ "${1:-}" = --system ]; then
    for page in "$opt"/share/man/man1/*.1.gz; do put "$page" "$share/man/man1/$(basename "$page")"; done
fi

command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
if [ "${1:-}" = --system ] && command -v gtk-update-icon-cache >/dev/null; then
    gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
fi
echo "StudyBench is installed in $opt; start it from the menu or with $bin/studybench."
case ":$PATH:" in *":$bin:"*) ;; *) echo "($bin is not on your PATH; add it to run 'studybench' by name.)" ;; esac

#!/usr/bin/env bash
# make-bundle.sh STAGE OUTDIR VERSION: makes OUTDIR/studybench-VERSION-linux-x86_64.tar.gz from
# STAGE (a 'cmake --install --strip' tree with prefix /usr). Runs where the executables were
# built: the bundle takes every library they and their Qt plugins load from this system (the ldd
# closure, dynamic loader included), so it runs on hosts with an older glibc and Qt.
set -euo pipefail
stage=$1 outdir=$2 version=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name="studybench-$version-linux-x86_64"
qtplugins=$(qtpaths6 --query QT_INSTALL_PLUGINS)
# Qt plugins StudyBench may load: X11 and headless platforms, the SQLite driver, image and icon
# formats, TLS backends, GL on X11, input methods, network reachability.
plugin_dirs=(platforms sqldrivers imageformats iconengines tls xcbglintegrations platforminputcontexts
    networkinformation)

die() { printf 'make-bundle: %s\n' "$*" >&2; exit 1; }

rm -rf "${outdir:?}/$name" "$outdir/$name.tar.gz"
dest="$outdir/$name"
mkdir -p "$dest"/{bin,lib,libexec,plugins,share/fonts,etc/fonts}

for exe in studybench studybench-cli; do
    [ -x "$stage/usr/bin/$exe" ] || die "$stage/usr/bin/$exe is missing; run 'cmake --install' first"
    cp "$stage/usr/bin/$exe" "$dest/libexec/"
    install -m 755 "$here/launcher.sh" "$dest/bin/$exe"
done
# The GUI's workbench module (app/gui/CMakeLists.txt), loaded after the first frame: in
# lib/studybench, where WorkbenchLoader looks when Qt takes the bundle's loader (lib/ld-linux…)
# for the application.
# libstudybench-base.so, which the executables and the module share, goes in lib with the other
# libraries (the launcher's library path).
mapfile -t modules < <(find "$stage/usr/lib" -path '*/studybench/*.so' -type f ! -name 'lib*')
[ ${#modules[@]} -gt 0 ] || die "the workbench module (usr/lib/…/studybench/studybench-workbench.so) is missing from $stage"
mkdir -p "$dest/lib/studybench"
cp "${modules[@]}" "$dest/lib/studybench/"
base=$(find "$stage/usr/lib" -path '*/studybench/libstudybench-base.so' -type f)
[ -n "$base" ] || die "usr/lib/…/studybench/libstudybench-base.so is missing from $stage"
cp "$base" "$dest/lib/"
cp -r "$stage/usr/share/." "$dest/share/"
for d in "${plugin_dirs[@]}"; do
    [ -d "$qtplugins/$d" ] || continue
    mkdir -p "$dest/plugins/$d"
    case "$d" in
        # X11 (and XWayland), and the headless ones; not eglfs, linuxfb, vnc (and their libraries)
        platforms) cp "$qtplugins/$d"/lib{qxcb,qoffscreen,qminimal}.so "$dest/plugins/$d/" ;;
        sqldrivers) cp "$qtplugins/$d/libqsqlite.so" "$dest/plugins/$d/" ;;
        *) cp "$qtplugins/$d"/*.so "$dest/plugins/$d/" ;;
    esac
done
for p in platforms/libqxcb.so sqldrivers/libqsqlite.so; do
    [ -f "$dest/plugins/$p" ] || die "the Qt plugin $p is missing from $qtplugins"
done

# Every library the executables, the workbench module and the plugins load, by the name they ask
# for, and the loader.
mapfile -t elves < <(find "$dest/libexec" "$dest/lib/studybench" "$dest/lib/libstudybench-base.so" "$dest/plugins" -type f)
# ldd finds libstudybench-base.so in lib/ as the launcher's loader will (only ldd: strip below must
# not run on the libraries it is rewriting).
bundle_ldd() { LD_LIBRARY_PATH="$dest/lib" ldd "$@"; }
bundle_ldd "${elves[@]}" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3} $1 ~ /^\/.*ld-linux/ {print "ld-linux-x86-64.so.2", $1}' \
    | sort -u | while read -r soname path; do
        [ -e "$dest/lib/$soname" ] || cp -L "$path" "$dest/lib/$soname"
    done
if bundle_ldd "${elves[@]}" 2>/dev/null | grep -q 'not found'; then
    bundle_ldd "${elves[@]}" 2>&1 | grep -B20 'not found' >&2
    die "libraries are missing (above)"
fi
[ -f "$dest/lib/ld-linux-x86-64.so.2" ] || die "the dynamic loader was not found by ldd"
chmod 755 "$dest/lib/ld-linux-x86-64.so.2"

# Qt looks for qt.conf beside what /proc/self/exe names, which is the loader: so Qt's plugin
# path is the bundle's, never the host's Qt.
printf '[Paths]\nPrefix=..\nPlugins=plugins\n' >"$dest/lib/qt.conf"

# Fonts: the host may have no colour emoji or no fonts at all. fontconfig reads the host's
# configuration and these.
cp /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf "$dest/share/fonts/"
cp /usr/share/fonts/truetype/dejavu/DejaVuSans{,-Bold,Mono,Mono-Bold}.ttf "$dest/share/fonts/"
cp "$here/fonts.conf" "$dest/etc/fonts/fonts.conf"

find "$dest/libexec" "$dest/plugins" "$dest/lib" -type f ! -name 'ld-linux*' ! -name qt.conf \
    -exec strip --strip-unneeded {} +
install -m 755 "$here/install.sh" "$here/uninstall.sh" "$dest/"
cp "$here/README.txt" "$dest/"
tar -C "$outdir" --owner=0 --group=0 --numeric-owner -cf - "$name" | gzip -9n >"$outdir/$name.tar.gz"
printf '%s\n' "$outdir/$name.tar.gz"

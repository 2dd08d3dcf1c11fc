#!/usr/bin/env bash
# make-packages.sh BUILDDIR OUTDIR: from a configured and built release tree, lays out the install
# tree (OUTDIR/stage, prefix /usr), the .deb (cpack) and the self-contained bundle, in OUTDIR.
# Runs in the build environment (tools/dev package runs it there).
set -euo pipefail
build=$(readlink -f "$1")
mkdir -p "$2"
out=$(readlink -f "$2")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build/CMakeCache.txt")
[ -n "$version" ] || { echo "make-packages: $build is not a configured build tree" >&2; exit 1; }

rm -rf "$out/stage" "$out"/studybench_*.deb "$out/_CPack_Packages"
DESTDIR="$out/stage" cmake --install "$build" --prefix /usr --strip >/dev/null
for page in studybench studybench-cli; do
    [ -f "$out/stage/usr/share/man/man1/$page.1.gz" ] \
        || { echo "make-packages: no man page for $page (help2man missing? STUDYBENCH_MAN_PAGES=OFF?)" >&2; exit 1; }
done
cpack --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 \
    || { cat "$out/cpack.log" >&2; echo "make-packages: cpack failed" >&2; exit 1; }
rm -rf "$out/_CPack_Packages"
"$here/bundle/make-bundle.sh" "$out/stage" "$out" "$version" >/dev/null

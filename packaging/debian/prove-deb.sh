#!/usr/bin/env bash
# prove-deb.sh DEB OUTDIR: run as root inside a throw-away copy of a clean Debian 13 root that has
# none of StudyBench's build dependencies. Installs DEB with apt, then as an ordinary user:
# --version, the curriculum, progress set and read back in a second run, the GUI under Xvfb with
# a screenshot (OUTDIR/deb-screenshot.png); then desktop-file-validate, appstreamcli validate and
# lintian (OUTDIR/lintian.txt; errors fail, warnings are listed).
set -euo pipefail
deb=$1 outdir=$2
id=io.github.studybench.StudyBench
item=backend-basics/core-fundamentals/http-protocol-mastery/body-formats

fail() { printf 'prove-deb: FAILED: %s\n' "$*" >&2; exit 1; }
step() { printf 'prove-deb: %s\n' "$*" >&2; }
learner() { # runs "$@" as an ordinary user (uid 1000) with its own HOME
    env -i HOME=/tmp/learner PATH=/usr/bin:/bin LANG=C.UTF-8 setpriv --reuid=1000 --regid=1000 --clear-groups "$@"
}

export DEBIAN_FRONTEND=noninteractive
chmod 1777 /tmp # apt's downloads run as _apt
cd /tmp
apt-get update -qq >/dev/null || fail "apt-get update"
apt-get install -y -qq --no-install-recommends "$deb" >"$outdir/apt-install.log" 2>&1 \
    || { tail -n 30 "$outdir/apt-install.log" >&2; fail "apt-get install $deb"; }
step "installed $(dpkg-query -W -f='${Package} ${Version}' studybench) with apt ($(grep -c '^Setting up' "$outdir/apt-install.log") packages set up)"
for f in /usr/bin/studybench /usr/bin/studybench-cli /usr/share/applications/$id.desktop \
    /usr/share/metainfo/$id.metainfo.xml /usr/share/icons/hicolor/scalable/apps/$id.svg \
    /usr/share/icons/hicolor/256x256/apps/$id.png /usr/share/studybench/curricula/backend-mastery.md \
    /usr/share/man/man1/studybench.1.gz /usr/share/man/man1/studybench-cli.1.gz; do
    [ -f "$f" ] || fail "$f is not installed"
done

mkdir -p /tmp/learner && chown 1000:1000 /tmp/learner
step "$(learner studybench-cli --version)"
learner studybench-cli curriculum >/tmp/curriculum.txt || fail "studybench-cli curriculum"
grep -q 'Backend Developer Mastery' /tmp/curriculum.txt || fail "studybench-cli curriculum shows no curriculum"
learner studybench-cli progress set "$item" done >/dev/null || fail "studybench-cli progress set"
learner studybench-cli progress history "$item" >/tmp/history.txt || fail "studybench-cli progress history"
grep -q done /tmp/history.txt || fail "the state set in one run is not read back in the next"
[ -s /tmp/learner/.local/share/studybench/progress.sqlite ] || fail "no progress database in ~/.local/share/studybench"
step "progress set and read back in a second run"
zgrep -q 'progress set' /usr/share/man/man1/studybench-cli.1.gz || fail "the man page of studybench-cli lacks its commands"
for page in studybench studybench-cli; do
    zgrep -q "^\.TH ${page^^} \"1\"" /usr/share/man/man1/$page.1.gz || fail "the man page of $page has the wrong title"
done

learner xvfb-run -a -s '-screen 0 1280x800x24' studybench --screenshot /tmp/learner/shot.png \
    >/tmp/gui.log 2>&1 || { cat /tmp/gui.log >&2; fail "the GUI under Xvfb"; }
[ -s /tmp/learner/shot.png ] || { cat /tmp/gui.log >&2; fail "the GUI saved no screenshot"; }
cp /tmp/learner/shot.png "$outdir/deb-screenshot.png"
step "GUI under Xvfb: deb-screenshot.png"

desktop-file-validate /usr/share/applications/$id.desktop || fail "desktop-file-validate"
step "desktop-file-validate: no complaints"
# --no-net: the screenshot URLs are where the repository publishes them, not fetched here.
appstreamcli validate --no-net --explain /usr/share/metainfo/$id.metainfo.xml >"$outdir/appstream.txt" 2>&1 \
    || { cat "$outdir/appstream.txt" >&2; fail "appstreamcli validate"; }
step "appstreamcli validate: $(tail -n 1 "$outdir/appstream.txt")"
install -m 644 "$deb" /tmp/studybench.deb # readable by the learner
learner lintian --info --fail-on error /tmp/studybench.deb >"$outdir/lintian.txt" 2>&1 \
    || { cat "$outdir/lintian.txt" >&2; fail "lintian reports errors"; }
step "lintian: no errors; $(grep -c '^W:' "$outdir/lintian.txt" || true) warnings, $(grep -c '^I:' "$outdir/lintian.txt" || true) notes (lintian.txt)"

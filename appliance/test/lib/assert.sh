# shellcheck shell=sh
# Assertions shared by the hardening tests and the generalization test. A test is this file
# followed by the test's own text, run as `sh -s ROOT` (ROOT: / inside the appliance, or the
# mount point of its root file system). It prints "ok - ..." / "not ok - ..." lines and exits
# non-zero if any assertion failed. In "live" mode (inside the running appliance) tests also
# check the running state, not only the files.
ROOT=${1:-/}
ROOT=${ROOT%/}
failures=0
checks=0
ok() { checks=$((checks + 1)); echo "ok - $*"; }
not_ok() { checks=$((checks + 1)); failures=$((failures + 1)); echo "not ok - $*"; }
check() {
    desc=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$desc"; else not_ok "$desc"; fi
}
live() { [ -z "$ROOT" ] && [ -d /run/systemd/system ]; }
file_has() { [ -f "$ROOT$1" ] && grep -Eq -- "$2" "$ROOT$1"; }
no_file() { [ ! -e "$ROOT$1" ] && [ ! -L "$ROOT$1" ]; }
finish() {
    [ "$checks" -gt 0 ] || { echo "not ok - the test asserted nothing"; exit 1; }
    echo "# $checks checks, $failures failed"
    [ "$failures" -eq 0 ]
}

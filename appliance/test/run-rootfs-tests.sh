#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Runs the generalization test and every hardening test against a root file system (the built
# image, mounted read-only). Usage: appliance/test/run-rootfs-tests.sh ROOT
root=$1
here=$(cd "$(dirname "$0")" && pwd)
failed=0
for t in "$here/generalized.sh" "$here"/hardening/*.sh; do
    echo "== $(basename "$t" .sh) (rootfs $root)"
    if ! cat "$here/lib/assert.sh" "$t" | sh -s "$root"; then
        failed=$((failed + 1))
    fi
done
if [ "$failed" -ne 0 ]; then
    echo "rootfs tests: $failed test file(s) failed"
    exit 1
fi
echo "rootfs tests: all passed"

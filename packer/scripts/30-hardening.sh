# shellcheck shell=sh
# Provisioning 30 (in the build VM, as root): every hardening control in appliance/hardening,
# one file per control; each has a test of the same name in appliance/test/hardening.
for control in /tmp/ks-build/appliance/hardening/*.sh; do
    echo "provision: hardening control $(basename "$control" .sh)"
    sh -eu "$control"
done

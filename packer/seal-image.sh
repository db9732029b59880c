#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Generalizes the powered-off build disk (raw) and proves it: empty machine-id, no SSH host
# keys, no random seed, no leases, logs truncated, free space trimmed; then runs the
# generalization test and every hardening test against the sealed root file system.
# Usage: packer/seal-image.sh DISK.raw
disk=$1
here=$(cd "$(dirname "$0")" && pwd)
mnt=$(mktemp -d /tmp/keyswitch-seal.XXXXXX)
loop=

cleanup() {
    rc=$?
    echo "seal: cleaning up (exit code $rc)"
    if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt" || umount -l "$mnt" || true; fi
    rmdir "$mnt" 2>/dev/null || true
    if [ -n "$loop" ]; then
        partx -d "$loop" 2>/dev/null || true
        losetup -d "$loop" || true
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo "seal: step 1/4: attach $disk"
loop=$(losetup --show -f "$disk")
partx -a "$loop" 2>/dev/null || partx -u "$loop" # -u when the kernel already knows it
i=0
while [ ! -b "${loop}p1" ]; do i=$((i + 1)); [ "$i" -le 20 ] || exit 1; sleep 0.5; done
e2fsck -f -y "${loop}p1" >/dev/null || [ $? -le 1 ]
mount "${loop}p1" "$mnt"

echo "seal: step 2/4: generalize (machine-id, host keys, seeds, leases, logs, tmp)"
: > "$mnt/etc/machine-id"
rm -f "$mnt/var/lib/dbus/machine-id"
rm -f "$mnt"/etc/ssh/ssh_host_*
rm -f "$mnt/var/lib/systemd/random-seed" "$mnt/var/lib/systemd/credential.secret"
rm -rf "$mnt"/var/lib/dhcp/* "$mnt"/var/lib/systemd/network/*
rm -rf "$mnt"/var/log/journal/*
find "$mnt/var/log" -type f -exec truncate -s 0 {} +
rm -rf "$mnt"/tmp/* "$mnt"/tmp/.[!.]* "$mnt"/var/tmp/*
rm -f "$mnt"/root/.*history "$mnt"/root/.lesshst

echo "seal: step 3/4: test the sealed root file system"
sh "$here/../appliance/test/run-rootfs-tests.sh" "$mnt"

echo "seal: step 4/4: trim free space (holes in the raw file, smaller VMDK)"
fstrim -v "$mnt"

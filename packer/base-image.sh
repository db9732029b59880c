#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Makes the bootable Debian 12 base disk that Packer's qemu builder starts from
# (disk_image = true): a sparse raw disk, msdos label, one ext4 partition, grub-pc,
# linux-image-amd64, systemd-networkd on DHCP, and a build user that only the
# per-build SSH key opens. The build user is removed again by packer/scripts/90-cleanup.sh.
#
# Usage: packer/base-image.sh OUT.raw BUILD_PUBKEY_FILE [SIZE]
#
# Facts this relies on (measured on the build machine kind, see issue 6): the host kernel
# makes no loopNp1 by itself, `partx -a` does; there is no udev, so grub-mkconfig writes
# root=UUID=... only if /dev/disk/by-uuid/<uuid> exists, which we create for the run.

out=$1
pubkey=$2
size=${3:-20G}
suite=bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
security_mirror=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}

[ "$(id -u)" -eq 0 ] || { echo "base-image: must run as root (loop devices, mount, chroot)" >&2; exit 1; }
[ -s "$pubkey" ] || { echo "base-image: no public key at $pubkey" >&2; exit 1; }

work=$(mktemp -d /tmp/keyswitch-base.XXXXXX)
mnt=$work/root
loop=
uuid_link=

cleanup() {
    rc=$?
    echo "base-image: cleaning up (exit code $rc)"
    for m in dev/pts dev proc sys run; do
        if mountpoint -q "$mnt/$m" 2>/dev/null; then umount -l "$mnt/$m" || true; fi
    done
    if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt" || umount -l "$mnt" || true; fi
    [ -n "$uuid_link" ] && rm -f "$uuid_link"
    rmdir /dev/disk/by-uuid /dev/disk 2>/dev/null || true
    if [ -n "$loop" ]; then
        partx -d "$loop" 2>/dev/null || true
        losetup -d "$loop" || true
    fi
    rm -rf "$work"
    [ "$rc" -eq 0 ] || rm -f "$out"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo "base-image: step 1/7: sparse $size disk with an msdos label and one ext4 partition"
rm -f "$out"
truncate -s "$size" "$out"
parted -s "$out" mklabel msdos mkpart primary ext4 1MiB 100% set 1 boot on

echo "base-image: step 2/7: loop device and partition node (partx -a)"
loop=$(losetup --show -f "$out")
# partx -a fails when the kernel already knows the partition (a loop device reused before its
# partitions were dropped); then update instead. The node is waited for below either way.
partx -a "$loop" 2>/dev/null || partx -u "$loop"
part=${loop}p1
i=0
while [ ! -b "$part" ]; do
    i=$((i + 1)); [ "$i" -le 20 ] || { echo "base-image: $part never appeared" >&2; exit 1; }
    sleep 0.5
done
uuid=$(cat /proc/sys/kernel/random/uuid)
mkfs.ext4 -q -L keyswitch-root -U "$uuid" -E lazy_itable_init=0,lazy_journal_init=0 "$part"
mkdir -p "$mnt"
mount "$part" "$mnt"
rmdir "$mnt/lost+found"

echo "base-image: step 3/7: mmdebstrap $suite (minimal: kernel, grub, systemd, sshd for the build)"
mmdebstrap --variant=apt --mode=root \
    --include=linux-image-amd64,grub-pc,systemd-sysv,udev,dbus,kmod,iproute2,systemd-resolved,openssh-server,sudo,ca-certificates,initramfs-tools,zstd \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$suite" "$mnt" \
    "deb $mirror $suite main" "deb $mirror $suite-updates main" "deb $security_mirror $suite-security main"
mkdir -p "$mnt/lost+found"
chmod 0700 "$mnt/lost+found"
# No translated package descriptions: fewer downloads at every apt-get update.
echo 'Acquire::Languages "none";' > "$mnt/etc/apt/apt.conf.d/90keyswitch-no-translations"
# Man pages are excluded to keep the image small, but update-alternatives (openjdk's postinst)
# still links into these folders.
for i in 1 2 3 4 5 6 7 8; do mkdir -p "$mnt/usr/share/man/man$i"; done

echo "base-image: step 4/7: fstab, hostname, DHCP on every ethernet NIC, resolver"
printf 'UUID=%s / ext4 errors=remount-ro 0 1\n' "$uuid" > "$mnt/etc/fstab"
echo keyswitch > "$mnt/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 keyswitch\n::1 localhost ip6-localhost ip6-loopback\n' > "$mnt/etc/hosts"
cat > "$mnt/etc/systemd/network/90-dhcp.network" <<'EOF'
# Keyswitch default: DHCP on every ethernet NIC. The first boot (OVF properties) and the
# console (keyswitch-console) write 10-keyswitch.network, which takes precedence.
[Match]
Type=ether
Name=en* eth*

[Network]
DHCP=yes
EOF
chroot "$mnt" systemctl enable systemd-networkd.service systemd-resolved.service
ln -sf ../run/systemd/resolve/stub-resolv.conf "$mnt/etc/resolv.conf"

echo "base-image: step 5/7: build user with the per-build key (removed by 90-cleanup.sh)"
chroot "$mnt" useradd --create-home --shell /bin/bash ksbuild
install -d -m 0700 -o 0 -g 0 "$mnt/home/ksbuild/.ssh"
install -m 0600 "$pubkey" "$mnt/home/ksbuild/.ssh/authorized_keys"
chroot "$mnt" chown -R ksbuild:ksbuild /home/ksbuild/.ssh
echo 'ksbuild ALL=(ALL) NOPASSWD:ALL' > "$mnt/etc/sudoers.d/90-ksbuild"
chmod 0440 "$mnt/etc/sudoers.d/90-ksbuild"
printf 'PasswordAuthentication no\nPermitRootLogin no\n' > "$mnt/etc/ssh/sshd_config.d/00-build.conf"

echo "base-image: step 6/7: grub-pc on $loop, kernel command line with tty and serial consoles"
mount --bind /dev "$mnt/dev"
mount --bind /dev/pts "$mnt/dev/pts"
mount -t proc proc "$mnt/proc"
mount -t sysfs sysfs "$mnt/sys"
mkdir -p /dev/disk/by-uuid
uuid_link=/dev/disk/by-uuid/$uuid
ln -sf "$part" "$uuid_link"
cat > "$mnt/etc/default/grub" <<'EOF'
GRUB_DEFAULT=0
GRUB_TIMEOUT=1
GRUB_DISTRIBUTOR=Keyswitch
# The last console= is /dev/console (what an ESXi user sees); the serial port also gets
# kernel messages and the first-boot banner (used by the appliance test).
GRUB_CMDLINE_LINUX_DEFAULT="quiet"
GRUB_CMDLINE_LINUX="console=ttyS0,115200 console=tty0 net.ifnames=1"
GRUB_DISABLE_OS_PROBER=true
EOF
chroot "$mnt" grub-install --target=i386-pc "$loop"
chroot "$mnt" update-grub
grep -q "root=UUID=$uuid" "$mnt/boot/grub/grub.cfg" || { echo "base-image: grub.cfg does not boot root=UUID=$uuid" >&2; exit 1; }

echo "base-image: step 7/7: drop apt caches"
chroot "$mnt" apt-get clean
rm -rf "$mnt/var/lib/apt/lists/"*
echo "base-image: done: $out (root UUID $uuid)"

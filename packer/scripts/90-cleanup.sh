# shellcheck shell=sh
# Packer's shutdown command (in the build VM, as root): remove the build user and its key,
# drop caches, power off. The rest of the generalization (machine-id, host keys, logs) is done
# on the powered-off disk by packer/seal-image.sh, so shutdown messages cannot creep back in.
# Power off whatever happens: a failed step here is caught by the generalization test that
# packer/seal-image.sh runs on the disk, not by Packer waiting for its shutdown timeout.
trap 'echo "cleanup: power off"; systemctl poweroff --no-block' EXIT
echo "cleanup: apt caches and lists"
apt-get -y -q autoremove --purge
apt-get clean
rm -rf /var/lib/apt/lists/*
echo "cleanup: remove the build user ksbuild, its key and its sudo rule"
rm -f /etc/sudoers.d/90-ksbuild
userdel --force --remove ksbuild || true
rm -rf /home/ksbuild
echo "cleanup: purge sudo (nobody on the appliance needs it)"
SUDO_FORCE_REMOVE=yes apt-get -y -q purge sudo
rm -rf /tmp/ks-build

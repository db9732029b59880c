# shellcheck shell=sh
# Provisioning 10 (in the build VM, as root): the appliance's packages, with security updates.
echo "provision: apt-get update"
apt-get update -q
echo "provision: apt-get dist-upgrade (security updates since the base image)"
apt-get -y -q -o Dpkg::Options::=--force-confold dist-upgrade
echo "provision: install the appliance's packages (polkitd: the portal starts its OpenVPN units; acl: their config folder;"
echo "provision:   python3-nftables: the firewall helper sets technician connections' rules through libnftables)"
apt-get -y -q -o Dpkg::Options::=--force-confold install --no-install-recommends \
    linux-image-amd64 openjdk-17-jre-headless mariadb-server openvpn nftables open-vm-tools \
    chrony unattended-upgrades whiptail curl ca-certificates netbase qemu-guest-agent \
    polkitd acl python3-nftables
echo "provision: the kernel is linux-image-amd64 (drivers for vmw_pvscsi, mptspi, vmxnet3)"
for m in vmw_pvscsi mptspi vmxnet3; do
    find /lib/modules/*/kernel -name "$m.ko*" | grep -q . || { echo "no $m module" >&2; exit 1; }
done

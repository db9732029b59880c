# Source: konstruktoid/hardening scripts/disablemod and scripts/disablefs; IEC 62443-3-3 SR 7.7 (least functionality).
# shellcheck shell=sh
# Control: kernel modules the appliance never needs cannot be loaded (rare file systems and
# network protocols, removable storage, FireWire, Bluetooth).
echo "hardening: disablemod: /etc/modprobe.d/90-keyswitch.conf"
{
    echo "# Keyswitch hardening (appliance/hardening/disablemod.sh)"
    for m in cramfs freevxfs jffs2 hfs hfsplus squashfs udf dccp sctp rds tipc usb-storage firewire-core bluetooth; do
        echo "install $m /bin/false"
        echo "blacklist $m"
    done
} > /etc/modprobe.d/90-keyswitch.conf

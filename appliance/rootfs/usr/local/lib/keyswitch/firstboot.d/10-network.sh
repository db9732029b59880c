# shellcheck shell=sh
# Step 10: network and host name from the OVF properties (vApp options) when the appliance
# runs on VMware and they are set; DHCP otherwise. No secret is ever taken from OVF.
. /usr/local/lib/keyswitch/common.sh

ovfenv=
if [ "$(systemd-detect-virt 2>/dev/null || true)" = vmware ] && command -v vmtoolsd >/dev/null; then
    echo "  reading OVF properties (vmtoolsd --cmd 'info-get guestinfo.ovfEnv')"
    ovfenv=$(vmtoolsd --cmd "info-get guestinfo.ovfEnv" 2>/dev/null || true)
fi
if [ -z "$ovfenv" ]; then
    echo "  no OVF environment: network by DHCP, host name keyswitch"
    [ -e "$NETWORK_FILE" ] || write_network_dhcp
    exit 0
fi

hostname=$(ovf_property "$ovfenv" hostname)
address=$(ovf_property "$ovfenv" net.address)
prefix=$(ovf_property "$ovfenv" net.prefix)
gateway=$(ovf_property "$ovfenv" net.gateway)
dns=$(ovf_property "$ovfenv" net.dns | tr ',' ' ')

if [ -n "$hostname" ]; then
    echo "  host name: $hostname"
    set_hostname "$hostname"
fi
if [ -n "$address" ]; then
    echo "  static address: $address/${prefix:-24} gateway ${gateway:-none} DNS ${dns:-none}"
    # shellcheck disable=SC2086
    write_network_static "$address" "${prefix:-24}" "$gateway" $dns
else
    echo "  no address property: DHCP"
    write_network_dhcp
fi
apply_network

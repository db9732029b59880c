#!/bin/sh -eu
# Unit test of the network functions the first boot and the console share
# (appliance/rootfs/usr/local/lib/keyswitch/common.sh): reading vApp properties from an OVF
# environment document as VMware delivers it, validating addresses, and the
# systemd-networkd files written from them. Runs on the build host; needs nothing but sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/assert.sh"
. "$here/../rootfs/usr/local/lib/keyswitch/common.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
NETWORK_FILE=$tmp/10-keyswitch.network

# The shape of `vmtoolsd --cmd "info-get guestinfo.ovfEnv"` on ESXi (one property per line,
# other sections around them).
ovfenv='<?xml version="1.0" encoding="UTF-8"?>
<Environment xmlns="http://schemas.dmtf.org/ovf/environment/1" xmlns:oe="http://schemas.dmtf.org/ovf/environment/1"
     xmlns:ve="http://www.vmware.com/schema/ovfenv" oe:id="" ve:vCenterId="vm-42">
   <PlatformSection><Kind>VMware ESXi</Kind><Version>8.0.2</Version></PlatformSection>
   <PropertySection>
         <Property oe:key="hostname" oe:value="keyswitch.example.com"/>
         <Property oe:key="net.address" oe:value="192.0.2.10"/>
         <Property oe:key="net.dns" oe:value="192.0.2.53,198.51.100.53"/>
         <Property oe:key="net.gateway" oe:value="192.0.2.1"/>
         <Property oe:key="net.prefix" oe:value="26"/>
   </PropertySection>
   <ve:EthernetAdapterSection><ve:Adapter ve:mac="00:50:56:aa:bb:cc" ve:network="VM Network" ve:unitNumber="7"/></ve:EthernetAdapterSection>
</Environment>'

# not CMD...: true when CMD fails (runs in this shell, so the functions above are defined).
not() { ! "$@"; }

check "ovf_property reads hostname" test "$(ovf_property "$ovfenv" hostname)" = keyswitch.example.com
check "ovf_property reads net.address" test "$(ovf_property "$ovfenv" net.address)" = 192.0.2.10
check "ovf_property reads net.prefix" test "$(ovf_property "$ovfenv" net.prefix)" = 26
check "ovf_property reads net.dns" test "$(ovf_property "$ovfenv" net.dns)" = 192.0.2.53,198.51.100.53
check "ovf_property gives nothing for an absent key" test -z "$(ovf_property "$ovfenv" net.mtu)"
check "ovf_property gives an empty value as empty" test -z "$(ovf_property '<Property oe:key="net.address" oe:value=""/>' net.address)"

for good in 192.0.2.10 0.0.0.0 255.255.255.255 10.1.2.3; do check "valid_ipv4 accepts $good" valid_ipv4 "$good"; done
for bad in 256.1.1.1 1.2.3 1.2.3.4.5 1..2.3 a.b.c.d '' '1.2.3.4 ' '1.2.3.4;DNS=9.9.9.9' 01234.1.1.1; do
    check "valid_ipv4 rejects '$bad'" not valid_ipv4 "$bad"
done
for bad in 0 33 -1 x ''; do check "valid_prefix rejects '$bad'" not valid_prefix "$bad"; done
check "valid_prefix accepts 24" valid_prefix 24
check "valid_hostname accepts keyswitch.example.com" valid_hostname keyswitch.example.com
for bad in 'under_score' '-dash' 'a..b' 'x;reboot' ''; do check "valid_hostname rejects '$bad'" not valid_hostname "$bad"; done

write_network_static 192.0.2.10 26 192.0.2.1 192.0.2.53 198.51.100.53
check "static file: Address" file_has "$NETWORK_FILE" '^Address=192.0.2.10/26$'
check "static file: Gateway" file_has "$NETWORK_FILE" '^Gateway=192.0.2.1$'
check "static file: two DNS lines" test "$(grep -c '^DNS=' "$NETWORK_FILE")" = 2
check "static file: no DHCP" sh -c "! grep -q '^DHCP=' '$NETWORK_FILE'"
cp "$NETWORK_FILE" "$tmp/before"
check "a bad gateway is refused" not write_network_static 192.0.2.10 24 192.0.2.300
check "a bad DNS server is refused" not write_network_static 192.0.2.10 24 192.0.2.1 "9.9.9.9 x"
check "a refused change leaves the file as it was" cmp -s "$tmp/before" "$NETWORK_FILE"
write_network_dhcp
check "DHCP file: DHCP=yes" file_has "$NETWORK_FILE" '^DHCP=yes$'
check "DHCP file: no Address" sh -c "! grep -q '^Address=' '$NETWORK_FILE'"
finish

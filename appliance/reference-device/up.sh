#!/usr/bin/env bash
# Keyswitch reference device: plays an industrial router for tests and demos, without hardware.
# A router namespace runs the OpenVPN client with a device profile and maps the device's virtual subnet
# 1:1 onto its real LAN (nft NETMAP); a LAN namespace behind it holds two stand-in components, a PLC at
# .10 and an HMI at .20, both answering tcp 102, 502, 80 and udp 47808 (so a firewall, not a closed
# port, is what keeps a technician out of what is not granted).
#
# Usage: up.sh NAME PROFILE.ovpn CREDENTIALS VIRTUAL_SUBNET
#   NAME            1-8 of [a-z0-9]; namespaces ksdev-NAME (router) and ksdev-NAME-lan (components)
#   PROFILE.ovpn    the device profile downloaded from the portal
#   CREDENTIALS     file with two lines: device identity, device secret (mode 0600)
#   VIRTUAL_SUBNET  the device's virtual subnet shown in the portal, e.g. 10.255.129.0/24
# Optional environment:
#   KS_REMOTE       IPv4 address to dial instead of the profile's remote name (default: resolve it here)
#   KS_WAN_PEER_NS  namespace the router's WAN cable plugs into (default: the host's own)
#   KS_WAN_NET      /30 for the WAN cable, host side .1, router .2 (default 10.255.250.0)
#   KS_WAN_NAT=1    masquerade the router's WAN in the host, for an appliance on another machine
#   KS_LAN_NET      the real LAN, the same for every device (default 192.168.0.0/24; router .1, PLC .10, HMI .20)
#   KS_NETMAP       a file of router commands to run in the router namespace instead of the built-in NETMAP,
#                   e.g. the device page's "Router settings" for nftables or iptables firmware
#   KS_TUNNEL=on-demand  do not dial the tunnel now: the report loop (report.sh) dials it when the portal wants it
set -euo pipefail

if [ "$#" -ne 4 ]; then
    sed -n '2,24p' "$0" >&2
    exit 2
fi
name="$1"
profile="$(realpath "$2")"
credentials="$(realpath "$3")"
virtual="$4"
case "$name" in
    *[!a-z0-9]* | "" | ?????????*) echo "NAME must be 1-8 of [a-z0-9]" >&2; exit 2 ;;
esac
[[ "$virtual" =~ ^([0-9]{1,3}\.){3}0/24$ ]] || { echo "VIRTUAL_SUBNET must be an a.b.c.0/24" >&2; exit 2; }
lan="${KS_LAN_NET:-192.168.0.0/24}"
[[ "$lan" =~ ^([0-9]{1,3}\.){3}0/24$ ]] || { echo "KS_LAN_NET must be an a.b.c.0/24" >&2; exit 2; }
lan_prefix="${lan%.0/24}"
wan_net="${KS_WAN_NET:-10.255.250.0}"
wan_prefix="${wan_net%.*}"
wan_host="${wan_prefix}.$(( ${wan_net##*.} + 1 ))"
wan_router="${wan_prefix}.$(( ${wan_net##*.} + 2 ))"
router="ksdev-${name}"
lanns="ksdev-${name}-lan"
run="/run/keyswitch-reference-device/${name}"
here="$(dirname "$(realpath "$0")")"
peer=()
if [ -n "${KS_WAN_PEER_NS:-}" ]; then
    peer=(ip netns exec "${KS_WAN_PEER_NS}")
fi

echo "Checking tools and that ${router} is not up yet"
for tool in ip nft openvpn python3; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y openvpn nftables iproute2 python3)" >&2; exit 1; }
done
if ip netns list | grep -qw "$router"; then
    echo "${router} exists; run down.sh ${name} first" >&2
    exit 1
fi
install -d -m 0700 "$run"

echo "Finding the appliance to dial"
remote_line="$(grep -m1 -E '^remote ' "$profile")"
read -r _ remote_name remote_port remote_proto <<<"$remote_line"
remote_ip="${KS_REMOTE:-$(getent ahostsv4 "$remote_name" | awk 'NR==1 {print $1}')}"
[ -n "$remote_ip" ] || { echo "cannot resolve ${remote_name}; set KS_REMOTE" >&2; exit 1; }
sed -E "s|^remote .*|remote ${remote_ip} ${remote_port} ${remote_proto:-udp}|" "$profile" > "$run/device.ovpn"
chmod 0600 "$run/device.ovpn"
install -m 0600 "$credentials" "$run/device.auth"
echo "  ${remote_name} -> ${remote_ip}:${remote_port}"

echo "Creating namespaces ${router} (router) and ${lanns} (machine LAN)"
ip netns add "$router"
ip netns add "$lanns"
ip -n "$router" link set lo up
ip -n "$lanns" link set lo up

echo "Plugging the router's WAN (${wan_router}) into ${KS_WAN_PEER_NS:-the host} (${wan_host})"
ip link add "kd${name}w0" type veth peer name "kd${name}w1" netns "$router"
if [ -n "${KS_WAN_PEER_NS:-}" ]; then
    ip link set "kd${name}w0" netns "$KS_WAN_PEER_NS"
fi
"${peer[@]}" ip addr add "${wan_host}/30" dev "kd${name}w0"
"${peer[@]}" ip link set "kd${name}w0" up
ip -n "$router" addr add "${wan_router}/30" dev "kd${name}w1"
ip -n "$router" link set "kd${name}w1" up
ip -n "$router" route add default via "$wan_host"

if [ "${KS_WAN_NAT:-0}" = 1 ]; then
    echo "Masquerading the router's WAN in the host (KS_WAN_NAT=1)"
    sysctl -qw net.ipv4.ip_forward=1
    nft -f - <<NFT
table ip ksdev_${name} {
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        ip saddr ${wan_router} oifname != "kd${name}w0" masquerade
    }
}
NFT
fi

echo "Cabling the machine LAN ${lan}: router ${lan_prefix}.1, PLC ${lan_prefix}.10, HMI ${lan_prefix}.20"
ip link add "kd${name}l0" netns "$router" type veth peer name "kd${name}l1" netns "$lanns"
ip -n "$router" addr add "${lan_prefix}.1/24" dev "kd${name}l0"
ip -n "$router" link set "kd${name}l0" up
ip -n "$lanns" addr add "${lan_prefix}.10/24" dev "kd${name}l1"
ip -n "$lanns" addr add "${lan_prefix}.20/24" dev "kd${name}l1"
ip -n "$lanns" link set "kd${name}l1" up
ip -n "$lanns" route add default via "${lan_prefix}.1"
ip netns exec "$router" sysctl -qw net.ipv4.ip_forward=1

if [ -n "${KS_NETMAP:-}" ]; then
    echo "Mapping virtual ${virtual} 1:1 onto the real LAN ${lan} with the router commands in ${KS_NETMAP}"
    ip netns exec "$router" sh -eu "$KS_NETMAP"
else
    echo "Mapping virtual ${virtual} 1:1 onto the real LAN ${lan} (NETMAP)"
    ip netns exec "$router" nft -f - <<NFT
table ip keyswitch_netmap {
    chain prerouting {
        type nat hook prerouting priority dstnat; policy accept;
        iifname "tun*" ip daddr ${virtual} dnat ip prefix to ip daddr map { ${virtual} : ${lan} }
    }
    chain postrouting {
        type nat hook postrouting priority srcnat; policy accept;
        oifname "tun*" ip saddr ${lan} snat ip prefix to ip saddr map { ${lan} : ${virtual} }
    }
}
NFT
fi

echo "Starting the stand-in components in ${lanns}"
ip netns exec "$lanns" python3 "$here/components.py" >"$run/components.log" 2>&1 &
echo "$!" > "$run/components.pid"

if [ "${KS_TUNNEL:-always}" = on-demand ]; then
    echo "The tunnel is on demand: report.sh ${name} … dials it when the portal's answer wants it"
else
    "$here/tunnel.sh" "$name" up
fi

echo "Reference device ${name} is up: log ${run}/openvpn.log; PLC ${lan_prefix}.10 = ${virtual%.0/24}.10, HMI ${lan_prefix}.20 = ${virtual%.0/24}.20"

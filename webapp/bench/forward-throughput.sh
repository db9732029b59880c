#!/usr/bin/env bash
# Technician connections (issue 11): what the set lookup of the appliance's forward path costs. iperf3 runs from a
# "technician" namespace through a "router" namespace to a "component" namespace; the router has the appliance's own
# forward ruleset (appliance/rootfs/etc/keyswitch/nftables-forward.nft) with the flow's rule in the sets, and then
# the same with 10,000 other rules (interval elements: tcp port ranges, as connections put them), against a router
# without any ruleset. veth pairs stand in for the OpenVPN tun interface (named ks1/ks2 so the ruleset's ks* rules
# apply; the pair is in same_interface as the helper puts ks<id> . ks<id>): this measures the lookup, not OpenVPN.
# Needs root, nft, iperf3. Usage: webapp/bench/forward-throughput.sh [runs] [seconds]   (defaults: 5 10)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
seconds=${2:-10}
for tool in nft iperf3 ip; do command -v "$tool" >/dev/null || { echo "missing: $tool (apt-get install -y nftables iperf3 iproute2)" >&2; exit 1; }; done
[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
tag=$$
tech=ksb-tech-$tag router=ksb-rtr-$tag comp=ksb-comp-$tag
cleanup() {
    if [ -n "${server:-}" ]; then kill "$server" 2>/dev/null || true; fi
    for ns in "$tech" "$router" "$comp"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "Making the namespaces: $tech (10.128.0.2) -- ks1 [$router] ks2 -- $comp (100.64.3.10)"
for ns in "$tech" "$router" "$comp"; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
ip link add vt netns "$tech" type veth peer name ks1 netns "$router"
ip link add vc netns "$comp" type veth peer name ks2 netns "$router"
ip -n "$tech" addr add 10.128.0.2/24 dev vt
ip -n "$router" addr add 10.128.0.1/24 dev ks1
ip -n "$router" addr add 100.64.3.1/24 dev ks2
ip -n "$comp" addr add 100.64.3.10/24 dev vc
for pair in "$tech vt" "$router ks1" "$router ks2" "$comp vc"; do read -r ns dev <<< "$pair"; ip -n "$ns" link set "$dev" up; done
ip -n "$tech" route add default via 10.128.0.1
ip -n "$comp" route add default via 100.64.3.1
ip netns exec "$router" sysctl -qw net.ipv4.conf.ks1.forwarding=1 net.ipv4.conf.ks2.forwarding=1
ip netns exec "$comp" iperf3 -s -D -p 5201 --pidfile "/tmp/ksb-iperf-$tag.pid" >/dev/null
sleep 1
server=$(cat "/tmp/ksb-iperf-$tag.pid")

once() { # once: one iperf3 run of $seconds, prints Gbit/s
    ip netns exec "$tech" iperf3 -c 100.64.3.10 -p 5201 -t "$seconds" -J \
        | /usr/bin/python3 -c 'import json,sys; print("%.2f" % (json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 1e9))'
}
no_ruleset() { ip netns exec "$router" nft delete table inet keyswitch_connections 2>/dev/null || true; }
ruleset_with_the_flow() { # the appliance's forward ruleset with the flow's rule only (as the helper writes it)
    no_ruleset
    ip netns exec "$router" nft -f appliance/rootfs/etc/keyswitch/nftables-forward.nft
    ip netns exec "$router" nft add element inet keyswitch_connections same_interface '{ "ks1" . "ks2", "ks2" . "ks1" }'
    ip netns exec "$router" nft add element inet keyswitch_connections out '{ "ks1" . 10.128.0.2 . 100.64.3.10 . tcp . 5201 }'
    ip netns exec "$router" nft add element inet keyswitch_connections back '{ "ks2" . 10.128.0.2 . 100.64.3.10 . tcp . 5201 }'
}
ten_thousand_more() { # 10,000 other rules (other technicians, components; a third of them port ranges)
    /usr/bin/python3 - "$router" <<'PY'
import json, subprocess, sys
elems = []
for i in range(10000):
    tech = "10.%d.%d.%d" % (129 + i // 60000, (i // 250) % 240, i % 250 + 2)
    comp = "100.%d.%d.%d" % (65 + i // 60000, (i // 200) % 250, i % 200 + 10)
    port = {"range": [8000 + i % 50, 8010 + i % 50]} if i % 3 == 0 else 102 + i % 7
    elems.append({"concat": ["ks%d" % (i % 100 + 3), tech, comp, "tcp", port]})
singles = [e for e in elems if not isinstance(e["concat"][4], dict)]
ranges = [e for e in elems if isinstance(e["concat"][4], dict)]
cmd = {"nftables": [{"add": {"element": {"family": "inet", "table": "keyswitch_connections", "name": name, "elem": group}}}
                    for name, group in (("out", singles), ("back", singles), ("out_ranges", ranges), ("back_ranges", ranges))]}
subprocess.run(["ip", "netns", "exec", sys.argv[1], "nft", "-j", "-f", "-"], input=json.dumps(cmd).encode(), check=True)
PY
}
count() { ip netns exec "$router" nft -j list set inet keyswitch_connections "$1" \
    | /usr/bin/python3 -c 'import json,sys; print(sum(len(i["set"].get("elem", [])) for i in json.load(sys.stdin)["nftables"] if "set" in i))'; }

# The three conditions take turns, $runs rounds, so that whatever else the machine does weighs on each alike.
none=() one=() many=()
for round in $(seq "$runs"); do
    no_ruleset;            none+=("$(once)")
    ruleset_with_the_flow; one+=("$(once)")
    ten_thousand_more;     many+=("$(once)")
    echo "round $round: no ruleset ${none[-1]}, the flow's rule ${one[-1]}, +10,000 rules ${many[-1]} Gbit/s (load $(cut -d' ' -f1 /proc/loadavg))"
done
echo "elements in the last round: out $(count out) + out_ranges $(count out_ranges), back $(count back) + back_ranges $(count back_ranges)"
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
m0=$(median "${none[@]}") m1=$(median "${one[@]}") m2=$(median "${many[@]}")
echo "RESULT no forward ruleset (plain kernel forwarding): median $m0 Gbit/s (${none[*]})"
echo "RESULT the forward ruleset with the flow's rule: median $m1 Gbit/s (${one[*]})"
echo "RESULT the forward ruleset with 10,001 rules: median $m2 Gbit/s (${many[*]})"
awk -v a="$m1" -v b="$m2" -v c="$m0" 'BEGIN { printf "RESULT the 10,000 rules cost %.1f %% of the throughput with one rule; the ruleset itself %.1f %% of plain forwarding\n", (1 - b / a) * 100, (1 - a / c) * 100 }'

#!/usr/bin/python3
"""How much of a connection flood the appliance's firewall lets through to port 443 (issue 12, Medium 8).

Run as root by webapp/bench/connection-flood.sh: makes two network namespaces joined by a veth pair,
loads the appliance's /etc/nftables.conf (appliance/rootfs/etc/nftables.conf) into the "appliance"
one, listens on 443 there (accepting and closing, as a stand-in for the portal's listener), and opens
TCP connections from the "attacker" one at each given rate for DURATION seconds. Prints how many
connections per second reached the listener and what nftables' counters dropped or refused. Only the
namespaces this script made are touched; they are deleted at the end.

Usage: connection-flood-nft.py NFTABLES_CONF DURATION RATE...
"""
import os
import selectors
import socket
import subprocess
import sys
import time

TAG = "ksf%d" % os.getpid()
APPLIANCE, ATTACKER = TAG + "a", TAG + "c"
SERVER_IP, CLIENT_IP = "10.203.0.1", "10.203.0.2"


def run(*command, check=True):
    return subprocess.run(command, check=check, capture_output=True, text=True).stdout


def in_ns(ns, *command):
    return ["ip", "netns", "exec", ns, *command]


def setup(conf):
    run("ip", "netns", "add", APPLIANCE)
    run("ip", "netns", "add", ATTACKER)
    run("ip", "link", "add", TAG + "x", "netns", APPLIANCE, "type", "veth", "peer", "name", TAG + "y", "netns", ATTACKER)
    for ns, dev, ip in ((APPLIANCE, TAG + "x", SERVER_IP), (ATTACKER, TAG + "y", CLIENT_IP)):
        run(*in_ns(ns, "ip", "addr", "add", ip + "/24", "dev", dev))
        run(*in_ns(ns, "ip", "link", "set", dev, "up"))
        run(*in_ns(ns, "ip", "link", "set", "lo", "up"))
    run(*in_ns(APPLIANCE, "nft", "-I", os.path.dirname(os.path.abspath(conf)), "-f", conf))  # its include: keyswitch/…


def teardown():
    run("ip", "netns", "del", APPLIANCE, check=False)
    run("ip", "netns", "del", ATTACKER, check=False)


LISTENER = r"""
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 443)); s.listen(4096)
print("listening", flush=True)
n = 0
while True:
    c, _ = s.accept(); n += 1; c.close()
    if n % 50 == 0: print(n, flush=True)
"""

FLOOD = r"""
import selectors, socket, sys, time
target, rate, duration = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
sel = selectors.DefaultSelector(); pending = {}; connected = dropped = refused = 0
start = time.monotonic(); sent = 0
while True:
    now = time.monotonic()
    while sent < rate * min(now - start, duration):
        s = socket.socket(); s.setblocking(False); s.connect_ex((target, 443))
        sel.register(s, selectors.EVENT_WRITE); pending[s] = now; sent += 1
    for key, _ in sel.select(timeout=0.005):
        s = key.fileobj; sel.unregister(s); del pending[s]
        if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0: connected += 1
        else: refused += 1
        s.close()
    for s, t in list(pending.items()):
        if now - t > 1.0:  # no answer to the SYN within a second: dropped
            sel.unregister(s); del pending[s]; s.close(); dropped += 1
    if now - start > duration + 1.5 and not pending: break
print(sent, connected, refused, dropped)
"""


def flood(rate, duration):
    listener = subprocess.Popen(in_ns(APPLIANCE, sys.executable, "-c", LISTENER, SERVER_IP), stdout=subprocess.PIPE, text=True)
    listener.stdout.readline()
    run(*in_ns(APPLIANCE, "nft", "reset", "counters", "table", "inet", "keyswitch"))
    out = run(*in_ns(ATTACKER, sys.executable, "-c", FLOOD, SERVER_IP, str(rate), str(duration))).split()
    sent, connected, refused, dropped = (int(x) for x in out)
    rules = run(*in_ns(APPLIANCE, "nft", "list", "chain", "inet", "keyswitch", "input"))
    listener.kill()
    counted = {}
    for line in rules.splitlines():
        if "counter packets" in line and "comment" in line:
            packets = int(line.split("counter packets ")[1].split()[0])
            counted[line.split('comment "')[1].rstrip('"')] = packets
    print("| %.0f/s for %.0f s | %d | %d (%.1f/s) | %d | %d | %s |" % (
        rate, duration, sent, connected, connected / duration, refused, dropped,
        "; ".join("%s: %d SYNs" % (k.replace("portal: ", ""), v) for k, v in counted.items())))


def main():
    conf, duration, rates = sys.argv[1], float(sys.argv[2]), [float(r) for r in sys.argv[3:]]
    try:
        setup(conf)
        print("| offered (one address) | connections tried | reached the listener | refused (RST) | dropped (no answer in 1 s)"
              " | nftables counters |")
        print("| --- | --- | --- | --- | --- | --- |")
        for rate in rates:
            flood(rate, duration)
            time.sleep(2)
    finally:
        teardown()


if __name__ == "__main__":
    main()

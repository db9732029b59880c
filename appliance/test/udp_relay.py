#!/usr/bin/env python3
"""Relays UDP between a reference device's router namespace and QEMU's forward on the host's loopback:

  udp_relay.py LISTEN_ADDRESS LISTEN_PORT TARGET_PORT

listens on LISTEN_ADDRESS (the host end of the router's WAN cable, a link the test made) and sends each peer's
datagrams to 127.0.0.1:TARGET_PORT from a socket of its own, and the answers back. A router namespace cannot
reach the host's 127.0.0.1 itself. Standard library only; runs until killed."""
import select
import socket
import sys


def main():
    listen = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    listen.bind((sys.argv[1], int(sys.argv[2])))
    target = ("127.0.0.1", int(sys.argv[3]))
    peers = {}    # peer address -> its socket towards the target
    owners = {}   # that socket -> the peer address
    while True:
        ready, _, _ = select.select([listen] + list(owners), [], [])
        for s in ready:
            data, source = s.recvfrom(65535)
            if s is listen:
                out = peers.get(source)
                if out is None:
                    out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                    out.connect(target)
                    peers[source] = out
                    owners[out] = source
                out.send(data)
            else:
                listen.sendto(data, owners[s])


if __name__ == "__main__":
    main()

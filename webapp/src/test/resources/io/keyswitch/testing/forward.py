#!/usr/bin/env python3
"""Forwards TCP connections accepted in one network namespace to an address of this process's own namespace, for the
system tier: the portal listens on 127.0.0.1 of the host only, and the reference devices' routers reach it as the
appliance's public port (and through their tunnels) on every address of the lab's appliance namespace.
Usage: forward.py NAMESPACE PORT TARGET_HOST TARGET_PORT
The listening socket is made inside NAMESPACE (setns on this thread, then back); everything else stays in the
namespace the process started in. Standard library only (ctypes for setns, which Python 3.11's os lacks)."""
import ctypes
import os
import socket
import sys
import threading

CLONE_NEWNET = 0x40000000
LIBC = ctypes.CDLL(None, use_errno=True)


def enter(fd):
    if LIBC.setns(fd, CLONE_NEWNET) != 0:
        raise OSError(ctypes.get_errno(), "setns")


def pump(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def main():
    namespace, port, target_host, target_port = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    home = os.open("/proc/self/ns/net", os.O_RDONLY)
    lab = os.open("/run/netns/" + namespace, os.O_RDONLY)
    enter(lab)
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("0.0.0.0", port))
    server.listen(64)
    enter(home)
    print("forwarding %s:%d to %s:%d" % (namespace, port, target_host, target_port), flush=True)
    while True:
        client, _ = server.accept()
        try:
            upstream = socket.create_connection((target_host, target_port), timeout=10)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())

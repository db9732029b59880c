#!/usr/bin/env python3
"""Stand-in components on a reference device's LAN, on every address of the LAN namespace (the PLC at .10, the HMI
at .20): TCP 102 (S7) answers a banner and then echoes what it gets until the client goes (a session that can be
watched carrying data), TCP 502 (Modbus) answers a banner, TCP 80 serves an HTML page (an HMI), UDP 47808 (BACnet)
echoes each datagram. Standard library only. No name lookups (a LAN namespace has no DNS; http.server's host-name
lookup would stall it)."""
import socket
import sys
import threading

PAGE = (b"<!doctype html><title>Keyswitch reference HMI</title>"
        b"<h1>Keyswitch reference device</h1><p>This page is served by a stand-in HMI on the machine LAN.</p>")


def serve(port, answer):
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("0.0.0.0", port))
    server.listen(16)
    while True:
        connection, _ = server.accept()
        threading.Thread(target=answer, args=(connection,), daemon=True).start()


def banner(name):
    def answer(connection):
        with connection:
            connection.sendall(("keyswitch reference " + name + "\n").encode())
    return answer


def banner_then_echo(name):
    def answer(connection):
        with connection:
            connection.sendall(("keyswitch reference " + name + "\n").encode())
            connection.settimeout(300)
            try:
                while data := connection.recv(4096):
                    connection.sendall(data)
            except OSError:
                return
    return answer


def http(connection):
    with connection:
        connection.settimeout(5)
        try:
            connection.recv(4096)
        except OSError:
            return
        connection.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: "
                           + str(len(PAGE)).encode() + b"\r\n\r\n" + PAGE)


def udp_echo(port):
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("0.0.0.0", port))
    while True:
        data, peer = server.recvfrom(2048)
        server.sendto(data, peer)


def main():
    services = {102: banner_then_echo("s7 102"), 502: banner("modbus 502"), 80: http}
    for port, answer in services.items():
        threading.Thread(target=serve, args=(port, answer), daemon=True).start()
    threading.Thread(target=udp_echo, args=(47808,), daemon=True).start()
    print("components listening on tcp 102, 502, 80 and udp 47808", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())

"""What a technician's laptop tries through its tunnel, for the system tests (run in its namespace, as root):
  tcp HOST PORT       connect (2 s), print the first line the server sends; exit 1 when nothing answers
  http HOST PORT      GET / over TCP, print the status line
  udp HOST PORT       send a datagram, print the echo (2 s); exit 1 when none comes
  icmp HOST           one echo request (raw socket), print "reply"; exit 1 when none comes (2 s)
  stream HOST PORT S  a TCP session: after the banner, send a line every 50 ms for S seconds and print, per line,
                      the wall-clock time (ms since the epoch) at which its echo came back ("echo <ms>"); ends early
                      ("stalled <ms>") when no echo came for 1.5 s
Standard library only."""
import os
import select
import socket
import struct
import sys
import time


def tcp(host, port):
    with socket.create_connection((host, int(port)), 2) as s:
        s.settimeout(2)
        print(s.makefile().readline().strip())


def http(host, port):
    with socket.create_connection((host, int(port)), 2) as s:
        s.settimeout(2)
        s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        print(s.makefile().readline().strip())


def udp(host, port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(2)
        s.sendto(b"keyswitch probe", (host, int(port)))
        data, _ = s.recvfrom(2048)
        print(data.decode())


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def icmp(host):
    ident = os.getpid() & 0xFFFF
    header = struct.pack("!BBHHH", 8, 0, 0, ident, 1)
    payload = b"keyswitch"
    packet = struct.pack("!BBHHH", 8, 0, checksum(header + payload), ident, 1) + payload
    with socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP) as s:
        s.sendto(packet, (host, 0))
        end = time.time() + 2
        while time.time() < end:
            ready, _, _ = select.select([s], [], [], max(0, end - time.time()))
            if not ready:
                break
            data, peer = s.recvfrom(2048)
            kind, _, _, reply_ident, _ = struct.unpack("!BBHHH", data[20:28])
            if peer[0] == host and kind == 0 and reply_ident == ident:
                print("reply")
                return
    sys.exit(1)


def stream(host, port, seconds):
    start = time.monotonic()

    def now():
        return int(time.time() * 1000)

    with socket.create_connection((host, int(port)), 2) as s:
        reader = s.makefile("rb")
        s.settimeout(1.5)
        print("banner " + reader.readline().decode().strip(), flush=True)
        n = 0
        while time.monotonic() - start < float(seconds):
            n += 1
            s.sendall(b"%d\n" % n)
            try:
                line = reader.readline()
            except socket.timeout:
                print("stalled %d" % now(), flush=True)
                return
            if not line:
                print("closed %d" % now(), flush=True)
                return
            print("echo %d" % now(), flush=True)
            time.sleep(0.05)


if __name__ == "__main__":
    try:
        {"tcp": tcp, "http": http, "udp": udp, "icmp": icmp, "stream": stream}[sys.argv[1]](*sys.argv[2:])
    except (OSError, socket.timeout) as e:
        print("failed: " + str(e))
        sys.exit(1)

"""Unit tests of keyswitch-firewall's request grammar (no kernel needed; the system tier drives the real one).

Run: /usr/bin/python3 -m unittest discover -s appliance/test/firewall -v
"""
import importlib.machinery
import importlib.util
import os
import pathlib
import socket
import threading
import unittest

HELPER = pathlib.Path(__file__).resolve().parents[2] / "rootfs/usr/local/libexec/keyswitch/keyswitch-firewall"
_loader = importlib.machinery.SourceFileLoader("keyswitch_firewall", str(HELPER))
_spec = importlib.util.spec_from_loader("keyswitch_firewall", _loader)
fw = importlib.util.module_from_spec(_spec)
_loader.exec_module(fw)


class Grammar(unittest.TestCase):
    """What the helper accepts is exactly the grammar; everything else is refused before anything runs."""

    def test_add_parses_every_target_kind(self):
        command, rules = fw.parse("ADD ks12 10.128.0.6 100.64.3.10/tcp/102 100.64.3.20/tcp/8000-8010 "
                                  "100.64.3.20/udp/47808 100.64.3.10/icmp")
        self.assertEqual("ADD", command)
        self.assertEqual(["100.64.3.10/tcp/102", "100.64.3.20/tcp/8000-8010", "100.64.3.20/udp/47808",
                          "100.64.3.10/icmp"], [r.target() for r in rules])
        self.assertEqual({"concat": ["ks12", "10.128.0.6", "100.64.3.20", "tcp", {"range": [8000, 8010]}]},
                         rules[1].key())
        self.assertEqual({"concat": ["ks12", "10.128.0.6", "100.64.3.10"]}, rules[3].key())
        self.assertEqual('"ks12" . 10.128.0.6 . 100.64.3.20 . tcp . 8000-8010', rules[1].text())

    def test_the_same_rule_twice_is_one_rule(self):
        _, rules = fw.parse("DEL ks1 10.128.0.6 100.64.3.10/tcp/102 100.64.3.10/tcp/102")
        self.assertEqual(1, len(rules))

    def test_refuses_what_is_outside_the_grammar(self):
        refused = {
            "": "unknown request",
            "DROP TABLE": "unknown request",
            "add ks1 10.128.0.6 100.64.3.10/tcp/102": "unknown request",
            "PING now": "takes no arguments",
            "ADD ks1 10.128.0.6": "<dev> <technician> <target>",
            "ADD eth0 10.128.0.6 100.64.3.10/tcp/102": "dev is ks<digits>",
            "ADD ks12345678901234 10.128.0.6 100.64.3.10/tcp/102": "dev is ks<digits>",
            "ADD ks1 10.128.0.256 100.64.3.10/tcp/102": "not an IPv4 address",
            "ADD ks1 127.0.0.1 100.64.3.10/tcp/102": "not a unicast address",
            "ADD ks1 10.128.0.6 224.0.0.1/udp/5353": "not a unicast address",
            "ADD ks1 10.128.0.6 0.0.0.0/tcp/1": "not a unicast address",
            "ADD ks1 10.128.0.6 100.64.3.10/tcp/0": "ports are 1 to 65535",
            "ADD ks1 10.128.0.6 100.64.3.10/tcp/65536": "ports are 1 to 65535",
            "ADD ks1 10.128.0.6 100.64.3.10/tcp/90-80": "from the lower port",
            "ADD ks1 10.128.0.6 100.64.3.10/tcp": "tcp needs a port",
            "ADD ks1 10.128.0.6 100.64.3.10/icmp/8": "icmp has no ports",
            "ADD ks1 10.128.0.6 100.64.3.10/sctp/1": "a target is",
            "ADD ks1 10.128.0.6 100.64.3.10/tcp/102;flush": "a target is",
            "ADD ks1  10.128.0.6 100.64.3.10/tcp/102": "not an IPv4 address",
        }
        for line, reason in refused.items():
            with self.subTest(line=line):
                with self.assertRaises(fw.Refused) as refusal:
                    fw.parse(line)
                self.assertIn(reason, str(refusal.exception))

    def test_refuses_too_many_targets(self):
        line = "ADD ks1 10.128.0.6 " + " ".join(f"100.64.{i // 250}.{i % 250 + 1}/tcp/102" for i in range(fw.MAX_RULES + 1))
        with self.assertRaises(fw.Refused):
            fw.parse(line)


class Recording:
    """Stands in for the kernel in the framing test only: remembers what it was asked."""

    def __init__(self):
        self.added = []

    def add(self, rules):
        self.added += [r.target() for r in rules]
        return len(rules)


class Framing(unittest.TestCase):
    """One line, one answer; a peer that is not allowed, an overlong or non-ASCII line is refused and logged."""

    def exchange(self, raw, uid_allowed=True):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        kernel = Recording()
        allowed = {os.getuid()} if uid_allowed else {os.getuid() + 1}
        t = threading.Thread(target=fw.serve_peer, args=(kernel, theirs, allowed))
        t.start()
        try:
            ours.sendall(raw)
            ours.shutdown(socket.SHUT_WR)
        except BrokenPipeError:
            pass  # the helper hung up first (a peer that is not allowed)
        answer = b""
        try:
            while chunk := ours.recv(65536):
                answer += chunk
        except ConnectionResetError:
            pass  # the helper hung up without reading what was sent
        t.join(5)
        ours.close()
        return answer.decode("ascii", "replace"), kernel

    def test_a_request_gets_its_answer(self):
        answer, kernel = self.exchange(b"ADD ks1 10.128.0.6 100.64.3.10/tcp/102\nPING\n")
        self.assertEqual("OK 1\nOK keyswitch-firewall 1\n", answer)
        self.assertEqual(["100.64.3.10/tcp/102"], kernel.added)

    def test_refusals_are_answered_and_change_nothing(self):
        answer, kernel = self.exchange("ADD ks1 10.128.0.6 100.64.3.10/tcp/102\u00e9\n".encode("utf-8"))
        self.assertEqual("ERR only printable ASCII\n", answer)
        answer, kernel = self.exchange(b"A" * (fw.MAX_LINE + 10) + b"\n")
        self.assertEqual("ERR request too long\n", answer)
        self.assertEqual([], kernel.added)

    def test_a_peer_that_is_not_allowed_gets_nothing(self):
        answer, kernel = self.exchange(b"ADD ks1 10.128.0.6 100.64.3.10/tcp/102\n", uid_allowed=False)
        self.assertEqual("", answer)
        self.assertEqual([], kernel.added)


if __name__ == "__main__":
    unittest.main()

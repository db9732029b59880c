#!/usr/bin/env python3
"""Talks to the QEMU guest agent in the appliance under test (a unix socket on the host).

The appliance test's channel into the guest: SSH is off by default and root has no password,
so the test runs its checks through qemu-guest-agent's guest-exec. The agent starts only when
QEMU gives the VM its virtio-serial port, which ESXi never does.

  qga.py SOCKET ping                      wait until the agent answers (up to --timeout)
  qga.py SOCKET exec [--stdin F] -- CMD... run CMD, print its stdout/stderr, exit with its code
  qga.py SOCKET shutdown                  power the guest off
"""
import argparse
import base64
import json
import random
import socket
import sys
import time


class Agent:
    def __init__(self, path, timeout):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""

    def _read_reply(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise ConnectionError("guest agent closed the connection")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line.lstrip(b"\xff"))

    def sync(self):
        token = random.randint(1, 2**31 - 1)
        # 0xFF makes the agent drop any half-read command; then guest-sync-delimited.
        self.sock.sendall(b"\xff" + json.dumps({"execute": "guest-sync-delimited", "arguments": {"id": token}}).encode())
        while True:
            reply = self._read_reply()
            if reply.get("return") == token:
                return

    def call(self, command, arguments=None):
        msg = {"execute": command}
        if arguments is not None:
            msg["arguments"] = arguments
        self.sock.sendall(json.dumps(msg).encode())
        if command == "guest-shutdown":
            return None
        reply = self._read_reply()
        if "error" in reply:
            raise RuntimeError(f"{command}: {reply['error']}")
        return reply.get("return")


def connect(path, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            agent = Agent(path, 30)
            agent.sync()
            agent.call("guest-ping")
            return agent
        except (OSError, ConnectionError, json.JSONDecodeError):
            if time.monotonic() > deadline:
                raise
            time.sleep(3)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("socket")
    p.add_argument("action", choices=["ping", "exec", "shutdown"])
    p.add_argument("--timeout", type=float, default=60)
    p.add_argument("--stdin")
    argv = sys.argv[1:]
    cmd = argv[argv.index("--") + 1:] if "--" in argv else []
    a = p.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    agent = connect(a.socket, a.timeout)
    if a.action == "ping":
        print("guest agent answers")
        return 0
    if a.action == "shutdown":
        agent.call("guest-shutdown", {"mode": "powerdown"})
        return 0
    if not cmd:
        p.error("exec needs a command after --")
    args = {"path": cmd[0], "arg": cmd[1:], "capture-output": True}
    if a.stdin:
        with open(a.stdin, "rb") as f:
            args["input-data"] = base64.b64encode(f.read()).decode()
    pid = agent.call("guest-exec", args)["pid"]
    deadline = time.monotonic() + a.timeout
    while True:
        status = agent.call("guest-exec-status", {"pid": pid})
        if status.get("exited"):
            break
        if time.monotonic() > deadline:
            print(f"qga: {cmd[0]} still running after {a.timeout} s", file=sys.stderr)
            return 124
        time.sleep(1)
    sys.stdout.write(base64.b64decode(status.get("out-data", "")).decode(errors="replace"))
    sys.stderr.write(base64.b64decode(status.get("err-data", "")).decode(errors="replace"))
    if status.get("out-truncated") or status.get("err-truncated"):
        print("qga: output truncated by the guest agent", file=sys.stderr)
    return status.get("exitcode", 1 if status.get("signal") else 0)


if __name__ == "__main__":
    sys.exit(main())

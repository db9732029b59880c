#!/usr/bin/python3
"""Keyswitch's start page: what 443 and 80 answer while the portal is not ready yet.

keyswitch-start-page.service runs it from boot (and again whenever the portal stops) until the portal
answers; meanwhile nftables redirects new connections to 443 and 80 here (start-page.nft). HTTPS answers
every request with 503 and a neutral "Keyswitch is starting" page that reloads itself; HTTP redirects to
HTTPS as the portal does. Nothing names the server's make or version: no Server header, no framework
error page. Requests are not logged (a flood must not fill the journal).

  start-page.py --cert FILE --key FILE [--bind ADDRESS] [--https-port N] [--http-port N]

Tells systemd READY=1 once both ports listen (Type=notify), so the redirect is put in place only then.
"""
import argparse
import http.server
import os
import re
import socket
import socketserver
import ssl
import sys
import threading

PAGE = b"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="10">
<title>Keyswitch is starting</title>
<style>
body { font-family: sans-serif; background: #f4f6f8; color: #1f2933; display: flex; align-items: center;
       justify-content: center; min-height: 100vh; margin: 0; }
main { background: #fff; padding: 2rem 2.5rem; border-radius: 8px; box-shadow: 0 2px 12px rgba(0,0,0,.08); max-width: 32rem; }
h1 { color: #1e3a5f; margin-top: 0; }
</style>
</head>
<body>
<main>
<h1>Keyswitch is starting</h1>
<p>The portal is starting. This page reloads itself every 10 seconds and shows the portal as soon as it is ready.</p>
</main>
</body>
</html>
"""
ERROR_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Keyswitch</title></head>
<body><p>%(code)d %(message)s</p></body></html>
"""
# A Host header worth repeating in a Location header: a name or an IPv4/IPv6 address, and a port.
HOST = re.compile(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(:[0-9]{1,5})?$")
HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"),
)


class Handler(http.server.BaseHTTPRequestHandler):
    """The parts both ports share: no Server header, neutral errors, no request log."""

    protocol_version = "HTTP/1.1"
    error_message_format = ERROR_PAGE
    error_content_type = "text/html; charset=utf-8"
    timeout = 15  # seconds a client may take to send its request

    def send_response(self, code, message=None):
        # BaseHTTPRequestHandler would add "Server: BaseHTTP/0.6 Python/3.x".
        self.send_response_only(code, message)
        self.send_header("Date", self.date_time_string())

    def send_error(self, code, message=None, explain=None):
        # The standard phrase only: the base class would repeat parts of the request in the answer.
        super().send_error(code, None, None)

    def log_message(self, format, *args):  # noqa: A002 (the base class's name)
        pass

    def answer(self):
        raise NotImplementedError

    def do_GET(self):
        self.answer()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_OPTIONS = do_PATCH = do_GET


class StartingPage(Handler):
    """HTTPS: 503, the start page, Retry-After."""

    def answer(self):
        self.close_connection = True
        self.send_response(503, "Service Unavailable")
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(PAGE)))
        self.send_header("Retry-After", "10")
        self.send_header("Strict-Transport-Security", "max-age=31536000")
        for name, value in HEADERS:
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(PAGE)


class RedirectToHttps(Handler):
    """HTTP: 301 to the same path over HTTPS (port 443), as the portal does."""

    def answer(self):
        self.close_connection = True
        host = (self.headers.get("Host") or "").strip()
        match = HOST.match(host)
        name = match.group(1) if match else self.connection.getsockname()[0]
        path = self.path if self.path.startswith("/") else "/"
        path = re.sub(r"[\x00-\x20\x7f]", "", path)
        self.send_response(301, "Moved Permanently")
        self.send_header("Location", "https://" + name + path)
        self.send_header("Content-Length", "0")
        for name_, value in HEADERS:
            self.send_header(name_, value)
        self.send_header("Connection", "close")
        self.end_headers()


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, address, handler, context=None):
        self.context = context
        super().__init__(address, handler)

    def finish_request(self, request, client_address):
        # The TLS handshake runs in the connection's own thread, never in the accepting one.
        if self.context is not None:
            request.settimeout(Handler.timeout)
            try:
                request = self.context.wrap_socket(request, server_side=True)
            except (OSError, ssl.SSLError):
                request.close()
                return
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        pass  # a client that hung up is no news


def notify_ready():
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return
    if address.startswith("@"):
        address = "\0" + address[1:]
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
        s.connect(address)
        s.sendall(b"READY=1")


def main():
    p = argparse.ArgumentParser(description="Keyswitch's start page")
    p.add_argument("--cert", required=True, help="PEM: the server certificate, then its chain")
    p.add_argument("--key", required=True, help="PEM: its private key")
    p.add_argument("--bind", default="0.0.0.0")
    p.add_argument("--https-port", type=int, default=8443)
    p.add_argument("--http-port", type=int, default=8080)
    a = p.parse_args()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(a.cert, a.key)
    servers = [Server((a.bind, a.https_port), StartingPage, context), Server((a.bind, a.http_port), RedirectToHttps)]
    for s in servers:
        threading.Thread(target=s.serve_forever, daemon=True).start()
    print("start page: HTTPS %s:%d (503, Keyswitch is starting), HTTP %s:%d (301 to HTTPS)"
          % (a.bind, a.https_port, a.bind, a.http_port), flush=True)
    notify_ready()
    threading.Event().wait()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)

#!/bin/sh -eu
# Test of the appliance's start page (appliance/rootfs/usr/local/lib/keyswitch/start-page.py), run on
# the build host with Debian's python3, openssl and curl: started on two free ports of 127.0.0.1 with
# a throwaway certificate, as keyswitch-start-page.service starts it. HTTPS answers 503 "Keyswitch is
# starting" with the certificate it was given; HTTP redirects to HTTPS; no answer names the server.
# The appliance test checks the same in the booted appliance during its start (step 5).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/assert.sh"
tmp=$(mktemp -d)
pid=
cleanup() {
    [ -z "$pid" ] || kill "$pid" 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$tmp/key.pem" -out "$tmp/cert.pem" \
    -days 1 -subj "/CN=keyswitch" -addext "subjectAltName=DNS:keyswitch,IP:127.0.0.1" 2>/dev/null
https=$(free_port)
http=$(free_port)
# A stand-in for systemd's notify socket: the page must say READY=1 once it listens.
/usr/bin/python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); s.settimeout(30)
open(sys.argv[2], "wb").write(s.recv(64))' "$tmp/notify" "$tmp/notified" &
listener=$!
sleep 0.5
NOTIFY_SOCKET=$tmp/notify /usr/bin/python3 -I "$here/../rootfs/usr/local/lib/keyswitch/start-page.py" --cert "$tmp/cert.pem" \
    --key "$tmp/key.pem" --bind 127.0.0.1 --https-port "$https" --http-port "$http" > "$tmp/out.txt" 2>&1 &
pid=$!
wait "$listener" || true
check "it tells systemd READY=1 once it listens" grep -qx 'READY=1' "$tmp/notified"

code=$(curl -sk --max-time 10 -D "$tmp/h" -o "$tmp/b" -w '%{http_code}' "https://127.0.0.1:$https/login.xhtml" || true)
check "HTTPS answers 503 (got $code)" test "$code" = 503
check "HTTPS: the page is 'Keyswitch is starting'" grep -q '<title>Keyswitch is starting</title>' "$tmp/b"
check "HTTPS: the page reloads itself" grep -q 'http-equiv="refresh"' "$tmp/b"
check "HTTPS: Retry-After" grep -qi '^Retry-After: 10' "$tmp/h"
check "HTTPS: no Server header" sh -c "! grep -qi '^server:' '$tmp/h'"
check "HTTPS: nosniff, DENY, no-store, a CSP" sh -c "grep -qi '^X-Content-Type-Options: nosniff' '$tmp/h' && grep -qi '^X-Frame-Options: DENY' '$tmp/h' \
    && grep -qi '^Cache-Control: no-store' '$tmp/h' && grep -qi \"^Content-Security-Policy: default-src 'none'\" '$tmp/h'"
served=$(echo | openssl s_client -connect "127.0.0.1:$https" 2>/dev/null | openssl x509 -noout -fingerprint -sha256 2>/dev/null || true)
check "HTTPS: the certificate it was given" test "$served" = "$(openssl x509 -in "$tmp/cert.pem" -noout -fingerprint -sha256)"
check "HTTPS: TLS 1.1 is refused" sh -c "! curl -sk --max-time 10 --tls-max 1.1 -o /dev/null 'https://127.0.0.1:$https/'"
code=$(curl -sk --max-time 10 -I -o /dev/null -w '%{http_code}' "https://127.0.0.1:$https/" || true)
check "HTTPS: HEAD answers 503 too (got $code)" test "$code" = 503
code=$(curl -sk --max-time 10 -X POST --data x=1 -o "$tmp/b" -w '%{http_code}' "https://127.0.0.1:$https/setup.xhtml" || true)
check "HTTPS: a POST (a form sent while it starts) gets the page too (got $code)" sh -c "test '$code' = 503 && grep -q 'Keyswitch is starting' '$tmp/b'"

redirect=$(curl -s --max-time 10 -D "$tmp/h" -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http/login.xhtml?x=1" || true)
check "HTTP redirects to the same path over HTTPS on 443 (got $redirect)" test "$redirect" = "301 https://127.0.0.1/login.xhtml?x=1"
redirect=$(curl -s --max-time 10 -H 'Host: remote.example.com:8080' -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$http/" || true)
check "HTTP: the redirect keeps the host name, not its port (got $redirect)" test "$redirect" = "https://remote.example.com/"
redirect=$(curl -s --max-time 10 -H 'Host: evil.example.com/x' -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$http/" || true)
check "HTTP: a Host header that is no host name is not repeated (got $redirect)" test "$redirect" = "https://127.0.0.1/"
check "HTTP: no Server header" sh -c "! grep -qi '^server:' '$tmp/h'"

# Odd requests: a neutral answer or none, never the make of the server (Python's BaseHTTP names itself).
/usr/bin/python3 - "$http" "$https" > "$tmp/odd.txt" <<'EOF'
import socket, ssl, sys
http, https = int(sys.argv[1]), int(sys.argv[2])
context = ssl.create_default_context()
context.check_hostname = False
context.verify_mode = ssl.CERT_NONE
for port, tls in ((http, False), (https, True)):
    for request in (b"F@@ / HTTP/1.1\r\nHost: x\r\n\r\n", b"GARBAGE\r\n\r\n", b"TRACE / HTTP/1.1\r\nHost: x\r\n\r\n",
                    b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n"):
        s = socket.create_connection(("127.0.0.1", port), timeout=10)
        if tls:
            s = context.wrap_socket(s)
        try:
            s.sendall(request)
            answer = b""
            while len(answer) < 100000:
                chunk = s.recv(65536)
                if not chunk:
                    break
                answer += chunk
        except OSError:
            answer = b"(connection closed)"
        print(port, request[:12], answer[:400])
EOF
check "odd requests got answers (5 per port)" test "$(grep -c . "$tmp/odd.txt")" = 10
check "no answer names Python, BaseHTTP or a version" sh -c "! grep -qiE 'python|basehttp|server:' '$tmp/odd.txt'"
check "an unknown method: 501 Not Implemented, the request not repeated" sh -c "grep -q \"b'HTTP/1.1 501 Not Implemented\" '$tmp/odd.txt' \
    && ! grep -q 'Unsupported method' '$tmp/odd.txt'"
check "nothing logged per request" test "$(grep -c . "$tmp/out.txt")" = 1
finish

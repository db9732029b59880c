#!/usr/bin/env bash
# The appliance test tier: cheap checks, the build, then the OVA as ESXi would get it, booted
# in QEMU (TCG) and probed from the host (HTTPS) and from inside (guest agent).
#
# Usage: appliance/test/appliance-test.sh [--ova FILE.ova] [--cheap-only | --no-cheap]
#   --ova FILE     test this OVA instead of building one with packer/build.sh
#   --cheap-only   only step 1, the cheap checks (.ci/cheap-checks: shellcheck, Java format, packer validate,
#                  OVF schema, the host-side tests, control/test pairs); no build, no boot
#   --no-cheap     leave step 1 out (.ci/test has run the cheap checks first)
# Environment:
#   CI=true                         a missing tool is a failure (else: the test says SKIPPED, exits 0)
#   KEYSWITCH_ALLOW_NO_SETUP_CODE=1 a portal that issues no setup code (a stand-in WAR) skips the
#                                   setup-code, login and HTTP-redirect checks instead of failing them
#   KEYSWITCH_TEST_TIMEOUT          seconds to wait for the portal after power-on (default 1800)
#   KEYSWITCH_QEMU_ACCEL            QEMU's -accel for the boot (default tcg,thread=single: multi-threaded
#                                   TCG killed the portal's JVM 1-3 times per boot, see docs/develop/benchmarks.md)
#   KEYSWITCH_TEST_ARTIFACTS        where the run's artifacts go (default target/appliance-test/<UTC time>):
#                                   every hs_err file of the guest, the serial console, the portal's journal
# Needs root (loop devices), what .ci/cheap-checks needs, and: packer xmllint qemu-system-x86_64 qemu-img curl
# python3 python3-vmdkstream mmdebstrap parted partx losetup; for the VPN step (step 8) also
# openvpn, ip and /dev/net/tun (missing: skipped, or under CI=true failed); exits non-zero on any
# failure. The VPN step runs a real OpenVPN client on this host as a device would (root, a tun
# device with the tunnel address the appliance gives it); its traffic goes only to QEMU's UDP
# forward on 127.0.0.1.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
here=$repo/appliance/test
cd "$repo"
ova=
cheap_only=0
no_cheap=0
while [ $# -gt 0 ]; do
    case $1 in
        --ova) ova=$(readlink -f "$2"); shift 2 ;;
        --cheap-only) cheap_only=1; shift ;;
        --no-cheap) no_cheap=1; shift ;;
        *) echo "appliance-test: unknown argument $1" >&2; exit 2 ;;
    esac
done
timeout_s=${KEYSWITCH_TEST_TIMEOUT:-1800}
accel=${KEYSWITCH_QEMU_ACCEL:-tcg,thread=single}
artifacts=${KEYSWITCH_TEST_ARTIFACTS:-$repo/target/appliance-test/$(date -u +%Y%m%dT%H%M%SZ)}
allow_no_code=${KEYSWITCH_ALLOW_NO_SETUP_CODE:-0}

passed=0 failed=0 skipped=0
results=()
pass() { passed=$((passed + 1)); results+=("PASS  $*"); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); results+=("FAIL  $*"); echo "FAIL  $*"; }
skip() { skipped=$((skipped + 1)); results+=("SKIP  $*"); echo "SKIP  $*"; }
figures=()
figure() { figures+=("$*"); echo "FIGURE $*"; }

tmp=$(mktemp -d /tmp/keyswitch-appliance-test.XXXXXX)
qemu_pid=
client_pid=
tech_pid=
relay_pid=
refdev=
loop=
mnt=$tmp/rootfs

summary() {
    echo
    echo "==== appliance test summary ===="
    for r in "${results[@]}"; do echo "$r"; done
    if [ ${#figures[@]} -gt 0 ]; then
        echo "---- figures ----"
        for f in "${figures[@]}"; do echo "$f"; done
    fi
    echo "appliance: $passed passed, $failed failed, $skipped skipped"
}

cleanup() {
    rc=$?
    set +e
    collect_artifacts
    if [ -n "$client_pid" ] && kill -0 "$client_pid" 2>/dev/null; then
        echo "cleanup: stopping the OpenVPN client (pid $client_pid)"
        kill "$client_pid"
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$client_pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$client_pid" 2>/dev/null && kill -KILL "$client_pid"
    fi
    for pid in $tech_pid $relay_pid; do
        if kill -0 "$pid" 2>/dev/null; then echo "cleanup: stopping pid $pid"; kill "$pid"; sleep 1; kill -KILL "$pid" 2>/dev/null; fi
    done
    if [ -n "$refdev" ]; then appliance/reference-device/down.sh "$refdev" >/dev/null 2>&1; fi
    if [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null; then
        echo "cleanup: stopping qemu (pid $qemu_pid)"
        kill "$qemu_pid"
        for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 1; done
        kill -0 "$qemu_pid" 2>/dev/null && kill -KILL "$qemu_pid"
    fi
    if mountpoint -q "$mnt" 2>/dev/null; then umount "$mnt" || umount -l "$mnt"; fi
    if [ -n "$loop" ]; then partx -d "$loop" 2>/dev/null; losetup -d "$loop"; fi
    rm -rf "$tmp"
    summary
    if [ "$rc" -eq 0 ] && [ "$failed" -gt 0 ]; then rc=1; fi
    exit "$rc"
}
trap cleanup EXIT
trap 'fail "interrupted"; exit 1' INT TERM HUP

# collect_artifacts: copies what a failure (or an emulator's crash) leaves behind out of the guest, once:
# every hs_err file the JVMs wrote (the portal's in /var/lib/keyswitch, keytool's wherever it ran), the
# portal's journal of this boot, and the serial console. Runs at the end, also when the test gave up early.
collected=0
collect_artifacts() {
    [ "$collected" = 0 ] || return 0
    collected=1
    [ -n "$qemu_pid" ] && kill -0 "$qemu_pid" 2>/dev/null || return 0
    mkdir -p "$artifacts"
    [ -f "$tmp/serial.log" ] && tr -d '\r' < "$tmp/serial.log" > "$artifacts/serial.log"
    [ -S "$tmp/qga.sock" ] || return 0
    local list f n=0
    list=$(/usr/bin/python3 "$here/qga.py" "$tmp/qga.sock" exec --timeout 60 -- /usr/bin/find / -xdev -name 'hs_err_pid*.log' -type f 2>/dev/null) || list=
    for f in $list; do
        case $f in /*hs_err_pid[0-9]*.log) ;; *) continue ;; esac
        /usr/bin/python3 "$here/qga.py" "$tmp/qga.sock" exec --timeout 60 -- /bin/cat "$f" > "$artifacts/$(basename "$f")" 2>/dev/null && n=$((n + 1))
    done
    /usr/bin/python3 "$here/qga.py" "$tmp/qga.sock" exec --timeout 60 -- journalctl -b --no-pager -o short-monotonic \
        -u keyswitch-portal.service > "$artifacts/keyswitch-portal.journal" 2>/dev/null || true
    /usr/bin/python3 "$here/qga.py" "$tmp/qga.sock" exec --timeout 120 -- journalctl -b --no-pager -o short-monotonic \
        2>/dev/null | gzip > "$artifacts/boot.journal.gz" || true
    echo "artifacts: $artifacts ($n hs_err file(s) from the guest, serial console, the portal's and the whole boot's journal)"
}

need() { # need TOOL...: all present, or (CI) fail / (locally) skip the whole test
    local missing=()
    for t in "$@"; do command -v "$t" >/dev/null || missing+=("$t"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "${CI:-}" = true ]; then
        fail "missing tools: ${missing[*]}"
        exit 1
    fi
    skip "missing tools: ${missing[*]} (under CI=true this fails)"
    exit 0
}

# ---------------------------------------------------------------------------------------------
echo "== step 1: cheap checks"
if [ "$no_cheap" = 1 ]; then
    echo "(run before the build by .ci/test)"
elif "$repo/.ci/cheap-checks"; then
    pass "cheap checks (.ci/cheap-checks)"
else
    fail "cheap checks (.ci/cheap-checks: failures above)"
fi
if [ "$cheap_only" = 1 ]; then exit 0; fi

# ---------------------------------------------------------------------------------------------
echo "== step 2: build"
need packer xmllint qemu-system-x86_64 qemu-img curl openssl mmdebstrap parted partx losetup mvn
/usr/bin/python3 -c 'import VMDKstream' 2>/dev/null || need python3-vmdkstream
[ "$(id -u)" -eq 0 ] || { fail "must run as root (loop devices)"; exit 1; }
if [ -z "$ova" ]; then
    t0=$(date +%s)
    if KEYSWITCH_OVA_DIR=$tmp/ova sh packer/build.sh > "$tmp/build.log" 2>&1; then
        figure "build time: $(( $(date +%s) - t0 )) s (packer/build.sh, TCG)"
        ova=$(ls "$tmp"/ova/keyswitch-*.ova)
        pass "packer/build.sh built $(basename "$ova")"
    else
        fail "packer/build.sh failed (last lines below)"; tail -n 40 "$tmp/build.log"; exit 1
    fi
    grep -E '^(ok|not ok) - ' "$tmp/build.log" | grep -c '^ok' | xargs -I{} echo "build: {} rootfs assertions passed during sealing"
fi
[ -f "$ova" ] || { fail "no OVA at $ova"; exit 1; }
figure "OVA size: $(stat -c %s "$ova") bytes ($(du -h --apparent-size "$ova" | cut -f1)) $(basename "$ova")"

# ---------------------------------------------------------------------------------------------
echo "== step 3: the OVA: tar layout, manifest, descriptor"
if [ -f "$ova.sha256" ] && (cd "$(dirname "$ova")" && sha256sum -c --quiet "$(basename "$ova").sha256"); then
    pass "$(basename "$ova").sha256 matches"
else
    fail "$(basename "$ova").sha256 missing or wrong"
fi
mapfile -t members < <(tar -tf "$ova")
if [ ${#members[@]} -eq 4 ] && [[ ${members[0]} == *.ovf ]] && [[ ${members[1]} == *.mf ]] && [[ ${members[2]} == *.cert ]] \
        && [[ ${members[3]} == *.vmdk ]]; then
    pass "OVA holds .ovf, .mf, .cert, .vmdk in that order"
else
    fail "OVA members/order: ${members[*]}"
fi
if [ "$(dd if="$ova" bs=1 skip=257 count=6 2>/dev/null | od -An -c | tr -d ' ')" = 'ustar\0' ]; then
    pass "OVA is a POSIX ustar archive"
else
    fail "OVA is not ustar"
fi
mkdir -p "$tmp/ova-x"
tar -xf "$ova" -C "$tmp/ova-x"
member() { local m; for m in "${members[@]}"; do [[ $m == *"$1" ]] && { echo "$tmp/ova-x/$m"; return; }; done; echo "$tmp/ova-x/none$1"; }
ovf=$(member .ovf) mf=$(member .mf) signature=$(member .cert) vmdk=$(member .vmdk)
mf_ok=1
for f in "$(basename "$ovf")" "$(basename "$vmdk")"; do
    want=$(sed -n "s/^SHA256($f)= \([0-9a-f]\{64\}\)\$/\1/p" "$mf")
    have=$(sha256sum "$tmp/ova-x/$f" | cut -d' ' -f1)
    if [ -z "$want" ] || [ "$want" != "$have" ]; then mf_ok=0; fail "manifest: $f does not match"; fi
done
[ "$(wc -l < "$mf")" -eq 2 ] || { mf_ok=0; fail "manifest: expected 2 lines"; }
[ "$mf_ok" = 1 ] && pass "manifest (SHA256(file)= hex) matches the .ovf and the .vmdk"
if signer=$(sh ovf/verify-signature.sh "$mf" "$signature" 2>&1); then
    pass "the manifest's signature verifies with the certificate in the OVA (${signer#verify-signature: })"
    # One hex digit of the first digest changed, as a tampered manifest would be.
    mkdir -p "$tmp/changed"
    /usr/bin/python3 -c 'import sys
t = open(sys.argv[1]).read(); i = t.index("= ") + 2
open(sys.argv[2], "w").write(t[:i] + ("e" if t[i] == "f" else "f") + t[i + 1:])' "$mf" "$tmp/changed/$(basename "$mf")"
    if ! cmp -s "$mf" "$tmp/changed/$(basename "$mf")" && ! sh ovf/verify-signature.sh "$tmp/changed/$(basename "$mf")" "$signature" > /dev/null 2>&1; then
        pass "a changed manifest no longer matches the signature (tampering shows at import)"
    else
        fail "a changed manifest still verifies"
    fi
else
    fail "the manifest's signature: $signer"
fi
if sh ovf/validate-ovf.sh "$ovf"; then pass "the OVA's descriptor validates (offline)"; else fail "the OVA's descriptor does not validate"; fi
if qemu-img check -f vmdk "$vmdk" > "$tmp/check.txt" 2>&1; then pass "qemu-img check of the streamOptimized VMDK"; else fail "qemu-img check: $(cat "$tmp/check.txt")"; fi
xp() { xmllint --xpath "$1" "$ovf" 2>/dev/null; }
controller=$(xp 'string(//*[local-name()="Item"][*[local-name()="ResourceType"]="6"]/*[local-name()="ResourceSubType"])')
nic=$(xp 'string(//*[local-name()="Item"][*[local-name()="ResourceType"]="10"]/*[local-name()="ResourceSubType"])')
cpus=$(xp 'string(//*[local-name()="Item"][*[local-name()="ResourceType"]="3"]/*[local-name()="VirtualQuantity"])')
mem=$(xp 'string(//*[local-name()="Item"][*[local-name()="ResourceType"]="4"]/*[local-name()="VirtualQuantity"])')
case $controller in VirtualSCSI) qemu_scsi=pvscsi ;; *) fail "no QEMU model for SCSI controller '$controller'"; exit 1 ;; esac
case $nic in VMXNET3) qemu_nic=vmxnet3 ;; *) fail "no QEMU model for NIC '$nic'"; exit 1 ;; esac
if [ "$cpus" = 2 ] && [ "$mem" = 2048 ]; then pass "OVF: 2 vCPU, 2048 MB, $controller, $nic"; else fail "OVF hardware: $cpus vCPU, $mem MB"; fi

# ---------------------------------------------------------------------------------------------
echo "== step 4: the shipped disk's root file system (generalized, hardened)"
qemu-img convert -O raw "$vmdk" "$tmp/disk.raw"
loop=$(losetup --show -f -r "$tmp/disk.raw")
partx -a "$loop" 2>/dev/null || partx -u "$loop" # -u when the kernel already knows it
for _ in $(seq 20); do [ -b "${loop}p1" ] && break; sleep 0.5; done
mkdir -p "$mnt"
mount -o ro,noload "${loop}p1" "$mnt"
if sh "$here/run-rootfs-tests.sh" "$mnt" > "$tmp/rootfs.txt" 2>&1; then
    pass "rootfs: generalization and hardening tests ($(grep -c '^ok - ' "$tmp/rootfs.txt") assertions)"
else
    fail "rootfs tests (failures below)"; grep -E '^(not ok|==)' "$tmp/rootfs.txt"
fi
umount "$mnt"; partx -d "$loop" || true; losetup -d "$loop"; loop=
rm -f "$tmp/disk.raw"

# ---------------------------------------------------------------------------------------------
echo "== step 5: boot the VMDK in QEMU ($accel, $cpus vCPU, $mem MB, $qemu_scsi, $qemu_nic)"
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
free_udp_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(type=socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
https_port=$(free_port); http_port=$(free_port); vpn_port=$(free_udp_port)
qemu-img create -q -f qcow2 -F vmdk -b "$vmdk" "$tmp/overlay.qcow2"
t_boot=$(date +%s)
figure "QEMU: -accel $accel, $cpus vCPU, $mem MB"
qemu-system-x86_64 -machine pc -accel "$accel" -smp "$cpus" -m "$mem" -display none -daemonize \
    -pidfile "$tmp/qemu.pid" -serial "file:$tmp/serial.log" \
    -device "$qemu_scsi,id=scsi0" -drive "file=$tmp/overlay.qcow2,if=none,id=disk0,format=qcow2" \
    -device scsi-hd,drive=disk0,bus=scsi0.0 \
    -netdev "user,id=net0,hostfwd=tcp:127.0.0.1:$https_port-:443,hostfwd=tcp:127.0.0.1:$http_port-:80,hostfwd=udp:127.0.0.1:$vpn_port-:1194" \
    -device "$qemu_nic,netdev=net0" \
    -chardev "socket,id=qga0,path=$tmp/qga.sock,server=on,wait=off" \
    -device virtio-serial -device virtserialport,chardev=qga0,name=org.qemu.guest_agent.0
qemu_pid=$(cat "$tmp/qemu.pid")
echo "qemu pid $qemu_pid; HTTPS on 127.0.0.1:$https_port, HTTP on 127.0.0.1:$http_port, OpenVPN (udp 1194) on 127.0.0.1:$vpn_port"
qemu_sockets=$(ss -Hltunp | grep "pid=$qemu_pid," | awk '{ print $1 " " $5 }')
if [ "$(grep -c . <<< "$qemu_sockets")" -lt 3 ]; then
    fail "qemu's host forwards: expected 2 tcp and 1 udp, found: $(tr '\n' ';' <<< "$qemu_sockets")"
elif awk '{ print $2 }' <<< "$qemu_sockets" | grep -qv '^127\.0\.0\.1:'; then
    fail "qemu listens beyond 127.0.0.1: $(tr '\n' ';' <<< "$qemu_sockets")"
else
    pass "qemu's host forwards (tcp 443, 80, udp 1194) listen on 127.0.0.1 only"
fi

# probe_start_window SINCE: what 443 and 80 answer now, one line in $tmp/start-window.txt (seconds since
# SINCE, HTTPS status and what it was, HTTP status and where it leads); anything of the server's make or
# version (a Payara/GlassFish/Grizzly page, a Server or X-Powered-By header) goes to $tmp/leaks.txt.
# Sets probe_https to the HTTPS status.
probe_start_window() {
    local t=$(( $(date +%s) - $1 )) what=none http location
    # 30 s: the first pages of a just-deployed portal take long under TCG (at 8 s every probe was given up
    # and the portal kept rendering for nobody).
    probe_https=$(curl -sk --max-time 30 -D "$tmp/probe-h" -o "$tmp/probe-b" -w '%{http_code}' "https://127.0.0.1:$https_port/login.xhtml" || true)
    case $probe_https in
        000 | '') probe_https=000 ;;
        200) what=portal ;;
        503) if grep -q '<title>Keyswitch is starting</title>' "$tmp/probe-b"; then what=start-page; else what=other; fi ;;
        *) what=other ;;
    esac
    grep -aiHE 'payara|glassfish|grizzly|badassfish|^server:|^x-powered-by:' "$tmp/probe-h" "$tmp/probe-b" 2>/dev/null |
        head -n 3 | sed "s|^|t=$t https |" >> "$tmp/leaks.txt" || true
    http=$(curl -s --max-time 15 -D "$tmp/probe-h" -o "$tmp/probe-b" -w '%{http_code}' "http://127.0.0.1:$http_port/login.xhtml" || true)
    location=$(tr -d '\r' < "$tmp/probe-h" 2>/dev/null | sed -n 's/^[Ll]ocation: //p' | head -n 1)
    grep -aiHE 'payara|glassfish|grizzly|badassfish|^server:|^x-powered-by:' "$tmp/probe-h" "$tmp/probe-b" 2>/dev/null |
        head -n 3 | sed "s|^|t=$t http |" >> "$tmp/leaks.txt" || true
    echo "$t https ${probe_https} $what http ${http:-000} ${location:--}" >> "$tmp/start-window.txt"
}
# check_start_window LABEL: the answers probe_start_window saw before the portal was ready: HTTPS only
# ever the start page (503, "Keyswitch is starting"), HTTP only a redirect to HTTPS, nothing else.
check_start_window() {
    local others redirects_bad first
    others=$(awk '$3 != "000" && $4 != "start-page" && $4 != "portal"' "$tmp/start-window.txt")
    redirects_bad=$(awk '$6 != "000" && !($6 ~ /^30[1278]$/ && $7 ~ /^https:\/\//)' "$tmp/start-window.txt")
    first=$(awk '$3 != "000" { print $1 " s: HTTPS " $3 " (" $4 "), HTTP " $6 " " $7; exit }' "$tmp/start-window.txt")
    figure "$1: first answer ${first:-none}; start page answered $(awk '$4 == "start-page"' "$tmp/start-window.txt" | grep -c .) of $(grep -c . "$tmp/start-window.txt") probes"
    if [ -z "$others" ] && grep -q ' start-page ' "$tmp/start-window.txt"; then
        pass "$1: until the portal was ready, 443 answered only the start page (503, Keyswitch is starting)"
    else
        fail "$1: 443 answered other than the start page before the portal was ready (or never the start page): $(head -n 3 <<< "$others" | tr '\n' ';')"
    fi
    if [ -z "$redirects_bad" ] && awk '$6 ~ /^30/' "$tmp/start-window.txt" | grep -q .; then
        pass "$1: 80 redirected to HTTPS whenever it answered"
    else
        fail "$1: 80 answered other than a redirect to HTTPS (or never answered): $(head -n 3 <<< "$redirects_bad" | tr '\n' ';')"
    fi
    if [ ! -s "$tmp/leaks.txt" ]; then
        pass "$1: no answer named the server's make or version (no Payara page, no Server or X-Powered-By header)"
    else
        fail "$1: an answer named the server: $(head -n 3 "$tmp/leaks.txt" | tr '\n' ';')"
    fi
    mkdir -p "$artifacts" && cp "$tmp/start-window.txt" "$artifacts/start-window-${1// /-}.txt"
}

echo "waiting up to $timeout_s s for https://127.0.0.1:$https_port/login.xhtml (probing 443 and 80 every 2 s)"
ready=0
: > "$tmp/start-window.txt"; : > "$tmp/leaks.txt"
while [ $(( $(date +%s) - t_boot )) -lt "$timeout_s" ]; do
    kill -0 "$qemu_pid" 2>/dev/null || { fail "qemu exited"; break; }
    probe_start_window "$t_boot"
    if [ "$probe_https" = 200 ]; then ready=1; break; fi
    sleep 2
done
if [ "$ready" = 1 ]; then
    figure "boot to portal ready (HTTPS 200, TCG): $(( $(date +%s) - t_boot )) s"
    pass "the portal answers: HTTPS 200 on /login.xhtml"
    check_start_window "first boot"
else
    fail "the portal did not answer HTTPS 200 in $timeout_s s (serial console tail below)"
    tail -n 40 "$tmp/serial.log" | tr -d '\r'
    exit 1
fi
banner_wait=0
until grep -aq 'KEYSWITCH-READY' "$tmp/serial.log" || [ "$banner_wait" -ge 600 ]; do sleep 5; banner_wait=$((banner_wait + 5)); done
if grep -aq 'KEYSWITCH-READY' "$tmp/serial.log"; then
    figure "boot to first-boot banner on the serial console: $(( $(date +%s) - t_boot )) s"
    pass "first boot shows the address on the serial console"
else
    fail "no first-boot banner on the serial console"
fi
setup_code=$(tr -d '\r' < "$tmp/serial.log" | sed -n 's/^Setup code (one-time): \(.*\)$/\1/p' | tail -n 1)
portal_checks=1
if [ -n "$setup_code" ]; then
    pass "setup code read from the serial console (${#setup_code} characters)"
elif [ "$allow_no_code" = 1 ]; then
    skip "the portal issued no setup code (KEYSWITCH_ALLOW_NO_SETUP_CODE=1: stand-in portal); setup-code, login and redirect checks skipped"
    portal_checks=0
else
    fail "no setup code on the serial console"
    portal_checks=0
fi

# ---------------------------------------------------------------------------------------------
echo "== step 6: inside the guest (guest agent), before the first login"
qga() { /usr/bin/python3 "$here/qga.py" "$tmp/qga.sock" "$@"; }
guest_ok=0
if qga ping --timeout 300; then
    guest_ok=1
    pass "guest agent answers"
    cat "$here/lib/assert.sh" "$here/guest-checks.sh" > "$tmp/guest-checks.sh"
    if qga exec --timeout 300 --stdin "$tmp/guest-checks.sh" -- /bin/sh -s / > "$tmp/guest.txt" 2>&1; then
        pass "guest checks ($(grep -c '^ok - ' "$tmp/guest.txt") assertions)"
    else
        fail "guest checks (failures below)"
    fi
    grep -E '^not ok' "$tmp/guest.txt" || true
    while read -r line; do figure "${line#\# }"; done < <(grep -E '^# (rss|memory|boot|listeners)' "$tmp/guest.txt")
    for t in "$here"/hardening/*.sh; do
        cat "$here/lib/assert.sh" "$t" > "$tmp/h.sh"
        if qga exec --timeout 120 --stdin "$tmp/h.sh" -- /bin/sh -s / > "$tmp/h.txt" 2>&1; then
            pass "live hardening test $(basename "$t" .sh) ($(grep -c '^ok - ' "$tmp/h.txt") assertions)"
        else
            fail "live hardening test $(basename "$t" .sh)"; grep '^not ok' "$tmp/h.txt" || cat "$tmp/h.txt"
        fi
    done
else
    fail "guest agent does not answer"
fi

# ---------------------------------------------------------------------------------------------
echo "== step 7: the portal over HTTPS: certificate, redirect, setup wizard with the setup code, login"
base=https://127.0.0.1:$https_port
cert=$(echo | openssl s_client -connect "127.0.0.1:$https_port" 2>/dev/null | openssl x509 -noout -text 2>/dev/null || true)
if grep -q 'ASN1 OID: prime256v1' <<< "$cert" && grep -q 'DNS:keyswitch' <<< "$cert"; then
    pass "HTTPS certificate: the first boot's EC P-256 one, SAN with the host name"
else
    fail "HTTPS certificate is not the first boot's EC P-256 one"
fi
jar=$tmp/cookies
# faces_submit PAGE FORM BUTTON OUT NAME=VALUE|NAME@FILE...: post a Faces form (ajax=false) the
# way a browser does; secrets go in through files (curl's name@file), never on a command line.
faces_submit() {
    local page=$1 form=$2 button=$3 out=$4; shift 4
    local tag action viewstate nonce
    tag=$(grep -o "<form[^>]*id=\"$form\"[^>]*>" "$page" | head -n 1)
    action=$(sed -n 's/.*action="\([^"]*\)".*/\1/p' <<< "$tag" | sed 's/&amp;/\&/g')
    viewstate=$(grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' "$page" | head -n 1 | sed 's/.*value="\([^"]*\)".*/\1/; s/&#58;/:/g')
    # PrimeFaces' script adds the page's CSP nonce to every form it posts; the portal refuses a post without it
    nonce=$(grep -o "PrimeFaces\.csp\.init('[^']*')" "$page" | head -n 1 | sed "s/.*init('\([^']*\)').*/\1/")
    if [ -z "$action" ] || [ -z "$viewstate" ] || [ -z "$nonce" ]; then echo "no form $form with a view state and nonce" >&2; return 1; fi
    local args=(--data-urlencode "$form=$form" --data-urlencode "$form:$button=" --data-urlencode "jakarta.faces.ViewState=$viewstate"
        --data-urlencode "primefaces.nonce=$nonce")
    for f in "$@"; do args+=(--data-urlencode "$form:$f"); done
    curl -sk -L -c "$jar" -b "$jar" --max-time 120 -o "$out" -w '%{url_effective}' "${args[@]}" "$base$action"
}
# make_test_pki DIR NAME: a root CA, an issuing CA and a server certificate for NAME (EC P-256), PEM.
make_test_pki() {
    local d=$1 name=$2
    openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$d/root.key" -out "$d/root.pem" \
        -days 30 -subj "/CN=Keyswitch appliance test root" \
        -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null &&
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$d/ca.key" -out "$d/ca.csr" \
        -subj "/CN=Keyswitch appliance test issuing CA" 2>/dev/null &&
    printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' > "$d/ca.ext" &&
    openssl x509 -req -in "$d/ca.csr" -CA "$d/root.pem" -CAkey "$d/root.key" -CAcreateserial -days 30 \
        -extfile "$d/ca.ext" -out "$d/ca.pem" 2>/dev/null &&
    openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:P-256 -keyout "$d/server.key" -out "$d/server.csr" \
        -subj "/CN=$name" 2>/dev/null &&
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:%s\n' \
        "$name" > "$d/server.ext" &&
    openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 20 \
        -extfile "$d/server.ext" -out "$d/server.pem" 2>/dev/null &&
    cat "$d/ca.pem" "$d/root.pem" > "$d/chain.pem"
}
served_fingerprint() {
    echo | openssl s_client -connect "127.0.0.1:$https_port" 2>/dev/null | openssl x509 -noout -fingerprint -sha256 2>/dev/null || true
}
if [ "$portal_checks" = 1 ]; then
    redirect=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' --max-time 15 "http://127.0.0.1:$http_port/login.xhtml" || true)
    if [[ $redirect =~ ^30[1278]\ https:// ]]; then pass "HTTP 80 redirects to HTTPS ($redirect)"; else fail "HTTP 80 does not redirect to HTTPS ($redirect)"; fi
    # The console shows the served certificate's fingerprint beside the address, so that the browser's
    # warning can be checked before the setup code and passwords are typed.
    self_signed=$(served_fingerprint | sed 's/^[^=]*=//')
    announced=$(tr -d '\r' < "$tmp/serial.log" | sed -n 's/^Certificate SHA-256: //p' | tail -n 1)
    if [ -n "$self_signed" ] && [ "$announced" = "$self_signed" ]; then
        pass "the console announces the SHA-256 fingerprint of the certificate 443 serves ($self_signed)"
    else
        fail "the console's certificate fingerprint '${announced:-none}' is not the served one '${self_signed:-none}'"
    fi
    if [ "$guest_ok" = 1 ]; then
        tty1=$(qga exec --timeout 60 -- /bin/cat /dev/vcs1 2>/dev/null | tr -s ' ' || true)
        if grep -qF "$setup_code" <<< "$tty1" && grep -qF "${self_signed:0:47}" <<< "$tty1" && grep -qF "${self_signed:48}" <<< "$tty1"; then
            pass "tty1 shows the setup code and the certificate's fingerprint"
        else
            fail "tty1 does not show the setup code and the fingerprint: $(head -c 600 <<< "$tty1")"
        fi
    fi
    # Nothing of the server's make or version in the portal's answers to odd requests either.
    : > "$tmp/leaks.txt"
    for probe in "GET /no-such-page" "TRACE /" "F@@ /" "GET /WEB-INF/web.xml" "GET /$(head -c 9000 /dev/zero | tr '\0' a)" "POST /login.xhtml"; do
        for scheme in "https://127.0.0.1:$https_port" "http://127.0.0.1:$http_port"; do
            code=$(curl -sk --max-time 30 -X "${probe%% *}" -D "$tmp/probe-h" -o "$tmp/probe-b" -w '%{http_code}' "$scheme${probe#* }" || true)
            grep -aiHE 'payara|glassfish|grizzly|badassfish|^server:|^x-powered-by:' "$tmp/probe-h" "$tmp/probe-b" 2>/dev/null |
                head -n 2 | sed "s|^|${probe:0:30} $scheme $code |" >> "$tmp/leaks.txt" || true
        done
    done
    if [ ! -s "$tmp/leaks.txt" ]; then
        pass "odd requests (unknown page, TRACE, an unknown method, WEB-INF, a long URI, a bare POST): no answer names the server"
    else
        fail "an answer to an odd request names the server: $(head -n 3 "$tmp/leaks.txt" | tr '\n' ';')"
    fi
    dns=keyswitch.appliance.test
    (umask 077; printf '%s' "$setup_code" > "$tmp/code"; printf 'Ks9%s' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$tmp/newpw")
    mkdir -p "$tmp/pki"
    if make_test_pki "$tmp/pki" "$dns"; then pass "test PKI made with openssl (root, issuing CA, server certificate for $dns)"; else fail "openssl could not make the test PKI"; fi
    if [ "$guest_ok" = 1 ]; then restarts_before=$(qga exec --timeout 60 -- systemctl show -p NRestarts --value keyswitch-portal.service || echo '?'); fi
    t_setup=$(date +%s)
    # A wrong code first (audited below), then the right one typed in lower case; the certificate with its
    # intermediate only, as a CA hands it out: the root is neither needed nor served.
    if /usr/bin/python3 "$here/setup_wizard.py" "$base" --code-file "$tmp/code" --password-file "$tmp/newpw" --dns-name "$dns" \
            --certificate "$tmp/pki/server.pem" --chain "$tmp/pki/ca.pem" --key "$tmp/pki/server.key" \
            --wrong-code-first --lower-case > "$tmp/wizard.txt" 2>&1; then
        pass "setup wizard completed over HTTPS with the setup code from the serial console, typed in lower case, after a wrong one ($(tail -n 1 "$tmp/wizard.txt"))"
        if grep -q 'warns: .*issued by a CA this appliance does not know' "$tmp/wizard.txt"; then
            pass "the wizard took the certificate with its intermediate and without the root, warning that it does not know the CA"
        else
            fail "the wizard did not warn about the test CA it cannot know: $(grep -c warns "$tmp/wizard.txt") warnings"
        fi
        figure "setup wizard over HTTPS (6 steps, TCG): $(( $(date +%s) - t_setup )) s"
    else
        fail "setup wizard (output below)"; cat "$tmp/wizard.txt"
    fi
    want=$(openssl x509 -in "$tmp/pki/server.pem" -noout -fingerprint -sha256)
    served=
    for _ in $(seq 60); do served=$(served_fingerprint); [ "$served" = "$want" ] && break; sleep 2; done
    if [ "$served" = "$want" ]; then
        pass "a new TLS connection gets the uploaded certificate, without a reboot"
    else
        fail "the portal does not serve the uploaded certificate (${served:-no answer})"
    fi
    echo | openssl s_client -showcerts -connect "127.0.0.1:$https_port" 2>/dev/null |
        awk -v dir="$tmp" '/-----BEGIN CERTIFICATE-----/ { n++; f = dir "/served-" n ".pem" } f { print > f } /-----END CERTIFICATE-----/ { close(f); f = "" }' || true
    served_chain=$(for f in "$tmp"/served-*.pem; do [ -f "$f" ] && openssl x509 -in "$f" -noout -subject -nameopt RFC2253 2>/dev/null; done | tr '\n' ';')
    if [ "$served_chain" = "subject=CN=$dns;subject=CN=Keyswitch appliance test issuing CA;" ]; then
        pass "443 serves the certificate and its intermediate, not the root ($served_chain)"
    else
        fail "443 serves the chain '$served_chain', not the certificate and its intermediate only"
    fi
    if [ "$guest_ok" = 1 ]; then
        gone=0
        for _ in $(seq 20); do
            tty1=$(qga exec --timeout 60 -- /bin/cat /dev/vcs1 2>/dev/null | tr -s ' ' || true)
            if ! grep -qF "$setup_code" <<< "$tty1" && grep -q 'Setup is complete' <<< "$tty1"; then gone=1; break; fi
            sleep 3
        done
        if [ "$gone" = 1 ]; then
            pass "tty1 stopped showing the used setup code by itself (no key pressed) and says setup is complete"
        else
            fail "tty1 still shows the used setup code a minute after setup: $(head -c 600 <<< "$tty1")"
        fi
    fi
    if [ "$guest_ok" = 1 ]; then
        restarts_after=$(qga exec --timeout 60 -- systemctl show -p NRestarts --value keyswitch-portal.service || echo '?')
        if [ "$restarts_before" = "$restarts_after" ]; then
            pass "the portal was not restarted for the certificate (NRestarts $restarts_after)"
        else
            fail "the portal restarted ($restarts_before -> $restarts_after); why, from the guest's journal:"
            qga exec --timeout 120 -- /bin/sh -c 'systemctl show -p Result,ExecMainStatus,ExecMainCode keyswitch-portal.service;
                journalctl --no-pager -o short-monotonic -u keyswitch-portal.service | grep -E "SEVERE|Exception|Error|OutOfMemory|Terminating|exited|killed|Stopped|Started|deploy" | tail -n 60;
                journalctl --no-pager -k | grep -iE "oom|killed process" | tail -n 5' || true
        fi
    fi
    curl -sk -c "$jar" -b "$jar" --max-time 60 -o "$tmp/login.html" "$base/login.xhtml"
    (umask 077; printf 'Not-the-password-1' > "$tmp/wrongpw")
    faces_submit "$tmp/login.html" loginForm login "$tmp/after-wrong-login.html" account=system username=admin "password@$tmp/wrongpw" > /dev/null || true
    curl -sk -c "$jar" -b "$jar" --max-time 60 -o "$tmp/login.html" "$base/login.xhtml"
    if url=$(faces_submit "$tmp/login.html" loginForm login "$tmp/after-login.html" \
            account=system username=admin "password@$tmp/newpw") && [[ $url == */index.xhtml* ]]; then
        pass "logged in as system/admin with the password chosen in the wizard"
    else
        fail "login as system/admin with the wizard's password failed (at ${url:-nothing})"
    fi
    url=$(curl -sk -L -o /dev/null -w '%{url_effective}' --max-time 60 "$base/setup.xhtml" || true)
    if [[ $url == */login.xhtml* ]]; then pass "after setup, /setup.xhtml leads to the login page"; else fail "after setup, /setup.xhtml leads to ${url:-nothing}"; fi
    if [ "$guest_ok" = 1 ]; then
        if qga exec --timeout 60 -- /bin/sh -c 'test ! -e /var/lib/keyswitch/setup-code'; then
            pass "the setup code file is gone after setup"
        else
            fail "the setup code file is still there after setup"
        fi
        # The console's credential check, as keyswitch-console calls it; the password reaches the
        # guest in the script on the agent's stdin, never on a command line.
        {
            echo '. /usr/local/lib/keyswitch/common.sh'
            echo 'umask 077; f=$(mktemp)'
            printf "printf '%%s' '%s' > \"\$f\"\n" "$(cat "$tmp/newpw")"
            echo 'if journalctl --no-pager -o verbose | grep -qF -f "$f"; then echo "password: in the journal"; else echo "password: not in the journal"; fi'
            echo 'if portal_authorize reboot system admin "$f"; then echo "right password: allowed"; else echo "right password: refused"; fi'
            echo "printf 'Wrong-password-1' > \"\$f\""
            echo 'if portal_authorize shutdown system admin "$f"; then echo "wrong password: allowed"; else echo "wrong password: refused"; fi'
            echo 'rm -f "$f"'
        } > "$tmp/console-check.sh"
        qga exec --timeout 120 --stdin "$tmp/console-check.sh" -- /bin/sh -s > "$tmp/console-check.txt" 2>&1 || true
        if grep -q '^right password: allowed' "$tmp/console-check.txt" && grep -q '^wrong password: refused' "$tmp/console-check.txt"; then
            pass "console actions: the portal allows its administrator's password and refuses a wrong one ($(grep -v ':' "$tmp/console-check.txt" | head -n 1))"
        else
            fail "console credential check: $(tr '\n' ';' < "$tmp/console-check.txt")"
        fi
        if grep -q '^password: not in the journal' "$tmp/console-check.txt"; then pass "the administrator's password is not in the journal"; else fail "the administrator's password is in the journal"; fi
        # Every refusal is in the audit trail: the wrong setup code (in the appliance's trail, outside any
        # account, which system administrators read), the wrong login, the console's refused check.
        echo "SELECT CONCAT(action, ' ', outcome, ' chain=', chain_key) FROM audit_event WHERE outcome <> 'SUCCESS'
              AND action IN ('setup.code', 'login', 'console.authorize') ORDER BY id;" > "$tmp/refusals.sql"
        qga exec --timeout 60 --stdin "$tmp/refusals.sql" -- mariadb --protocol=socket -N keyswitch > "$tmp/refusals.txt" 2>&1 || true
        system_id=$(echo "SELECT id FROM account WHERE name = 'system';" > "$tmp/system.sql"; qga exec --timeout 60 --stdin "$tmp/system.sql" -- mariadb --protocol=socket -N keyswitch 2>/dev/null | tail -n 1)
        if grep -qx 'setup.code FAILURE chain=0' "$tmp/refusals.txt" && grep -qx "login FAILURE chain=${system_id:-x}" "$tmp/refusals.txt" \
                && grep -qx "console.authorize FAILURE chain=${system_id:-x}" "$tmp/refusals.txt"; then
            pass "audited: the refused setup code (appliance trail), the refused login and the console's refused check (account system)"
        else
            fail "refusals missing in the audit trail: $(tr '\n' ';' < "$tmp/refusals.txt")"
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------
echo "== step 8: the VPN end to end: a device and its profile through the API, its account's OpenVPN server in the guest, a real client on this host"
vpn_ready=1
if [ "$portal_checks" != 1 ] || [ "$guest_ok" != 1 ]; then
    fail "VPN: needs the login of step 7 and the guest agent"
    vpn_ready=0
fi
vpn_missing=()
for t in openvpn ip; do command -v "$t" >/dev/null || vpn_missing+=("$t"); done
[ -c /dev/net/tun ] || vpn_missing+=(/dev/net/tun)
run_client=1
if [ ${#vpn_missing[@]} -gt 0 ]; then
    if [ "${CI:-}" = true ]; then fail "VPN: missing on this host: ${vpn_missing[*]}"; else skip "VPN client on this host: missing ${vpn_missing[*]} (under CI=true this fails)"; fi
    run_client=0
fi
# api METHOD PATH [JSON]: the body lands in $tmp/api.json, the HTTP status in $api_status. The token
# reaches curl in a header file (-H @file), never on a command line.
api() {
    rm -f "$tmp/api.json"
    local args=(-sk --max-time "${api_timeout:-120}" -H "@$tmp/auth-header" -H 'Accept: application/json' -o "$tmp/api.json" -w '%{http_code}' -X "$1")
    [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data-binary "$3")
    api_status=$(curl "${args[@]}" "$base/api/v1$2" || true)
}
# json KEY[.KEY]: a value of $tmp/api.json (booleans as true/false).
json() {
    /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    d = d[k]
print(str(d).lower() if isinstance(d, bool) else d)' "$tmp/api.json" "$1"
}
# await_online true|false SECONDS: polls the device until vpn.online is that; true if it became so.
await_online() {
    local end=$(( $(date +%s) + $2 ))
    while [ "$(date +%s)" -lt "$end" ]; do
        api GET "/devices/$device_id"
        [ "$api_status" = 200 ] && [ "$(json vpn.online)" = "$1" ] && return 0
        sleep 1
    done
    return 1
}
# store_token USER HEADER_FILE: an API token of system/USER, put into the guest's database the way the system tests
# do it (Fixtures.apiToken): the portal stores only its SHA-256; the token itself goes into HEADER_FILE (0600, a curl
# header line) and never onto a command line.
store_token() {
    local token
    token="ks_$(head -c 64 /dev/urandom | base64 -w 0 | tr -dc 'A-Za-z0-9' | cut -c 1-32)"
    (umask 077; printf 'Authorization: Bearer %s\n' "$token" > "$2")
    cat > "$tmp/token.sql" <<EOSQL
INSERT INTO api_token (user_id, account_id, name, token_hash, created_at)
  SELECT u.id, u.account_id, 'appliance test', '$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)', UTC_TIMESTAMP(3)
  FROM app_user u JOIN account a ON a.id = u.account_id WHERE a.name = 'system' AND u.username = '$1';
SELECT ROW_COUNT();
EOSQL
    [ "$(qga exec --timeout 60 --stdin "$tmp/token.sql" -- mariadb --protocol=socket -N keyswitch 2>&1 | tail -n 1)" = 1 ]
}
if [ "$vpn_ready" = 1 ]; then
    if store_token admin "$tmp/auth-header"; then
        pass "API token of system/admin stored (SHA-256 only) in the guest's database"
    else
        fail "could not store an API token for system/admin in the guest's database"
        vpn_ready=0
    fi
fi
if [ "$vpn_ready" = 1 ]; then
    api GET /vpn
    if [ "$api_status" = 200 ] && [ "$(json available)" = true ]; then
        pass "GET /api/v1/vpn: available ($(json detail))"
    else
        fail "GET /api/v1/vpn: $api_status $(cat "$tmp/api.json")"
    fi
    api POST /devices '{"name":"appliance-test-router","lanSubnet":"192.168.77.0/24","reason":"appliance test"}'
    if [ "$api_status" = 201 ] && device_id=$(json id); then
        pass "POST /api/v1/devices made device $device_id"
    else
        fail "POST /api/v1/devices: $api_status $(cat "$tmp/api.json")"
        vpn_ready=0
    fi
fi
if [ "$vpn_ready" = 1 ]; then
    # The first profile of an account makes its instance (server certificate, keys sealed with
    # PBKDF2, files) and starts it with systemctl: slow under TCG (run 3 timed out at 120 s).
    t_profile=$(date +%s)
    api_timeout=900 api POST "/devices/$device_id/vpn-profile" '{"reason":"appliance test"}'
    figure "VPN: first device profile of the account (makes and starts its instance, TCG): $(( $(date +%s) - t_profile )) s"
    if [ "$api_status" = 200 ] && /usr/bin/python3 -c 'import json, os, sys
os.umask(0o077)
p = json.load(open(sys.argv[1]))
open(sys.argv[2], "w").write(p["profile"])
open(sys.argv[3], "w").write(p["identity"] + "\n" + p["secret"] + "\n")' "$tmp/api.json" "$tmp/device.ovpn" "$tmp/device.auth"; then
        pass "POST /api/v1/devices/$device_id/vpn-profile: profile and secret ($(wc -l < "$tmp/device.ovpn") lines)"
    else
        fail "POST /api/v1/devices/$device_id/vpn-profile: ${api_status:-no answer} $(head -c 400 "$tmp/api.json" 2>/dev/null) (the guest's journal below)"
        qga exec --timeout 60 -- journalctl --no-pager -n 60 -u keyswitch-portal.service -u 'openvpn-server@*' -u polkit.service || true
        vpn_ready=0
    fi
    rm -f "$tmp/api.json"
fi
if [ "$vpn_ready" = 1 ]; then
    instance=$(sed -n 's/^verify-x509-name vpn-\(acct-[0-9]\{1,10\}\) name$/\1/p' "$tmp/device.ovpn")
    remote_host='' remote_port=''
    read -r remote_host remote_port < <(awk '$1 == "remote" { print $2, $3; exit }' "$tmp/device.ovpn") || true
    if [ -n "$instance" ]; then pass "the profile names its account's server ($instance)"; else fail "the profile names no vpn-acct-<id> server"; vpn_ready=0; fi
    if [ -n "$remote_host" ] && [ "$remote_host" = "${dns:-}" ]; then
        pass "the profile dials the DNS name given in the setup wizard ($remote_host)"
    else
        fail "the profile dials '${remote_host:-nothing}', not the setup wizard's DNS name '${dns:-unset}'"
    fi
    if [ "$remote_port" = 1194 ]; then pass "the profile dials UDP 1194 (the first account's port)"; else fail "the profile dials port '${remote_port:-none}', not 1194 (QEMU forwards 1194 only)"; run_client=0; fi
fi
if [ "$vpn_ready" = 1 ]; then
    cat "$here/lib/assert.sh" "$here/vpn-checks.sh" > "$tmp/vpn-checks.sh"
    if qga exec --timeout 400 --stdin "$tmp/vpn-checks.sh" -- /bin/sh -s / "$instance" > "$tmp/vpn-guest.txt" 2>&1; then
        pass "guest VPN checks: $instance started by the portal through polkit, its socket, nobody, UDP 1194 ($(grep -c '^ok - ' "$tmp/vpn-guest.txt") assertions)"
    else
        fail "guest VPN checks for $instance (failures below)"
        grep -E '^not ok' "$tmp/vpn-guest.txt" || cat "$tmp/vpn-guest.txt"
    fi
    while read -r line; do figure "${line#\# }"; done < <(grep -E '^# (rss|caps) openvpn' "$tmp/vpn-guest.txt")
    # What a compromised portal could write into an OpenVPN config (a plugin, scripts, an include, a
    # link) is refused by the root check before OpenVPN starts; the config as the portal writes it starts.
    cat "$here/lib/assert.sh" "$here/openvpn-config-checks.sh" > "$tmp/openvpn-config-checks.sh"
    if qga exec --timeout 600 --stdin "$tmp/openvpn-config-checks.sh" -- /bin/sh -s / "$instance" > "$tmp/openvpn-config.txt" 2>&1; then
        pass "guest OpenVPN config checks: the portal's config starts, a plugin, scripts, an include or a link are refused as root before OpenVPN runs ($(grep -c '^ok - ' "$tmp/openvpn-config.txt") assertions)"
    else
        fail "guest OpenVPN config checks (failures below)"
        grep -E '^(not ok|# )' "$tmp/openvpn-config.txt" || cat "$tmp/openvpn-config.txt"
        qga exec --timeout 60 -- journalctl --no-pager -n 40 -u 'openvpn-server@*' || true
    fi
fi
if [ "$vpn_ready" = 1 ] && [ "$run_client" = 1 ]; then
    # The device's profile as the customer gets it; only the address it dials is QEMU's forward.
    sed "s/^remote .*/remote 127.0.0.1 $vpn_port/" "$tmp/device.ovpn" > "$tmp/client.ovpn"
    tun=ksat$$
    t_client=$(date +%s)
    # --route-noexec: nothing pushed may change this host's routes (the tun's own /17 is all it gets).
    openvpn --config "$tmp/client.ovpn" --auth-user-pass "$tmp/device.auth" --dev "$tun" --dev-type tun \
        --route-noexec --verb 3 > "$tmp/client.log" 2>&1 &
    client_pid=$!
    echo "OpenVPN client pid $client_pid on $tun, dialling 127.0.0.1:$vpn_port"
    up=0
    for _ in $(seq 120); do
        grep -q 'Initialization Sequence Completed' "$tmp/client.log" && { up=1; break; }
        kill -0 "$client_pid" 2>/dev/null || break
        sleep 1
    done
    # pipefail: a missing line must not end the test here, the checks below say what is missing
    pushed=$(grep -o "PUSH_REPLY,[^']*" "$tmp/client.log" | head -n 1 || true)
    tunnel_address=$(grep -o 'ifconfig [0-9.]* ' <<< "$pushed" | awk '{ print $2 }' || true)
    gateway=$(grep -o 'route-gateway [0-9.]*' <<< "$pushed" | awk '{ print $2 }' || true)
    if [ "$up" = 1 ] && [ -n "$tunnel_address" ]; then
        figure "VPN client: dial to tunnel up (TCG guest): $(( $(date +%s) - t_client )) s"
        pass "the device's OpenVPN client connected with its secret and got tunnel address $tunnel_address from the server"
    else
        fail "the OpenVPN client did not connect in 120 s (client log tail below)"
        tail -n 25 "$tmp/client.log"
    fi
    if [ "$up" = 1 ]; then
        if ip -4 -o addr show dev "$tun" | grep -q "inet $tunnel_address/"; then pass "$tun on this host has $tunnel_address"; else fail "$tun does not have $tunnel_address"; fi
        # Traffic inside the tunnel: the portal itself, at the appliance's tunnel address.
        code=000
        if [ -n "$gateway" ]; then
            code=$(curl -sk --interface "$tun" --max-time 60 -o /dev/null -w '%{http_code}' "https://$gateway/login.xhtml" || true)
        fi
        if [ "$code" = 200 ]; then
            pass "through the tunnel: the portal answers HTTPS 200 at the appliance's tunnel address $gateway"
        else
            fail "through the tunnel: no HTTPS 200 from the appliance's tunnel address '${gateway:-none}' (got $code)"
        fi
        t_online=$(date +%s)
        if await_online true 60; then
            figure "VPN: client up to API online: $(( $(date +%s) - t_online )) s"
            pass "GET /api/v1/devices/$device_id: vpn.online true"
            if [ "$(json vpn.tunnelAddress)" = "$tunnel_address" ]; then pass "the API's tunnelAddress is the client's ($tunnel_address)"; else fail "the API's tunnelAddress is $(json vpn.tunnelAddress), the client has $tunnel_address"; fi
        else
            fail "the device did not turn online in the API within 60 s ($api_status $(cat "$tmp/api.json" 2>/dev/null))"
        fi
    fi
    echo "stopping the OpenVPN client (pid $client_pid)"
    kill "$client_pid" 2>/dev/null || true
    for _ in $(seq 20); do kill -0 "$client_pid" 2>/dev/null || break; sleep 1; done
    if kill -0 "$client_pid" 2>/dev/null; then
        fail "the OpenVPN client did not stop in 20 s"
        kill -KILL "$client_pid"
    fi
    wait "$client_pid" 2>/dev/null || true
    client_pid=
    rm -f "$tmp/device.auth" "$tmp/client.ovpn" "$tmp/device.ovpn"
    if ip link show "$tun" >/dev/null 2>&1; then fail "$tun is still there after the client stopped"; else pass "the client stopped; $tun is gone from this host"; fi
    if [ "$up" = 1 ]; then
        t_offline=$(date +%s)
        if await_online false 60; then
            figure "VPN: client stopped to API offline: $(( $(date +%s) - t_offline )) s"
            pass "GET /api/v1/devices/$device_id: vpn.online false after the client stopped"
        else
            fail "the device is still online in the API 60 s after the client stopped"
        fi
    fi
fi

# ---------------------------------------------------------------------------------------------
echo "== step 8b: a technician connection end to end: the granted PLC port answers through the appliance, nothing else"
# The device of step 8 gets a PLC (tcp/102) and an HMI (tcp/80); a new technician (one-time password, own password,
# authenticator enrolled in the portal as a person does it) is granted the PLC only. The reference device runs on
# this host in namespaces it makes; its router reaches QEMU's forward on 127.0.0.1 through udp_relay.py on the host
# end of its WAN cable. The technician's OpenVPN client runs on this host too (the device's /24 routed into its tun,
# nothing else). Every probe is real traffic through the appliance's forward path.
conn_ready=0
if [ "$vpn_ready" = 1 ] && [ "$run_client" = 1 ]; then conn_ready=1; fi
probe() { /usr/bin/python3 "$repo/webapp/src/test/resources/io/keyswitch/testing/probe.py" "$@"; }
if [ "$conn_ready" = 1 ]; then
    api POST "/devices/$device_id/components" '{"name":"PLC","ip":"192.168.77.10","services":"tcp/102","reason":"appliance test"}'
    plc_id=$(json id 2>/dev/null || true)
    api POST "/devices/$device_id/components" '{"name":"HMI","ip":"192.168.77.20","services":"tcp/80","reason":"appliance test"}'
    api POST /groups '{"name":"Technicians","rights":["device:connect"],"reason":"appliance test"}'
    group_id=$(json id 2>/dev/null || true)
    api POST /users "{\"username\":\"tech\",\"fullName\":\"Appliance Technician\",\"groupIds\":[${group_id:-0}],\"reason\":\"appliance test\"}"
    if [ "$api_status" = 201 ]; then
        (umask 077; json oneTimePassword > "$tmp/tech.otp"; printf 'Ks9%s' "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" > "$tmp/tech.pw")
        tech_id=$(json user.id)
    fi
    rm -f "$tmp/api.json"
    api POST /grants "{\"subjectType\":\"USER\",\"userId\":${tech_id:-0},\"scopeType\":\"COMPONENTS\",\"deviceId\":$device_id,\"componentIds\":[${plc_id:-0}],\"reason\":\"PLC only\"}"
    if [ "$api_status" = 201 ] && [ -n "${tech_id:-}" ]; then
        pass "a technician, a group with device:connect and a grant on the PLC only, through the API"
    else
        fail "technician, group or grant not made through the API ($api_status $(cat "$tmp/api.json" 2>/dev/null))"; conn_ready=0
    fi
fi
if [ "$conn_ready" = 1 ]; then
    if (cd "$here" && /usr/bin/python3 technician.py "$base" --account system --user tech --password-file "$tmp/tech.otp" \
            --new-password-file "$tmp/tech.pw" --totp-file "$tmp/tech.totp") > "$tmp/technician.txt" 2>&1; then
        pass "the technician's first login in the portal: own password, authenticator app enrolled"
    else
        fail "the technician's first login (below)"; cat "$tmp/technician.txt"; conn_ready=0
    fi
    if ! store_token tech "$tmp/tech-header"; then
        fail "could not store the technician's API token in the guest's database"; conn_ready=0
    fi
fi
tech_api() { # tech_api METHOD PATH [JSON]: as api, with the technician's token
    local saved=$tmp/auth-header.saved
    cp "$tmp/auth-header" "$saved"; cp "$tmp/tech-header" "$tmp/auth-header"
    api "$@"
    cp "$saved" "$tmp/auth-header"; rm -f "$saved"
}
if [ "$conn_ready" = 1 ]; then
    api POST "/devices/$device_id/vpn-profile" '{"reason":"router of the appliance test"}'
    /usr/bin/python3 -c 'import json, os, sys
os.umask(0o077)
p = json.load(open(sys.argv[1]))
open(sys.argv[2], "w").write(p["profile"])
open(sys.argv[3], "w").write(p["identity"] + "\n" + p["secret"] + "\n")' "$tmp/api.json" "$tmp/router.ovpn" "$tmp/router.auth"
    api GET "/devices/$device_id"
    virtual=$(json virtualSubnet)
    refdev=ksat
    if KS_REMOTE=10.255.250.1 KS_WAN_NET=10.255.250.0 KS_LAN_NET=192.168.77.0/24 \
            appliance/reference-device/up.sh "$refdev" "$tmp/router.ovpn" "$tmp/router.auth" "$virtual" > "$tmp/refdev.txt" 2>&1; then
        # the router dials the profile's port (the account's, 1194 for the first) on the host end of its cable
        profile_port=$(awk '/^remote / { print $3; exit }' "$tmp/router.ovpn")
        /usr/bin/python3 "$here/udp_relay.py" 10.255.250.1 "${profile_port:-1194}" "$vpn_port" > "$tmp/relay.log" 2>&1 &
        relay_pid=$!
        pass "reference device up on this host (PLC 192.168.77.10, HMI .20 = ${virtual%.0/24}.10, .20)"
    else
        fail "reference device (below)"; cat "$tmp/refdev.txt"; conn_ready=0
    fi
fi
if [ "$conn_ready" = 1 ]; then
    if await_online true 120; then pass "the reference device is online in the API"; else fail "the reference device did not come online in 120 s"; conn_ready=0; fi
fi
if [ "$conn_ready" = 1 ]; then
    tech_api POST /vpn/technician-profile '{"reason":"service laptop"}'
    code=$(cd "$here" && /usr/bin/python3 -c 'import sys; from technician import next_code; print(next_code(sys.argv[1]))' "$tmp/tech.totp")
    /usr/bin/python3 -c 'import base64, json, os, sys
os.umask(0o077)
p = json.load(open(sys.argv[1]))
profile = "\n".join(l for l in p["profile"].splitlines() if not l.startswith("static-challenge"))
open(sys.argv[2], "w").write(profile + "\n")
pw, code = open(sys.argv[4]).read().strip(), sys.argv[5]
b = lambda s: base64.b64encode(s.encode()).decode()
open(sys.argv[3], "w").write(p["username"] + "\nSCRV1:" + b(pw) + ":" + b(code) + "\n")' "$tmp/api.json" "$tmp/tech.ovpn" "$tmp/tech.auth" "$tmp/tech.pw" "$code"
    sed -i "s/^remote .*/remote 127.0.0.1 $vpn_port/" "$tmp/tech.ovpn"
    ttun=kstech$$
    openvpn --config "$tmp/tech.ovpn" --auth-user-pass "$tmp/tech.auth" --dev "$ttun" --dev-type tun --route-noexec \
        --verb 3 > "$tmp/tech-client.log" 2>&1 &
    tech_pid=$!
    up=0
    for _ in $(seq 120); do grep -q 'Initialization Sequence Completed' "$tmp/tech-client.log" && { up=1; break; }; kill -0 "$tech_pid" 2>/dev/null || break; sleep 1; done
    if [ "$up" = 1 ]; then
        ip route replace "$virtual" dev "$ttun"
        pass "the technician's VPN is up (password and authenticator code, static-challenge answer)"
    else
        fail "the technician's VPN did not come up (client log tail below)"; tail -n 25 "$tmp/tech-client.log"; conn_ready=0
    fi
fi
if [ "$conn_ready" = 1 ]; then
    plc=${virtual%.0/24}.10 hmi=${virtual%.0/24}.20
    if probe tcp "$plc" 102 >/dev/null 2>&1; then fail "the PLC answers before any connection"; else pass "before Connect, nothing answers through the appliance"; fi
    t_connect=$(date +%s%N)
    tech_api POST /connections "{\"deviceId\":$device_id,\"reason\":\"appliance test\"}"
    figure "connection: Connect answered $(json state 2>/dev/null) after $(( ($(date +%s%N) - t_connect) / 1000000 )) ms (TCG guest)"
    answer=$(probe tcp "$plc" 102 2>&1 || true)
    if [ "$answer" = "keyswitch reference s7 102" ]; then pass "the granted PLC answers on tcp/102 through the appliance"; else fail "the PLC does not answer tcp/102 ($answer; $api_status $(cat "$tmp/api.json" 2>/dev/null))"; fi
    if probe http "$plc" 80 >/dev/null 2>&1; then fail "tcp/80 of the PLC answers"; else pass "tcp/80 of the PLC's address does not answer"; fi
    if probe http "$hmi" 80 >/dev/null 2>&1; then fail "the HMI answers"; else pass "the HMI (not granted) does not answer"; fi
    if qga exec --timeout 60 -- nft list set inet keyswitch_connections out | grep -q "$plc . tcp . 102"; then
        pass "the guest's forward set holds the rule (technician . $plc . tcp . 102)"
    else
        fail "the guest's forward set does not hold the PLC's rule"
    fi
    connection_id=$(json id 2>/dev/null || true)
    api POST "/connections/${connection_id:-0}/end" '{"reason":"appliance test: ended by the administrator"}'
    if [ "$api_status" = 200 ] && [ "$(json closeCause)" = ENDED ]; then pass "an administrator's End closed the connection"; else fail "End: $api_status $(cat "$tmp/api.json")"; fi
    if probe tcp "$plc" 102 >/dev/null 2>&1; then fail "the PLC still answers after End"; else pass "after End the PLC no longer answers"; fi
    if qga exec --timeout 60 -- nft list set inet keyswitch_connections out | grep -q elements; then fail "the guest's forward set is not empty after End"; else pass "the guest's forward set is empty after End"; fi
fi
for pid in $tech_pid $relay_pid; do kill "$pid" 2>/dev/null || true; done
tech_pid='' relay_pid=''
if [ -n "$refdev" ]; then appliance/reference-device/down.sh "$refdev" > /dev/null 2>&1 || true; refdev=; fi
rm -f "$tmp/tech.otp" "$tmp/tech.pw" "$tmp/tech.totp" "$tmp/tech.totp.used" "$tmp/tech.auth" "$tmp/tech-header" "$tmp/router.auth"

rm -f "$tmp/auth-header" "$tmp/api.json"

# ---------------------------------------------------------------------------------------------
echo "== step 9: after the first login and the VPN: still healthy, then power off"
if [ "$guest_ok" = 1 ]; then
    if qga exec --timeout 60 -- /bin/sh -c '[ -z "$(systemctl list-units --state=failed --no-legend --plain)" ] && systemctl is-active --quiet keyswitch-portal.service'; then
        pass "after setup and the first login: portal active, no failed units"
    else
        fail "after setup and the first login: a unit failed or the portal is down"
    fi
    qga exec --timeout 60 -- /bin/sh -c 'awk "/^MemTotal/ { t = \$2 } /^MemAvailable/ { a = \$2 } END { printf \"memory after setup: used %d MiB of %d MiB (MemTotal - MemAvailable)\\n\", (t - a) / 1024, t / 1024 }" /proc/meminfo; ps -eo rss=,comm= --sort=-rss | head -n 8 | awk "{ printf \"rss after setup: %-20s %6d MiB\\n\", \$2, \$1 / 1024 }"' > "$tmp/after.txt" 2>&1 || true
    while read -r line; do figure "$line"; done < "$tmp/after.txt"
    # The portal's JVM must have run as one process from the first boot to here: a restart (NRestarts > 0,
    # or a second start job in the journal) fails the test whatever its cause, so that a crash of ours
    # cannot hide among an emulator's. The hs_err files are kept as artifacts (collect_artifacts).
    qga exec --timeout 60 -- /bin/sh -c 'echo "restarts=$(systemctl show -p NRestarts --value keyswitch-portal.service)"
        echo "starts=$(journalctl -b -o cat UNIT=keyswitch-portal.service MESSAGE_ID=7d4958e842da4a758f6c1cdc7b36dcc5 | grep -c .)"
        echo "fatal=$(journalctl -b -o cat -u keyswitch-portal.service -u keyswitch-firstboot.service | grep -c "A fatal error has been detected by the Java Runtime Environment")"
        echo "hs_err=$(find / -xdev -name "hs_err_pid*.log" -type f | grep -c .)"' > "$tmp/starts.txt" 2>&1 || true
    p_restarts=$(sed -n 's/^restarts=//p' "$tmp/starts.txt") p_starts=$(sed -n 's/^starts=//p' "$tmp/starts.txt")
    p_fatal=$(sed -n 's/^fatal=//p' "$tmp/starts.txt") p_hs_err=$(sed -n 's/^hs_err=//p' "$tmp/starts.txt")
    figure "portal restarts this boot: NRestarts ${p_restarts:-?}, start jobs ${p_starts:-?}; JVM fatal errors in the journal ${p_fatal:-?}, hs_err files ${p_hs_err:-?} (-accel $accel)"
    if [ "$p_restarts" = 0 ] && [ "$p_starts" = 1 ]; then
        pass "the portal ran as one process for the whole test (NRestarts 0, one start job in the journal)"
    else
        fail "the portal restarted during the test (NRestarts ${p_restarts:-?}, start jobs ${p_starts:-?}, JVM fatal errors ${p_fatal:-?}; hs_err files go to $artifacts)"
    fi
    # A restart of the portal (an administrator's, an update's): the start page answers while it is down
    # and deploys, the portal again once it answers. After the check above, which a restart would fail.
    echo "restarting the portal: what 443 and 80 answer meanwhile"
    : > "$tmp/start-window.txt"; : > "$tmp/leaks.txt"
    t_restart=$(date +%s)
    qga exec --timeout 60 -- systemctl restart --no-block keyswitch-portal.service || true
    back=0
    while [ $(( $(date +%s) - t_restart )) -lt 1500 ]; do
        probe_start_window "$t_restart"
        if [ "$probe_https" = 200 ] && grep -q ' start-page ' "$tmp/start-window.txt"; then back=1; break; fi
        sleep 2
    done
    if [ "$back" = 1 ]; then
        figure "portal restart: the portal answers again after $(( $(date +%s) - t_restart )) s (TCG)"
        pass "after a restart the portal answers again"
    else
        fail "the portal did not come back within 1500 s of a restart (or the start page never answered meanwhile)"
    fi
    check_start_window "portal restart"
    collect_artifacts
    echo "powering the guest off"
    qga shutdown || true
    for _ in $(seq 60); do kill -0 "$qemu_pid" 2>/dev/null || break; sleep 2; done
    if kill -0 "$qemu_pid" 2>/dev/null; then fail "guest did not power off in 120 s"; else pass "guest powered off cleanly"; qemu_pid=; fi
fi

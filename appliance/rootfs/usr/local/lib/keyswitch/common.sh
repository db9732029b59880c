# shellcheck shell=sh
# Functions shared by the first boot and the console. Sourced, never run.

KEYSWITCH_HOME=/var/lib/keyswitch
# shellcheck disable=SC2034 # used by the scripts that source this file
KEYSWITCH_ETC=/etc/keyswitch
NETWORK_FILE=/etc/systemd/network/10-keyswitch.network
SETUP_CODE_FILE=$KEYSWITCH_HOME/setup-code

# valid_ipv4 ADDRESS: true if ADDRESS is a dotted quad of 0..255.
valid_ipv4() {
    case $1 in
        *[!0-9.]* | .* | *. | *..*) return 1 ;;
    esac
    old_ifs=$IFS; IFS=.
    # shellcheck disable=SC2086
    set -- $1
    IFS=$old_ifs
    [ $# -eq 4 ] || return 1
    for octet in "$@"; do
        [ ${#octet} -le 3 ] && [ "$octet" -le 255 ] || return 1
    done
}

# valid_prefix N: true for 1..32.
valid_prefix() {
    case $1 in '' | *[!0-9]*) return 1 ;; esac
    [ "$1" -ge 1 ] && [ "$1" -le 32 ]
}

# valid_hostname NAME: RFC 1123 host name (labels of letters, digits, hyphens).
valid_hostname() {
    printf '%s' "$1" | grep -Eq '^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$' &&
        [ ${#1} -le 253 ]
}

# ovf_property OVFENV KEY: the value of one property in an OVF environment document, e.g.
# <Property oe:key="net.address" oe:value="192.0.2.10"/>  ->  192.0.2.10 (nothing if absent).
ovf_property() {
    printf '%s' "$1" | tr '\n' ' ' | grep -o "oe:key=\"$2\"[[:space:]]*oe:value=\"[^\"]*\"" |
        sed 's/.*oe:value="\([^"]*\)"/\1/' | head -n 1
}

# write_network_dhcp: DHCP on every ethernet NIC.
write_network_dhcp() {
    umask 022
    cat > "$NETWORK_FILE.tmp" <<EON
# Written by Keyswitch ($(date -u +%Y-%m-%dT%H:%M:%SZ)): DHCP
[Match]
Type=ether
Name=en* eth*

[Network]
DHCP=yes
EON
    mv "$NETWORK_FILE.tmp" "$NETWORK_FILE"
}

# write_network_static ADDRESS PREFIX GATEWAY DNS...: a static IPv4 configuration.
write_network_static() {
    address=$1 prefix=$2 gateway=$3
    shift 3
    valid_ipv4 "$address" || { echo "not an IPv4 address: $address" >&2; return 1; }
    valid_prefix "$prefix" || { echo "not a prefix length (1-32): $prefix" >&2; return 1; }
    if [ -n "$gateway" ]; then valid_ipv4 "$gateway" || { echo "not an IPv4 gateway: $gateway" >&2; return 1; }; fi
    for dns in "$@"; do valid_ipv4 "$dns" || { echo "not an IPv4 DNS server: $dns" >&2; return 1; }; done
    umask 022
    {
        echo "# Written by Keyswitch ($(date -u +%Y-%m-%dT%H:%M:%SZ)): static"
        printf '[Match]\nType=ether\nName=en* eth*\n\n[Network]\nAddress=%s/%s\n' "$address" "$prefix"
        [ -z "$gateway" ] || printf 'Gateway=%s\n' "$gateway"
        for dns in "$@"; do printf 'DNS=%s\n' "$dns"; done
    } > "$NETWORK_FILE.tmp"
    mv "$NETWORK_FILE.tmp" "$NETWORK_FILE"
}

# apply_network: make systemd-networkd take the new file.
apply_network() {
    networkctl reload
    for link in $(networkctl list --no-legend 2>/dev/null | awk '$3 == "ether" { print $2 }'); do
        networkctl reconfigure "$link" || true
    done
}

# set_hostname NAME
set_hostname() {
    valid_hostname "$1" || { echo "not a host name: $1" >&2; return 1; }
    short=${1%%.*}
    hostnamectl set-hostname "$1" 2>/dev/null || echo "$1" > /etc/hostname
    sed -i "s/^127\.0\.1\.1 .*/127.0.1.1 $1 $short/" /etc/hosts
}

# primary_ipv4: the first global IPv4 address, or nothing.
primary_ipv4() {
    ip -4 -o addr show scope global 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }'
}

# setup_code: the one-time setup code, or nothing once it has been used.
setup_code() {
    [ -s "$SETUP_CODE_FILE" ] && head -n 1 "$SETUP_CODE_FILE"
}

# certificate_sha256: the SHA-256 fingerprint of the certificate in the portal's key store (the one it
# serves), as browsers show it (AB:CD:...:EF), or nothing. The key store password goes to openssl in a
# file (-passin file:), never on a command line.
certificate_sha256() {
    [ -s "$KEYSWITCH_HOME/keystore.p12" ] && [ -r "$KEYSWITCH_ETC/keystore.pass" ] || return 0
    openssl pkcs12 -in "$KEYSWITCH_HOME/keystore.p12" -passin "file:$KEYSWITCH_ETC/keystore.pass" -nokeys -clcerts 2>/dev/null |
        openssl x509 -noout -fingerprint -sha256 2>/dev/null | sed 's/^[^=]*=//'
}

# portal_authorize ACTION ACCOUNT USER PASSWORD_FILE: asks the portal (on loopback only) whether this
# is an active system administrator's password; ACTION is network, ssh, reboot or shutdown. The password goes
# to curl from a file (name@file), never on a command line. Prints the portal's answer when it says no.
portal_authorize() {
    answer=$(curl -sk --max-time 30 -w '\n%{http_code}' \
        --data-urlencode "action=$1" --data-urlencode "account=$2" --data-urlencode "username=$3" \
        --data-urlencode "password@$4" https://127.0.0.1/appliance/console-check 2>/dev/null) || answer="
000"
    status=$(printf '%s\n' "$answer" | tail -n 1)
    [ "$status" = 204 ] && return 0
    if [ "$status" = 000 ]; then echo "The portal does not answer."; else printf '%s\n' "$answer" | sed '$d'; fi
    return 1
}

# random_secret: 32 characters of [A-Za-z0-9] from the kernel's CSPRNG.
random_secret() {
    # 64 random bytes -> base64 (86 characters) -> letters and digits only (~83) -> the first 32.
    # cut reads all its input, so nothing in the pipe dies of SIGPIPE.
    head -c 64 /dev/urandom | base64 -w 0 | tr -dc 'A-Za-z0-9' | cut -c 1-32
}

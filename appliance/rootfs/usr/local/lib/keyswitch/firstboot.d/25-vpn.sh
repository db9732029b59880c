# shellcheck shell=sh
# Step 25: the portal's VPN settings in portal.env. The portal starts its per-account
# openvpn-server@acct-<id> units with plain systemctl (allowed by the polkit rule), and every
# device profile dials KEYSWITCH_VPN_PUBLIC_HOST: the host name, which step 10 took from the OVF
# property "hostname" when there is one. A line already there is kept (an administrator's choice).
. /usr/local/lib/keyswitch/common.sh

env_file=$KEYSWITCH_ETC/portal.env
[ -s "$env_file" ] || { echo "  no $env_file (step 20 makes it)" >&2; exit 1; }
host=$(hostname)
valid_hostname "$host" || { echo "  the host name '$host' is not a DNS name" >&2; exit 1; }
for setting in KEYSWITCH_VPN_SYSTEMCTL=systemctl "KEYSWITCH_VPN_PUBLIC_HOST=$host"; do
    if grep -q "^${setting%%=*}=" "$env_file"; then
        echo "  ${setting%%=*} already set: $(grep "^${setting%%=*}=" "$env_file")"
    else
        echo "  setting $setting"
        printf '%s\n' "$setting" >> "$env_file"
    fi
done

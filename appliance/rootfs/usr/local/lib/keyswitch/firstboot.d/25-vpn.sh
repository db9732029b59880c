# shellcheck shell=sh
# Step 25: the portal's VPN settings in portal.env. The portal starts its per-account
# openvpn-server@acct-<id> units with plain systemctl (allowed by the polkit rule). Profiles dial
# the DNS name chosen in the setup wizard (or on the DNS name page); an administrator may pin
# another with KEYSWITCH_VPN_PUBLIC_HOST. A line already there is kept (an administrator's choice).
. /usr/local/lib/keyswitch/common.sh

env_file=$KEYSWITCH_ETC/portal.env
[ -s "$env_file" ] || { echo "  no $env_file (step 20 makes it)" >&2; exit 1; }
setting=KEYSWITCH_VPN_SYSTEMCTL=systemctl
if grep -q "^${setting%%=*}=" "$env_file"; then
    echo "  ${setting%%=*} already set: $(grep "^${setting%%=*}=" "$env_file")"
else
    echo "  setting $setting"
    printf '%s\n' "$setting" >> "$env_file"
fi

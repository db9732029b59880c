#!/bin/sh -eu
# Unit test of the appliance console (appliance/rootfs/usr/local/sbin/keyswitch-console): after setup,
# changing the network needs a portal system administrator's password like SSH, reboot and shut down
# (someone at the VM console must not be able to move the appliance to another network); before setup
# it does not (the first administrator does not exist yet). whiptail, the portal's check and the
# network functions are stand-ins that record what was called (the console calls them: SC2317).
# Runs on the build host; needs only sh.
# shellcheck disable=SC2317
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib/assert.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export KEYSWITCH_CONSOLE_LIB=1 KEYSWITCH_LIB="$here/../rootfs/usr/local/lib/keyswitch" KEYSWITCH_CONSOLE_RUN="$tmp/run"
mkdir -p "$tmp/run"
. "$here/../rootfs/usr/local/sbin/keyswitch-console"

# Stand-ins: whiptail answers "dhcp" to the network menu and "system"/"admin" to questions; the
# portal's check says yes or no as $portal_says; the network functions only record that they ran.
whiptail() {
    for arg in "$@"; do
        case $arg in
            --menu) echo dhcp >&2; return 0 ;;
            --inputbox) echo answer >&2; return 0 ;;
            --passwordbox) echo secret >&2; return 0 ;;
        esac
    done
    return 0
}
portal_authorize() { echo "$1" >> "$tmp/asked"; [ "$portal_says" = yes ] || { echo "Wrong account, user name or password."; return 1; }; }
write_network_dhcp() { echo dhcp >> "$tmp/written"; }
write_network_static() { echo static >> "$tmp/written"; }
apply_network() { echo applied >> "$tmp/applied"; }
reset_records() { rm -f "$tmp/asked" "$tmp/written" "$tmp/applied"; }

setup_done() { return 0; }
portal_says=no
reset_records
network_menu
check "after setup, a refused password leaves the network as it was" test ! -e "$tmp/written"
check "after setup, the portal is asked for the action network" grep -qx network "$tmp/asked"

portal_says=yes
reset_records
network_menu
check "after setup, a system administrator's password lets DHCP be set" grep -qx dhcp "$tmp/written"
check "after setup, the new network is applied" test -e "$tmp/applied"

setup_done() { return 1; }
portal_says=no
reset_records
network_menu
check "before setup, the network is set without asking the portal" grep -qx dhcp "$tmp/written"
check "before setup, the portal is not asked" test ! -e "$tmp/asked"
finish

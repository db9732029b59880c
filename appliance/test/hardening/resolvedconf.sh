# Test of appliance/hardening/resolvedconf.sh: no LLMNR or mDNS listeners.
# shellcheck shell=sh
f=/etc/systemd/resolved.conf.d/90-keyswitch.conf
check "$f: LLMNR=no" file_has "$f" '^LLMNR=no$'
check "$f: MulticastDNS=no" file_has "$f" '^MulticastDNS=no$'
if live; then
    check "nothing listens on 5355 (LLMNR)" sh -c '! ss -Hltun | awk "{ print \$5 }" | grep -Eq ":5355\$"'
    check "nothing listens on 5353 (mDNS)" sh -c '! ss -Hlun | awk "{ print \$4 }" | grep -Eq ":5353\$"'
fi
finish

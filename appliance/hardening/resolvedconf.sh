# Source: konstruktoid/hardening scripts/resolvedconf; IEC 62443-3-3 SR 7.7 (least functionality).
# shellcheck shell=sh
# Control: systemd-resolved answers nobody but this host: no LLMNR (5355) and no multicast DNS
# (5353) listeners on the network; DNSSEC where the upstream servers support it.
echo "hardening: resolvedconf: /etc/systemd/resolved.conf.d/90-keyswitch.conf"
install -d -m 0755 /etc/systemd/resolved.conf.d
cat > /etc/systemd/resolved.conf.d/90-keyswitch.conf <<'EOC'
# Keyswitch hardening (appliance/hardening/resolvedconf.sh)
[Resolve]
LLMNR=no
MulticastDNS=no
DNSSEC=allow-downgrade
EOC
systemctl restart systemd-resolved.service

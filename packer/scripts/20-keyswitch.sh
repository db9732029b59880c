# shellcheck shell=sh
# Provisioning 20 (in the build VM, as root): the portal, its user, the appliance's own files.
src=/tmp/ks-build
echo "provision: system user keyswitch (no login, home /var/lib/keyswitch)"
id keyswitch >/dev/null 2>&1 || adduser --system --group --home /var/lib/keyswitch --shell /usr/sbin/nologin keyswitch
install -d -m 0750 -o keyswitch -g keyswitch /var/lib/keyswitch
echo "provision: /opt/keyswitch (WAR, Payara Micro, VERSION ${KEYSWITCH_VERSION})"
install -d -m 0755 /opt/keyswitch
install -m 0644 "$src/keyswitch.war" /opt/keyswitch/keyswitch.war
install -m 0644 "$src/payara-micro.jar" /opt/keyswitch/payara-micro.jar
echo "$KEYSWITCH_VERSION" > /opt/keyswitch/VERSION
echo "provision: appliance files (units, first boot, console, nftables, MariaDB)"
(cd "$src/appliance/rootfs" && find . -type f) | while read -r f; do
    case $f in
        ./usr/local/sbin/* | ./usr/local/libexec/*) mode=0755 ;;
        *) mode=0644 ;;
    esac
    install -D -m "$mode" -o root -g root "$src/appliance/rootfs/$f" "/$f"
done
install -D -m 0644 "$src/install.md" /usr/share/doc/keyswitch/install.md
echo "provision: enable first boot and console; the portal is enabled by the first boot"
systemctl daemon-reload
systemctl enable keyswitch-firstboot.service keyswitch-console.service
echo "provision: the firewall helper's socket (the helper starts on the portal's first request)"
systemctl enable keyswitch-firewall.socket
systemctl mask getty@tty1.service serial-getty@ttyS0.service
echo "provision: no OpenVPN instance until the portal configures one"
systemctl disable openvpn.service >/dev/null 2>&1 || true
echo "provision: /etc/openvpn/server root:keyswitch 0775 (the portal writes the instances' configs)"
# A stat override, so an upgrade of the openvpn package keeps owner and mode.
dpkg-statoverride --list /etc/openvpn/server >/dev/null && dpkg-statoverride --remove /etc/openvpn/server
dpkg-statoverride --update --add root keyswitch 0775 /etc/openvpn/server
# The portal runs with UMask=0077 and asks for 0644 (configs, certificates, CRL) and 0600 (keys);
# the umask would make everything 0600 keyswitch, and OpenVPN, which re-reads crl.pem as nobody
# at each handshake, would refuse every client. A default ACL replaces the umask in this folder
# (and the acct-<id> folders made in it), so files get exactly the mode the portal asks for.
setfacl -d -m u::rwx,g::r-x,o::r-x /etc/openvpn/server
echo "provision: polkitd (the rule lets keyswitch start/stop/restart openvpn-server@acct-<id> only)"
systemctl is-enabled --quiet polkit.service || { echo "polkit.service is not enabled" >&2; exit 1; }
echo "provision: MariaDB with the Keyswitch settings"
systemctl restart mariadb.service

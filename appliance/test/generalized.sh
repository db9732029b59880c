# Generalization test: the image carries nothing of the machine it was built on and no secret.
# Run against the root file system of the built image (mounted read-only), never live.
# shellcheck shell=sh
if live; then not_ok "generalized.sh must run against the image's root file system, not live"; finish; exit; fi
check "/etc/machine-id exists and is empty (systemd makes one at first boot)" sh -c "[ -f '$ROOT/etc/machine-id' ] && [ ! -s '$ROOT/etc/machine-id' ]"
check "/var/lib/dbus/machine-id is absent or a link to /etc/machine-id" sh -c "[ ! -e '$ROOT/var/lib/dbus/machine-id' ] || [ -L '$ROOT/var/lib/dbus/machine-id' ]"
check "no SSH host keys" sh -c "! ls '$ROOT'/etc/ssh/ssh_host_* >/dev/null 2>&1"
check "no systemd random seed" no_file /var/lib/systemd/random-seed
check "no journal files" sh -c "[ -z \"\$(find '$ROOT/var/log/journal' -type f 2>/dev/null)\" ]"
check "every file under /var/log is empty" sh -c "[ -z \"\$(find '$ROOT/var/log' -type f -size +0 2>/dev/null)\" ]"
check "no DHCP leases" sh -c "[ -z \"\$(find '$ROOT/var/lib/dhcp' '$ROOT/var/lib/systemd/network' -type f 2>/dev/null)\" ]"
check "the build user is gone (passwd)" sh -c "! grep -q '^ksbuild:' '$ROOT/etc/passwd'"
check "the build user is gone (shadow)" sh -c "! grep -q '^ksbuild:' '$ROOT/etc/shadow'"
check "the build user's home is gone" no_file /home/ksbuild
check "the build user's sudoers entry is gone" no_file /etc/sudoers.d/90-ksbuild
check "no authorized_keys anywhere" sh -c "[ -z \"\$(find '$ROOT/root' '$ROOT/home' '$ROOT/etc' -name authorized_keys 2>/dev/null)\" ]"
check "no shell history" sh -c "[ -z \"\$(find '$ROOT/root' '$ROOT/home' -name '.*history' 2>/dev/null)\" ]"
check "no build leftovers in /tmp" sh -c "[ -z \"\$(ls -A '$ROOT/tmp' 2>/dev/null)\" ]"
check "no first-boot marker (first boot not yet run)" no_file /var/lib/keyswitch/.firstboot-done
check "no secrets made yet (portal.env)" no_file /etc/keyswitch/portal.env
check "no secrets made yet (jvm.args)" no_file /etc/keyswitch/jvm.args
check "no keystore yet" no_file /var/lib/keyswitch/keystore.p12
check "no setup code yet" no_file /var/lib/keyswitch/setup-code
check "no portal database yet" no_file /var/lib/mysql/keyswitch
check "no apt package lists (downloaded fresh)" sh -c "[ -z \"\$(find '$ROOT/var/lib/apt/lists' -maxdepth 1 -type f -name '*_Packages*' 2>/dev/null)\" ]"
check "no .deb in the apt cache" sh -c "[ -z \"\$(find '$ROOT/var/cache/apt/archives' -name '*.deb' 2>/dev/null)\" ]"
check "the portal is installed (/opt/keyswitch/keyswitch.war)" test -s "$ROOT/opt/keyswitch/keyswitch.war"
check "Payara Micro is installed (/opt/keyswitch/payara-micro.jar)" test -s "$ROOT/opt/keyswitch/payara-micro.jar"
check "the first boot is enabled" test -L "$ROOT/etc/systemd/system/multi-user.target.wants/keyswitch-firstboot.service"
finish

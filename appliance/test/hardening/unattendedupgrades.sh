# Test of appliance/hardening/unattendedupgrades.sh: daily security updates.
# shellcheck shell=sh
check "unattended-upgrades is installed" test -x "$ROOT/usr/bin/unattended-upgrade"
check "APT::Periodic::Unattended-Upgrade \"1\"" file_has /etc/apt/apt.conf.d/20auto-upgrades '^APT::Periodic::Unattended-Upgrade "1";$'
check "APT::Periodic::Update-Package-Lists \"1\"" file_has /etc/apt/apt.conf.d/20auto-upgrades '^APT::Periodic::Update-Package-Lists "1";$'
check "origins: the Debian security suite" file_has /etc/apt/apt.conf.d/52keyswitch-unattended-upgrades 'codename=\$\{distro_codename\}-security'
check "apt-daily-upgrade.timer is enabled" test -L "$ROOT/etc/systemd/system/timers.target.wants/apt-daily-upgrade.timer"
if live; then check "apt-daily-upgrade.timer is active" systemctl is-active --quiet apt-daily-upgrade.timer; fi
finish

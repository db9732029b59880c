# Source: Debian wiki UnattendedUpgrades; IEC 62443-3-3 SR 3.2 (malicious code protection: patching).
# shellcheck shell=sh
# Control: Debian security updates are installed automatically every day.
echo "hardening: unattendedupgrades: daily security updates"
cat > /etc/apt/apt.conf.d/20auto-upgrades <<'EOC'
// Keyswitch hardening (appliance/hardening/unattendedupgrades.sh)
APT::Periodic::Update-Package-Lists "1";
APT::Periodic::Unattended-Upgrade "1";
APT::Periodic::AutocleanInterval "7";
EOC
cat > /etc/apt/apt.conf.d/52keyswitch-unattended-upgrades <<'EOC'
// Keyswitch hardening (appliance/hardening/unattendedupgrades.sh): security updates only.
Unattended-Upgrade::Origins-Pattern {
        "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";
};
Unattended-Upgrade::Automatic-Reboot "false";
EOC
systemctl enable apt-daily.timer apt-daily-upgrade.timer >/dev/null

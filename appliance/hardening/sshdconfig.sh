# Source: konstruktoid/hardening scripts/sshdconfig; Mozilla OpenSSH guidelines (modern); IEC 62443-3-3 SR 1.7, 4.3.
# shellcheck shell=sh
# Control: when an administrator turns SSH on, sshd allows keys only, no root, no forwarding.
echo "hardening: sshdconfig: /etc/ssh/sshd_config.d/10-keyswitch.conf"
rm -f /etc/ssh/sshd_config.d/00-build.conf
install -d -m 0755 /etc/ssh/sshd_config.d
cat > /etc/ssh/sshd_config.d/10-keyswitch.conf <<'EOC'
# Keyswitch hardening (appliance/hardening/sshdconfig.sh)
PermitRootLogin no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitEmptyPasswords no
AuthenticationMethods publickey
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
PermitTunnel no
MaxAuthTries 3
LoginGraceTime 30
ClientAliveInterval 300
ClientAliveCountMax 2
LogLevel VERBOSE
KexAlgorithms sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org
Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com
MACs hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com
EOC
chmod 0644 /etc/ssh/sshd_config.d/10-keyswitch.conf

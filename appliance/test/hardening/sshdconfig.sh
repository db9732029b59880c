# Test of appliance/hardening/sshdconfig.sh: sshd would allow keys only, no root, no forwarding.
# shellcheck shell=sh
f=/etc/ssh/sshd_config.d/10-keyswitch.conf
for directive in 'PermitRootLogin no' 'PasswordAuthentication no' 'KbdInteractiveAuthentication no' \
    'PermitEmptyPasswords no' 'AuthenticationMethods publickey' 'X11Forwarding no' \
    'AllowTcpForwarding no' 'PermitTunnel no' 'MaxAuthTries 3'; do
    check "$f: $directive" file_has "$f" "^$directive\$"
done
check "the build's sshd drop-in is gone" no_file /etc/ssh/sshd_config.d/00-build.conf
check "sshd_config includes sshd_config.d" file_has /etc/ssh/sshd_config '^Include /etc/ssh/sshd_config.d/\*\.conf'
finish

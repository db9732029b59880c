# Test of appliance/hardening/sysctl.sh: the kernel and network sysctls are set.
# shellcheck shell=sh
f=/etc/sysctl.d/90-keyswitch.conf
for kv in kernel.kptr_restrict=2 kernel.dmesg_restrict=1 kernel.unprivileged_bpf_disabled=1 \
    kernel.yama.ptrace_scope=2 kernel.sysrq=0 fs.protected_symlinks=1 fs.protected_regular=2 \
    net.ipv4.conf.all.accept_redirects=0 net.ipv4.conf.all.send_redirects=0 \
    net.ipv4.conf.all.accept_source_route=0 net.ipv4.conf.all.rp_filter=1 net.ipv4.tcp_syncookies=1 \
    net.ipv6.conf.all.accept_redirects=0; do
    key=${kv%%=*}; value=${kv#*=}
    check "$f sets $key = $value" file_has "$f" "^$key = $value\$"
    if live; then check "running kernel has $key = $value" test "$(sysctl -n "$key")" = "$value"; fi
done
finish

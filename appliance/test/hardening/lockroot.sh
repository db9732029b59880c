# Test of appliance/hardening/lockroot.sh: root has no usable password.
# shellcheck shell=sh
root_pw=$(awk -F: '$1 == "root" { print $2 }' "$ROOT/etc/shadow")
case $root_pw in
    '!' | '*' | '!*' | '!!') ok "root has no password hash ($root_pw)" ;;
    *) not_ok "root has a password hash or an empty password" ;;
esac
if live; then check "passwd -S root says locked (L)" sh -c 'passwd -S root | awk "{ exit \$2 != \"L\" }"'; fi
finish

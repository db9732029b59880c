# Test of appliance/hardening/disablemod.sh: unneeded kernel modules cannot be loaded.
# shellcheck shell=sh
f=/etc/modprobe.d/90-keyswitch.conf
for m in cramfs freevxfs jffs2 hfs hfsplus udf dccp sctp rds tipc usb-storage bluetooth; do
    check "$f: $m is not loadable" file_has "$f" "^install $m /bin/false\$"
    if live; then check "modprobe would run /bin/false for $m" sh -c "modprobe -n -v $m 2>&1 | grep -q 'install /bin/false'"; fi
done
finish

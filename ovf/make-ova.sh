#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Packs a sealed raw disk into keyswitch-VERSION.ova: a streamOptimized VMDK (VMware's layout,
# made by Debian's python3-vmdkstream and checked with qemu-img), the filled and validated OVF
# descriptor, a SHA-256 manifest, the manifest's signature with the signing certificate (.cert, as
# ovftool --privateKey makes it: "SHA256(NAME.mf)= <hex RSA signature>" and the certificate in PEM),
# a ustar tar with the .ovf first, then the .mf and the .cert, then the disk, and
# keyswitch-VERSION.ova.sha256 beside it.
# Usage: ovf/make-ova.sh DISK.raw VERSION OUTDIR
# Signing key: KEYSWITCH_OVA_SIGNING_KEY and KEYSWITCH_OVA_SIGNING_CERT (see ovf/sign-manifest.sh).
here=$(cd "$(dirname "$0")" && pwd)
raw=$1 version=$2 outdir=$3
name=keyswitch-$version
work=$(mktemp -d /tmp/keyswitch-ova.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP

echo "make-ova: step 1/6: streamOptimized VMDK (python3-vmdkstream)"
/usr/bin/python3 -c 'import sys, VMDKstream; VMDKstream.convert_to_stream(sys.argv[1], sys.argv[2])' "$raw" "$work/$name-disk1.vmdk"
echo "make-ova: step 2/6: qemu-img check and virtual size"
qemu-img check -f vmdk "$work/$name-disk1.vmdk"
vsize=$(qemu-img info -f vmdk --output=json "$work/$name-disk1.vmdk" | python3 -c 'import json,sys; print(json.load(sys.stdin)["virtual-size"])')
[ "$vsize" -eq $((20 * 1024 * 1024 * 1024)) ] || { echo "make-ova: VMDK virtual size $vsize is not 20 GiB" >&2; exit 1; }
head -c 4 "$work/$name-disk1.vmdk" | grep -q KDMV || { echo "make-ova: not a sparse VMDK" >&2; exit 1; }

echo "make-ova: step 3/6: OVF descriptor, validated offline"
disk_size=$(stat -c %s "$work/$name-disk1.vmdk")
populated=$(du -B1 "$raw" | cut -f1)
sh "$here/fill-ovf.sh" "$version" "$name-disk1.vmdk" "$disk_size" "$populated" > "$work/$name.ovf"
sh "$here/validate-ovf.sh" "$work/$name.ovf"

echo "make-ova: step 4/6: SHA-256 manifest"
(cd "$work" && for f in "$name.ovf" "$name-disk1.vmdk"; do
    printf 'SHA256(%s)= %s\n' "$f" "$(sha256sum "$f" | cut -d' ' -f1)"
done) > "$work/$name.mf"

echo "make-ova: step 5/6: the manifest's signature (.cert)"
sh "$here/sign-manifest.sh" "$work/$name.mf" "$version" > "$work/$name.cert"

echo "make-ova: step 6/6: ustar tar ($name.ovf, $name.mf, $name.cert, $name-disk1.vmdk) and its SHA-256"
mkdir -p "$outdir"
(cd "$work" && tar --format=ustar --owner=0 --group=0 --numeric-owner --mode=0644 \
    -cf "$work/$name.ova" "$name.ovf" "$name.mf" "$name.cert" "$name-disk1.vmdk")
mv "$work/$name.ova" "$outdir/$name.ova"
(cd "$outdir" && sha256sum "$name.ova" > "$name.ova.sha256")
echo "make-ova: $outdir/$name.ova ($(stat -c %s "$outdir/$name.ova") bytes)"

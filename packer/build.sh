#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# The one build command for the appliance: target/appliance/keyswitch-<version>.ova (+ .sha256).
#   1. version from the Maven project, the WAR and Payara Micro from `mvn -B -q -Dmaven.test.skip=true package`
#      (or from KEYSWITCH_WAR / KEYSWITCH_PAYARA_JAR when set)
#   2. packer validate, then a per-build SSH key and the mmdebstrap base disk (packer/base-image.sh)
#   3. packer build (qemu, TCG): packages, the portal, the appliance files, hardening; the build
#      user is removed before shutdown
#   4. seal (generalize) the disk and test its root file system (packer/seal-image.sh)
#   5. VMDK + OVF + manifest + OVA (ovf/make-ova.sh)
# Needs root (loop devices, mount) and: packer mmdebstrap qemu-system-x86 qemu-utils parted
# fdisk libxml2-utils python3-vmdkstream (Debian's /usr/bin/python3), plus Maven and a JDK 17.
# Environment: KEYSWITCH_OVA_DIR (default target/appliance), KEYSWITCH_WAR, KEYSWITCH_PAYARA_JAR,
# DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR, KEYSWITCH_KEEP_BUILD=1 keeps the build folder.
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
start=$(date +%s)
outdir=${KEYSWITCH_OVA_DIR:-$repo/target/appliance}
build=$repo/packer/build
keep=${KEYSWITCH_KEEP_BUILD:-0}

for tool in packer mmdebstrap qemu-system-x86_64 qemu-img parted partx losetup xmllint python3 mvn ssh-keygen; do
    command -v "$tool" >/dev/null || { echo "build: missing tool: $tool" >&2; exit 1; }
done
/usr/bin/python3 -c 'import VMDKstream' || { echo "build: missing python3-vmdkstream" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "build: must run as root (loop devices)" >&2; exit 1; }

cleanup() {
    rc=$?
    if [ "$keep" = 1 ] && [ "$rc" -ne 0 ]; then
        echo "build: failed (exit code $rc); build folder kept: $build"
    else
        rm -rf "$build"
    fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

echo "build: step 1/6: version and the portal"
version=$(mvn -B -q -Dstyle.color=never help:evaluate -Dexpression=project.version -DforceStdout | sed 's/\x1b\[[0-9;]*m//g')
case $version in *[!0-9A-Za-z.+~-]* | '') echo "build: odd version '$version'" >&2; exit 1 ;; esac
if [ -z "${KEYSWITCH_WAR:-}" ] || [ -z "${KEYSWITCH_PAYARA_JAR:-}" ]; then
    # The image needs the WAR and Payara Micro only; test sources are the other tiers' business.
    mvn -B -q -Dmaven.test.skip=true package
fi
war=${KEYSWITCH_WAR:-$repo/webapp/target/keyswitch.war}
jar=${KEYSWITCH_PAYARA_JAR:-$repo/webapp/target/payara-micro.jar}
if [ ! -s "$war" ] || [ ! -s "$jar" ]; then echo "build: no WAR ($war) or Payara Micro ($jar)" >&2; exit 1; fi
echo "build: version $version, WAR $war ($(stat -c %s "$war") bytes), Payara Micro $jar"

rm -rf "$build"
mkdir -p "$build"
echo "build: step 2/6: per-build SSH key, packer validate, base disk"
ssh-keygen -q -t ed25519 -N '' -C "keyswitch-build-$(date +%s)" -f "$build/build_key"
packer validate -var "version=$version" -var "base_image=$build/base.qcow2" \
    -var "ssh_private_key_file=$build/build_key" -var "war=$war" -var "payara_micro_jar=$jar" \
    -var "output_directory=$build/output" -var "serial_log=$build/serial.log" packer/keyswitch.pkr.hcl
sh packer/base-image.sh "$build/base.raw" "$build/build_key.pub"
# Packer copies a raw base disk byte by byte (20 GB written); from qcow2 it converts it with
# qemu-img, which keeps the output sparse.
qemu-img convert -O qcow2 "$build/base.raw" "$build/base.qcow2"
rm -f "$build/base.raw"

echo "build: step 3/6: packer build (qemu, TCG; log in $build/packer.log)"
PACKER_CACHE_DIR=$build/cache PACKER_LOG=1 PACKER_LOG_PATH=$build/packer.log CHECKPOINT_DISABLE=1 packer build -color=false \
    -var "version=$version" -var "base_image=$build/base.qcow2" \
    -var "ssh_private_key_file=$build/build_key" -var "war=$war" -var "payara_micro_jar=$jar" \
    -var "output_directory=$build/output" -var "serial_log=$build/serial.log" packer/keyswitch.pkr.hcl
rm -f "$build/base.qcow2" "$build/build_key" "$build/build_key.pub"
disk=$build/output/keyswitch-$version.raw
[ -s "$disk" ] || { echo "build: packer made no disk at $disk" >&2; exit 1; }

echo "build: step 4/6: seal and test the disk"
sh packer/seal-image.sh "$disk"

echo "build: step 5/6: OVA"
sh ovf/make-ova.sh "$disk" "$version" "$outdir"

end=$(date +%s)
echo "build: step 6/6: done in $((end - start)) s: $outdir/keyswitch-$version.ova ($(stat -c %s "$outdir/keyswitch-$version.ova") bytes)"

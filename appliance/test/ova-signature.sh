#!/bin/sh -eu
# Test of the OVA's signature (ovf/sign-manifest.sh, ovf/verify-signature.sh), on the build host: a
# manifest signed with a key made for the build (thrown away) or with the key and certificate given in
# KEYSWITCH_OVA_SIGNING_KEY/_CERT verifies with openssl against the certificate in the .cert; a changed
# manifest does not; no private key is ever printed or left behind.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
ovf=$here/../../ovf
. "$here/lib/assert.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'SHA256(keyswitch-9.9.9.ovf)= %064d\nSHA256(keyswitch-9.9.9-disk1.vmdk)= %064d\n' 1 2 > "$tmp/keyswitch-9.9.9.mf"
before=$(find /tmp -maxdepth 1 -name 'keyswitch-sign.*' | wc -l)

check "signs with a key made for the build" sh -c "sh '$ovf/sign-manifest.sh' '$tmp/keyswitch-9.9.9.mf' 9.9.9 > '$tmp/keyswitch-9.9.9.cert' 2> '$tmp/sign.txt'"
check "the .cert: the manifest's SHA256 line, then the certificate" sh -c "head -n 1 '$tmp/keyswitch-9.9.9.cert' | grep -Eq '^SHA256\\(keyswitch-9\\.9\\.9\\.mf\\)= [0-9a-f]{768}\$' \
    && sed -n 2p '$tmp/keyswitch-9.9.9.cert' | grep -qx -- '-----BEGIN CERTIFICATE-----'"
check "no private key in the .cert or the output" sh -c "! grep -q 'PRIVATE KEY' '$tmp/keyswitch-9.9.9.cert' '$tmp/sign.txt'"
check "no key left behind in /tmp" test "$(find /tmp -maxdepth 1 -name 'keyswitch-sign.*' | wc -l)" = "$before"
check "the signer is the build's certificate (RSA 3072, code signing)" sh -c "sed -n '/BEGIN CERT/,/END CERT/p' '$tmp/keyswitch-9.9.9.cert' \
    | openssl x509 -noout -text | grep -q 'Public-Key: (3072 bit)' && grep -q 'CN=Keyswitch appliance build 9.9.9' '$tmp/sign.txt'"
check "the signature verifies (openssl, as vSphere checks it)" sh "$ovf/verify-signature.sh" "$tmp/keyswitch-9.9.9.mf" "$tmp/keyswitch-9.9.9.cert"
sed 's/0001$/0009/' "$tmp/keyswitch-9.9.9.mf" > "$tmp/changed.mf"
cp "$tmp/keyswitch-9.9.9.mf" "$tmp/keep.mf"
cp "$tmp/changed.mf" "$tmp/keyswitch-9.9.9.mf"
check "a changed manifest does not verify" sh -c "! sh '$ovf/verify-signature.sh' '$tmp/keyswitch-9.9.9.mf' '$tmp/keyswitch-9.9.9.cert' 2>/dev/null"
cp "$tmp/keep.mf" "$tmp/keyswitch-9.9.9.mf"

# A publisher's key and certificate, given to the build by file.
openssl req -x509 -newkey rsa:3072 -nodes -keyout "$tmp/publisher.key" -out "$tmp/publisher.pem" -days 2 \
    -subj "/O=Example Publisher/CN=Example code signing" 2>/dev/null
check "signs with KEYSWITCH_OVA_SIGNING_KEY and _CERT" sh -c "KEYSWITCH_OVA_SIGNING_KEY='$tmp/publisher.key' KEYSWITCH_OVA_SIGNING_CERT='$tmp/publisher.pem' \
    sh '$ovf/sign-manifest.sh' '$tmp/keyswitch-9.9.9.mf' 9.9.9 > '$tmp/p.cert' 2>/dev/null"
check "... and the .cert carries that certificate" sh -c "sed -n '/BEGIN CERT/,/END CERT/p' '$tmp/p.cert' | cmp -s - '$tmp/publisher.pem'"
check "... which verifies" sh -c "sh '$ovf/verify-signature.sh' '$tmp/keyswitch-9.9.9.mf' '$tmp/p.cert' | grep -q 'CN=Example code signing'"
openssl req -x509 -newkey rsa:3072 -nodes -keyout "$tmp/other.key" -out "$tmp/other.pem" -days 2 -subj "/CN=other" 2>/dev/null
check "a key that is not the certificate's is refused" sh -c "! KEYSWITCH_OVA_SIGNING_KEY='$tmp/other.key' KEYSWITCH_OVA_SIGNING_CERT='$tmp/publisher.pem' \
    sh '$ovf/sign-manifest.sh' '$tmp/keyswitch-9.9.9.mf' 9.9.9 > /dev/null 2>&1"
check "a key without its certificate is refused" sh -c "! KEYSWITCH_OVA_SIGNING_KEY='$tmp/publisher.key' \
    sh '$ovf/sign-manifest.sh' '$tmp/keyswitch-9.9.9.mf' 9.9.9 > /dev/null 2>&1"
finish

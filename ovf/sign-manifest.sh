#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Signs an OVA's manifest as ovftool --privateKey does, and prints the .cert file that goes into the
# OVA after the .mf: "SHA256(NAME.mf)= <hex of the RSA/SHA-256 signature of the manifest>", then the
# signing certificate in PEM. vSphere checks it at import and shows who signed; a changed manifest (or
# a changed file whose digest it holds) no longer matches.
# Usage: ovf/sign-manifest.sh MANIFEST VERSION > NAME.cert
# Key: KEYSWITCH_OVA_SIGNING_KEY (PEM private key file, unencrypted) and KEYSWITCH_OVA_SIGNING_CERT (its
# PEM certificate), e.g. the publisher's code-signing certificate for a release. Without them a key and a
# self-signed certificate are made for this build (RSA 3072), used once and thrown away: no key is
# ever kept in the repository, the build folder or the OVA. Progress goes to stderr.
mf=$1 version=$2
work=$(mktemp -d /tmp/keyswitch-sign.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM HUP
key=${KEYSWITCH_OVA_SIGNING_KEY:-} cert=${KEYSWITCH_OVA_SIGNING_CERT:-}
if [ -n "$key" ] || [ -n "$cert" ]; then
    if [ ! -r "$key" ] || [ ! -r "$cert" ]; then
        echo "sign-manifest: set both KEYSWITCH_OVA_SIGNING_KEY and KEYSWITCH_OVA_SIGNING_CERT to readable files" >&2
        exit 1
    fi
    echo "sign-manifest: signing with the key of $cert" >&2
else
    key=$work/signing.key cert=$work/signing.pem
    (umask 077; openssl req -x509 -newkey rsa:3072 -nodes -keyout "$key" -out "$cert" -days 1095 -sha256 \
        -subj "/O=Keyswitch/CN=Keyswitch appliance build $version $(date -u +%Y-%m-%dT%H:%M:%SZ)" \
        -addext keyUsage=critical,digitalSignature -addext extendedKeyUsage=codeSigning 2>/dev/null)
    echo "sign-manifest: no KEYSWITCH_OVA_SIGNING_KEY: signing with a certificate made for this build (its key is not kept)" >&2
fi
if [ "$(openssl pkey -in "$key" -pubout 2>/dev/null)" != "$(openssl x509 -in "$cert" -noout -pubkey)" ]; then
    echo "sign-manifest: the signing key does not belong to the signing certificate" >&2
    exit 1
fi
openssl dgst -sha256 -sign "$key" -out "$work/mf.sig" "$mf"
openssl x509 -in "$cert" -noout -pubkey > "$work/signer.pub"
openssl dgst -sha256 -verify "$work/signer.pub" -signature "$work/mf.sig" "$mf" >&2
printf 'SHA256(%s)= %s\n' "$(basename "$mf")" "$(od -An -v -tx1 "$work/mf.sig" | tr -d ' \n')"
openssl x509 -in "$cert"
echo "sign-manifest: signed by $(openssl x509 -in "$cert" -noout -subject -nameopt RFC2253), certificate $(openssl x509 -in "$cert" -noout -fingerprint -sha256)" >&2

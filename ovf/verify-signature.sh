#!/bin/sh -eu
set -eu # also when started as "sh script", which ignores the flags on line 1
# Checks an OVA's manifest signature as vSphere does at import: the .cert file's first line
# "SHA256(NAME.mf)= <hex signature>" must name the manifest and verify, with the public key of the
# certificate that follows it, against the manifest's bytes. Prints the signer; fails otherwise.
# Usage: ovf/verify-signature.sh NAME.mf NAME.cert
mf=$1 certfile=$2
work=$(mktemp -d /tmp/keyswitch-verify.XXXXXX)
trap 'rm -rf "$work"' EXIT
line=$(head -n 1 "$certfile")
hex=$(printf '%s\n' "$line" | sed -n "s/^SHA256($(basename "$mf" | sed 's/[.[\*^$]/\\&/g'))= \([0-9a-f]*\)$/\1/p")
[ -n "$hex" ] || { echo "verify-signature: the first line of $certfile does not sign $(basename "$mf") with SHA256: $line" >&2; exit 1; }
if grep -q 'PRIVATE KEY' "$certfile"; then echo "verify-signature: $certfile holds a private key" >&2; exit 1; fi
sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$certfile" > "$work/signer.pem"
openssl x509 -in "$work/signer.pem" -noout -pubkey > "$work/signer.pub"
/usr/bin/python3 -c 'import sys; open(sys.argv[2], "wb").write(bytes.fromhex(sys.argv[1]))' "$hex" "$work/sig"
if openssl dgst -sha256 -verify "$work/signer.pub" -signature "$work/sig" "$mf" > "$work/out" 2>&1; then
    echo "verify-signature: $(basename "$mf") signed by $(openssl x509 -in "$work/signer.pem" -noout -subject -nameopt RFC2253)," \
        "valid until $(openssl x509 -in "$work/signer.pem" -noout -enddate | cut -d= -f2)"
else
    echo "verify-signature: the signature does not match $(basename "$mf"): $(cat "$work/out")" >&2
    exit 1
fi

# shellcheck shell=sh
# Step 40: a self-signed EC P-256 certificate for HTTPS (alias keyswitch, SAN = host name and
# address) in a PKCS12 keystore. The setup wizard can replace it with the customer's own.
. /usr/local/lib/keyswitch/common.sh

keystore=$KEYSWITCH_HOME/keystore.p12
if [ -s "$keystore" ]; then
    echo "  keystore already there"
    exit 0
fi
host=$(hostname)
i=0
address=$(primary_ipv4)
while [ -z "$address" ] && [ "$i" -lt 60 ]; do
    sleep 1; i=$((i + 1)); address=$(primary_ipv4)
done
san="dns:$host,dns:localhost,ip:127.0.0.1"
[ -z "$address" ] || san="$san,ip:$address"
echo "  self-signed certificate for $san"
KS_PW=$(cat "$KEYSWITCH_ETC/keystore.pass")
export KS_PW
rm -f "$keystore.tmp"
keytool -genkeypair -alias keyswitch -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=$host" -ext "SAN=$san" -validity 825 \
    -storetype PKCS12 -keystore "$keystore.tmp" -storepass:env KS_PW -keypass:env KS_PW
chown keyswitch:keyswitch "$keystore.tmp"
chmod 0600 "$keystore.tmp"
mv "$keystore.tmp" "$keystore"

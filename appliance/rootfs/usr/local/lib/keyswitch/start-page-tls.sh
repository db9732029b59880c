# shellcheck shell=sh
# The start page's TLS files: the portal's certificate with its chain, and its key, in PEM, taken from
# the portal's key store (alias keyswitch) with the key store password, into DIR (the start page's
# runtime folder, mode 0700, owned by its dynamic user). Run as root by keyswitch-start-page.service.
# Usage: start-page-tls.sh DIR
set -eu
dir=$1
store=/var/lib/keyswitch/keystore.p12
pass=/etc/keyswitch/keystore.pass
umask 077
openssl pkcs12 -in "$store" -passin "file:$pass" -nocerts -nodes -out "$dir/key.pem"
openssl pkcs12 -in "$store" -passin "file:$pass" -nokeys -clcerts -out "$dir/leaf.pem"
openssl pkcs12 -in "$store" -passin "file:$pass" -nokeys -cacerts -out "$dir/chain.pem"
cat "$dir/leaf.pem" "$dir/chain.pem" > "$dir/cert.pem"
rm -f "$dir/leaf.pem" "$dir/chain.pem"
chown --reference="$dir" "$dir/key.pem" "$dir/cert.pem"
echo "start page: TLS with the portal's certificate ($(openssl x509 -in "$dir/cert.pem" -noout -subject))"

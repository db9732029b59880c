# shellcheck shell=sh
# Step 20: the database password and the keystore password, random, made here once.
# Files: root-owned, mode 0640, group keyswitch (the portal reads them, cannot change them).
. /usr/local/lib/keyswitch/common.sh

install -d -m 0750 -o root -g keyswitch "$KEYSWITCH_ETC"
if [ ! -s "$KEYSWITCH_ETC/portal.env" ]; then
    echo "  generating the database password"
    umask 0027
    printf 'KEYSWITCH_DB_PASSWORD=%s\n' "$(random_secret)" > "$KEYSWITCH_ETC/portal.env.tmp"
    chown root:keyswitch "$KEYSWITCH_ETC/portal.env.tmp"
    chmod 0640 "$KEYSWITCH_ETC/portal.env.tmp"
    mv "$KEYSWITCH_ETC/portal.env.tmp" "$KEYSWITCH_ETC/portal.env"
else
    echo "  database password already there"
fi
if [ ! -s "$KEYSWITCH_ETC/keystore.pass" ]; then
    echo "  generating the keystore password"
    umask 0077
    random_secret > "$KEYSWITCH_ETC/keystore.pass.tmp"
    mv "$KEYSWITCH_ETC/keystore.pass.tmp" "$KEYSWITCH_ETC/keystore.pass"
    rm -f "$KEYSWITCH_HOME/keystore.p12"
else
    echo "  keystore password already there"
fi
echo "  writing the portal's JVM argument file"
umask 0027
{
    echo "-Djavax.net.ssl.keyStore=$KEYSWITCH_HOME/keystore.p12"
    echo "-Djavax.net.ssl.keyStorePassword=$(cat "$KEYSWITCH_ETC/keystore.pass")"
    echo "-Djavax.net.ssl.keyStoreType=PKCS12"
} > "$KEYSWITCH_ETC/jvm.args.tmp"
chown root:keyswitch "$KEYSWITCH_ETC/jvm.args.tmp"
chmod 0640 "$KEYSWITCH_ETC/jvm.args.tmp"
mv "$KEYSWITCH_ETC/jvm.args.tmp" "$KEYSWITCH_ETC/jvm.args"

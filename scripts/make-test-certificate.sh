#!/usr/bin/env bash
# Makes a self-signed test certificate for EventLite's TLS listener, and a trust
# store clients use to trust it. For tests and trying TLS out; in production use
# a certificate from your organisation's certificate authority.
#
#   scripts/make-test-certificate.sh DIR [STORE_PASSWORD]
#
# writes DIR/server.p12 (the server's key and certificate, for a Liberty <keyStore>: docs/tls.md)
# and DIR/truststore.p12 (the certificate alone: the client's --truststore).
# The certificate names localhost and 127.0.0.1, which clients check.
set -euo pipefail

dir=${1:?usage: $0 DIR [STORE_PASSWORD]}
password=${2:-changeit}
keytool=${JAVA_HOME:+$JAVA_HOME/bin/}keytool

mkdir -p "$dir"
rm -f "$dir/server.p12" "$dir/truststore.p12" "$dir/server.crt"

# 1. A key pair and self-signed certificate, valid 90 days, in a PKCS#12 key store.
"$keytool" -genkeypair -alias eventlite -keyalg EC -groupname secp256r1 \
    -dname "CN=localhost, O=EventLite test" -ext "SAN=dns:localhost,ip:127.0.0.1" \
    -validity 90 -storetype PKCS12 -keystore "$dir/server.p12" -storepass "$password"

# 2. The certificate alone, exported...
"$keytool" -exportcert -alias eventlite -keystore "$dir/server.p12" -storepass "$password" \
    -rfc -file "$dir/server.crt"

# 3. ...and imported into the trust store clients use.
"$keytool" -importcert -noprompt -alias eventlite -file "$dir/server.crt" \
    -storetype PKCS12 -keystore "$dir/truststore.p12" -storepass "$password"

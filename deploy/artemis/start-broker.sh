#!/usr/bin/env bash
# Starts one broker of an ActiveMQ Artemis primary/backup pair for the EventLite cluster link:
# journal replicated to the partner (no shared storage), TLS only, sign-in required, the core
# protocol only. Creates the broker instance on the first start and runs it afterwards.
# deploy/kubernetes/artemis.yaml runs it in Artemis's own image; ArtemisClusterIT runs the
# same script on this machine, so what the manifest starts is what the tests fail over.
#
# Environment (required unless a default is given):
#   ARTEMIS_HOME            the Artemis distribution (default /opt/activemq-artemis, as in the image)
#   ARTEMIS_INSTANCE        where the instance lives, on persistent storage (default /var/lib/artemis-instance)
#   BROKER_ROLE             primary or backup (default: primary on the StatefulSet's pod 0, backup on others)
#   BROKER_NAME             default: the host name
#   BROKER_HOST             the name this broker listens on and announces to clients and its partner
#   BROKER_PORT             default 61616
#   PARTNER_URL             the partner broker, tcp://host:port (default for a StatefulSet's two pods, whose
#                           BROKER_HOST is SET-0.DOMAIN or SET-1.DOMAIN: the other one, on the same port)
#   ARTEMIS_USER, ARTEMIS_PASSWORD   the user EventLite members sign in as (eventlite.cluster.user and password)
#   CLUSTER_USER, CLUSTER_PASSWORD   the pair's own user for replication
#   TLS_KEYSTORE, TLS_KEYSTORE_PASSWORD      this broker's key and certificate (PKCS12)
#   TLS_TRUSTSTORE, TLS_TRUSTSTORE_PASSWORD  what it trusts when it connects to its partner
#   BROKER_JAVA_MEMORY      the broker's heap (default 1G)
#
# Passwords and paths are written into the instance's etc/broker.xml and URLs, so they are
# limited to letters, digits and ._~+/=- (a clear error otherwise). Changing one later means
# deleting the instance's etc/ directory, or the whole instance, before the next start.
set -euo pipefail

home=${ARTEMIS_HOME:-/opt/activemq-artemis}
instance=${ARTEMIS_INSTANCE:-/var/lib/artemis-instance}
port=${BROKER_PORT:-61616}
role=${BROKER_ROLE:-$([ "${HOSTNAME##*-}" = 0 ] && echo primary || echo backup)}

fail() { echo "start-broker.sh: $*" >&2; exit 2; }
safe() { # name value: refuses what would break broker.xml or an acceptor URL
  [ -n "$2" ] || fail "$1 is not set"
  [[ "$2" =~ ^[A-Za-z0-9._~+/=-]+$ ]] || fail "$1 may only hold letters, digits and ._~+/=-"
}
if [ -z "${PARTNER_URL:-}" ] && [[ "${BROKER_HOST:-}" =~ ^(.+)-([01])(\..+)?$ ]]; then
  PARTNER_URL="tcp://${BASH_REMATCH[1]}-$((1 - BASH_REMATCH[2]))${BASH_REMATCH[3]}:$port"
fi
case "$role" in primary|backup) ;; *) fail "BROKER_ROLE must be primary or backup, not '$role'" ;; esac
for name in BROKER_HOST ARTEMIS_USER ARTEMIS_PASSWORD CLUSTER_USER CLUSTER_PASSWORD \
    TLS_KEYSTORE TLS_KEYSTORE_PASSWORD TLS_TRUSTSTORE TLS_TRUSTSTORE_PASSWORD; do
  safe "$name" "${!name:-}"
done
[[ "${PARTNER_URL:-}" =~ ^tcp://[A-Za-z0-9.-]+:[0-9]+$ ]] || fail "PARTNER_URL must look like tcp://host:port"
for store in "$TLS_KEYSTORE" "$TLS_TRUSTSTORE"; do [ -r "$store" ] || fail "cannot read $store"; done

if [ ! -f "$instance/etc/broker.xml" ]; then
  # --force: a new persistent volume may hold lost+found; an existing instance never gets here.
  "$home/bin/artemis" create "$instance" --force --silent --name "${BROKER_NAME:-$HOSTNAME}" \
      --host "$BROKER_HOST" --default-port "$port" --replicated $([ "$role" = backup ] && echo --backup) \
      --staticCluster "$PARTNER_URL" --cluster-user "$CLUSTER_USER" --cluster-password "$CLUSTER_PASSWORD" \
      --user "$ARTEMIS_USER" --password "$ARTEMIS_PASSWORD" --require-login \
      --java-memory "${BROKER_JAVA_MEMORY:-1G}" --no-web --no-autotune \
      --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor
  xml=$instance/etc/broker.xml
  # The acceptor speaks TLS and the core protocol only; the connectors it announces to clients
  # and the one to its partner say TLS too, so nothing on the broker's port is plain text.
  sed -E -i \
      -e "s#(<acceptor name=\"artemis\">tcp://[^?<]+)\\?#\\1?sslEnabled=true;keyStorePath=$TLS_KEYSTORE;keyStorePassword=$TLS_KEYSTORE_PASSWORD;#" \
      -e "/<acceptor name=\"artemis\">/s#protocols=[A-Z,]+#protocols=CORE#" \
      -e "s#(<connector name ?= ?\"[^\"]+\">tcp://[^<?]+)</connector>#\\1?sslEnabled=true;trustStorePath=$TLS_TRUSTSTORE;trustStorePassword=$TLS_TRUSTSTORE_PASSWORD</connector>#" \
      "$xml"
  # A primary that restarts while its backup serves must not become a second active broker:
  # it looks for one first and, finding it, turns backup itself (the two swap roles).
  sed -i 's#<primary>#<primary>\n               <check-for-active-server>true</check-for-active-server>#' "$xml"
  grep -q 'keyStorePath=' "$xml" && grep -q 'trustStorePath=' "$xml" \
      || fail "$xml was not made TLS-only: this Artemis version writes its acceptor or connectors differently"
  chmod 600 "$xml"
fi
exec "$instance/bin/artemis" run

#!/usr/bin/env bash
# Soak test, not part of CI: runs mixed load against a running EventLite server
# for a while (steady subscribers, rate-limited publishers, connection churn),
# then reports what the server's JVM holds and whether anything was lost.
#
#   scripts/soak.sh [DURATION] [HOST:PORT] [LIBERTY_SERVER_NAME]
#   scripts/soak.sh PT30M                    # half an hour against the default server
#   EVENTLITE_SOAK_ARGS="--churn-limit 100000" scripts/soak.sh PT15M   # the full churn count
#
# Start the server first (`mvn package -Prun`) and build the tool (`mvn package`).
# Exit status 0 only if every acknowledged event reached every steady subscriber.
set -euo pipefail
duration=${1:-PT5M}
server=${2:-127.0.0.1:34343}
name=${3:-eventlite}
here=$(cd "$(dirname "$0")" && pwd)
tools=$here/../src/tools/bin/eventlite-tools

pid=$(pgrep -f "ws-server.jar $name( |$)" | head -n 1 || true)
[ -n "$pid" ] || { echo "no running Liberty server '$name'; start it with 'mvn package -Prun'" >&2; exit 2; }

sample() {
  local threads fds heap
  threads=$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")
  fds=$(ls "/proc/$pid/fd" | wc -l)
  heap=$(jcmd "$pid" GC.class_histogram | awk '/^Total/ {print $3}')
  echo "$1: threads=$threads file-descriptors=$fds live-heap-bytes=$heap"
}

sample "before"
status=0
"$tools" soak --server "$server" --duration "$duration" ${EVENTLITE_SOAK_ARGS:-} || status=$?
# Closed connections are released asynchronously; give the server a moment to settle.
for _ in $(seq 1 20); do
  open=$(curl -s "http://127.0.0.1:9080/health/ready" | grep -o '"openConnections":[0-9]*' | cut -d: -f2 || echo "?")
  [ "$open" = "0" ] && break
  sleep 0.5
done
sample "after"
subscriptions=$(curl -s "http://127.0.0.1:9080/health/ready" | grep -o '"subscriptions":[0-9]*' | cut -d: -f2 || echo "?")
echo "after: open-connections=${open:-?} subscriptions=${subscriptions:-?} (the steady ones have closed: both should be 0)"
exit $status

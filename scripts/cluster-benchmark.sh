#!/usr/bin/env bash
# Two EventLite servers of one cluster on this machine: how many events per second the link
# carries from one to the other, whether a pipelined burst arrives complete, the latency across
# servers beside the local one, and how long each server takes to stop right after a burst.
#
#   scripts/cluster-benchmark.sh [--artemis] [RESULTS_FILE]   # default target/cluster-benchmark-results.md
#
# Uses the integration tests' cluster servers (mvn package builds them with free ports): node A
# hosts Liberty's messaging engine, node B reaches it; publishers connect to A, subscribers to B.
# With --artemis both link through an ActiveMQ Artemis broker instead, which the script creates
# and starts from the distribution the build unpacked (it/target/artemis), as ArtemisClusterIT does.
# Not part of CI: it takes a few minutes and wants a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
artemis=false
if [ "${1:-}" = --artemis ]; then artemis=true; shift; fi
results=${1:-target/cluster-benchmark-results.md}
mkdir -p "$(dirname "$results")"
bench=src/tools/bin/eventlite-tools
wlp=it/target/liberty/wlp
servers=$wlp/usr/servers

mvn -q -B package -DskipTests
setting() { sed -n "s|.*name=\"$2\" value=\"\([^\"]*\)\".*|\1|p" "$servers/$1/configDropins/overrides/node-settings.xml"; }
a_port=$(setting eventlite-node-a eventlite.port)
a_http=$(setting eventlite-node-a default.http.port)
b_port=$(setting eventlite-node-b eventlite.port)
b_http=$(setting eventlite-node-b default.http.port)

drop_in=configDropins/overrides/zz-artemis-benchmark.xml
stop_all() {
  $wlp/bin/server stop eventlite-node-b >/dev/null 2>&1 || true
  $wlp/bin/server stop eventlite-node-a >/dev/null 2>&1 || true
  rm -f "$servers/eventlite-node-a/$drop_in" "$servers/eventlite-node-b/$drop_in"
  [ -n "${broker_pid:-}" ] && kill "$broker_pid" 2>/dev/null || true
}
trap stop_all EXIT
link="Liberty's messaging engine on node A"
if $artemis; then
  home=$(ls -d it/target/artemis/apache-artemis-* | head -n 1)
  instance=target/artemis-benchmark
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$instance"
  # The user and password the nodes sign in with (node-settings.xml, member.xml).
  "$home/bin/artemis" create "$instance" --silent --name benchmark --host 127.0.0.1 --default-port "$port" \
      --user eventlite-member --password "$(setting eventlite-node-a eventlite.cluster.password)" --require-login \
      --no-web --no-autotune --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor >/dev/null
  "$instance/bin/artemis" run >target/artemis-benchmark.log 2>&1 &
  broker_pid=$!
  for _ in $(seq 1 60); do grep -q AMQ221007 target/artemis-benchmark.log && break; sleep 1; done
  for node in eventlite-node-a eventlite-node-b; do
    printf '<server>\n  <variable name="eventlite.cluster.artemis-url" value="tcp://127.0.0.1:%s"/>\n</server>\n' "$port" \
        >"$servers/$node/$drop_in"
  done
  link="ActiveMQ Artemis $(basename "$home" | sed 's/apache-artemis-//'), one broker on this machine"
fi
ready() { curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null; }
await_ready() {
  for _ in $(seq 1 120); do ready "$1" && return 0; sleep 1; done
  echo "the server on HTTP port $1 did not become ready" >&2; exit 1
}
# FFDC files are counted from here: the servers' logs keep those of earlier runs.
ffdc_before_a=$(ls "$servers/eventlite-node-a/logs/ffdc" 2>/dev/null | wc -l)
ffdc_before_b=$(ls "$servers/eventlite-node-b/logs/ffdc" 2>/dev/null | wc -l)
new_ffdc() {
  local before=$([ "$1" = eventlite-node-a ] && echo "$ffdc_before_a" || echo "$ffdc_before_b")
  echo $(( $(ls "$servers/$1/logs/ffdc" 2>/dev/null | wc -l) - before ))
}
$wlp/bin/server start eventlite-node-a >/dev/null
await_ready "$a_http"
$wlp/bin/server start eventlite-node-b >/dev/null
await_ready "$b_http"

figure() { sed -n "s|.*$1=\([0-9.]*\).*|\1|p" <<<"$2"; }
# The link's running totals from a node's readiness data: forwarded, not forwarded, received.
link_totals() {
  curl -s "http://127.0.0.1:$1/health/ready" | python3 -c 'import json,sys
d=[c for c in json.load(sys.stdin)["checks"] if c["name"]=="eventlite-cluster"][0]["data"]
print("forwarded %s, not forwarded %s, received %s" % (d.get("forwarded"), d.get("notForwarded"), d.get("received")))'
}
run() { "$bench" bench --timeout-seconds 120 "$@" 2>&1 | tail -n 1; }
# Every measured run once first, unmeasured, so that both servers' JITs have compiled the link's
# work: a measured run lasts about a second, and right after a start the same run carries half
# as many events per second or less.
for shape in generator stream; do
  for subscribers in 1 10; do
    run --server "127.0.0.1:$a_port" --subscribe-server "127.0.0.1:$b_port" --events 200000 --size 100 \
        --subscribers "$subscribers" --client-shape "$shape" >/dev/null || true
  done
done
median() { tr ' ' '\n' | sort -n | sed -n 2p; }

{
  echo "# EventLite cluster: two servers, one link"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
  echo "- link: $link; publishers on A, subscribers on B"
  echo
  echo "Three runs of each burst; the row shows the median's events/s, then all three."
  echo
  echo "| run | deliveries/s (median) | events/s (median) | events/s of the three runs | all complete | link totals after them: A; B |"
  echo "|---|---|---|---|---|---|"
  for shape in generator stream; do
    for subscribers in 1 10; do
      rates="" complete=yes
      for _ in 1 2 3; do
        out=$(run --server "127.0.0.1:$a_port" --subscribe-server "127.0.0.1:$b_port" --events 200000 --size 100 \
              --subscribers "$subscribers" --client-shape "$shape") || true
        [ "$(figure deliveries "$out")" = "$((200000 * subscribers))" ] || complete="NO: \`$out\`"
        rate=$(figure 'events/s' "$out")
        rates="$rates ${rate:-0}"
      done
      events=$(median <<<"${rates# }")
      echo "| 200,000 x 100 B, $shape shape, $subscribers subscriber(s) on B | $((events * subscribers)) | $events | ${rates# } | $complete | $(link_totals "$a_http"); $(link_totals "$b_http") |"
    done
  done
  echo
  echo "| latency at 5,000 events/s to 10 subscribers, 10 s | p50 µs | p99 µs | output |"
  echo "|---|---|---|---|"
  for where in local cross; do
    sub=$([ "$where" = local ] && echo "$a_port" || echo "$b_port")
    out=$(run --server "127.0.0.1:$a_port" --subscribe-server "127.0.0.1:$sub" --events 60000 --warmup-events 10000 \
          --rate 5000 --size 100 --subscribers 10) || true
    echo "| $where (subscriber on $([ "$where" = local ] && echo A || echo B)) | $(figure p50 "$out") | $(figure p99 "$out") | \`$out\` |"
  done
  echo
  echo "| stop right after a burst | seconds |"
  echo "|---|---|"
  run --server "127.0.0.1:$a_port" --subscribe-server "127.0.0.1:$b_port" --events 200000 --size 100 \
      --subscribers 10 --client-shape stream >/dev/null || true
  for node in eventlite-node-a eventlite-node-b; do
    start=$(date +%s.%N)
    timeout 120 $wlp/bin/server stop "$node" >/dev/null 2>&1 || echo "| $node did not stop within 120 s | - |"
    echo "| $node | $(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$start" "$(date +%s.%N)") |"
  done
} | tee "$results"
echo "FFDC files written during the run: node A $(new_ffdc eventlite-node-a), node B $(new_ffdc eventlite-node-b)" | tee -a "$results"

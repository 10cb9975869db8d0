#!/usr/bin/env bash
# Scenario (g): many concurrent subscriber connections on one server, EventLite and Redis side by
# side in the same run. For each server: the memory each connection costs, the time to open and
# subscribe them all, the time one event takes to reach every one of them, and publish-to-deliver
# latency at 100 events/s to all of them for 30 s (every frame checked: count, order, payload).
#
#   scripts/connections-benchmark.sh [CONNECTIONS] [RESULTS_FILE]
#
# CONNECTIONS defaults to 100,000, or to what this machine's descriptor limit allows if less:
# each side of a connection is a descriptor, the server's in its process and the client's in the
# generator's, and `ulimit -Hn` bounds each process (the script raises the soft limit to it; a
# higher hard limit needs root outside a container: `ulimit -Hn` or systemd's LimitNOFILE).
# Connections come from several loopback addresses (127.0.0.x) so that ephemeral ports do not
# run out. Not part of CI; needs Debian's redis-server; writes target/connections-benchmark-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
results=${2:-target/connections-benchmark-results.md}
bench=src/tools/bin/eventlite-tools

ulimit -n "$(ulimit -Hn)"
headroom=1000   # descriptors each process keeps for everything else (Liberty's jars and logs, the JVM)
wanted=${1:-100000}
possible=$(( $(ulimit -n) - headroom ))
connections=$(( wanted < possible ? wanted : possible ))
sources=$(( connections / 20000 + 1 ))
limit_note=""
[ "$connections" -lt "$wanted" ] && limit_note="$wanted wanted; the descriptor limit here is $(ulimit -Hn) per process (ulimit -Hn), so $connections"
mkdir -p "$(dirname "$results")"

# Default settings but the connection caps, which this scenario exists to pass; Redis's the same.
. scripts/side-by-side.sh
export EVENTLITE_MAX_CONNECTIONS=$(( connections + 100 )) EVENTLITE_MAX_CONNECTIONS_PER_ADDRESS=$(( connections + 100 )) \
    EVENTLITE_MAX_SUBSCRIPTIONS=$(( connections + 100 ))
REDIS_MAXCLIENTS=$(( connections + 100 )) EVENTLITE_LOG=target/connections-server.log start_side_by_side

live_heap() { jcmd "$server_jvm" GC.class_histogram | awk '/^Total/ {print $3}'; }
redis_memory() { redis-cli -p "$redis_port" info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }

# measure NAME MEMORY_COMMAND BENCH_TARGET...: one server's row
measure() {
  local name=$1 memory=$2; shift 2
  local log=target/connections-hold.log before during opened fanout paced
  before=$($memory)
  "$bench" bench "$@" --idle-connections "$connections" --source-addresses "$sources" --hold-seconds 30 \
      --events 1 --subscribers 1 >"$log" 2>&1 &
  local holder=$!
  for _ in $(seq 1 600); do grep -q '^holding' "$log" && break; sleep 1; done   # polling, up to 10 minutes
  grep -q '^holding' "$log" || { echo "$name: the connections did not open: $(tail -3 "$log")" >&2; exit 1; }
  during=$($memory)
  opened=$(sed -n 's/.*opened and subscribed in \([0-9.]*\) s.*/\1/p' "$log")
  kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true
  # One event to all of them, then 100 events/s for 30 s after 2 s untimed.
  fanout=$("$bench" bench "$@" --subscribers "$connections" --source-addresses "$sources" --client-shape stream \
      --events 1 --timeout-seconds 600 | tail -n 1)
  paced=$("$bench" bench "$@" --subscribers "$connections" --source-addresses "$sources" --client-shape stream \
      --events 3200 --warmup-events 200 --rate 100 --timeout-seconds 600 | tail -n 1)
  echo "$name: $during - $before bytes held; opened in $opened s; fan-out: $fanout; paced: $paced" >&2
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$name" \
      "$(( (during - before) / connections ))" "$opened" "$(figure subscribe-seconds "$fanout")" \
      "$(figure seconds "$fanout")" "$(figure p50 "$paced") / $(figure p99 "$paced")" \
      "$(grep -o 'FAILED.*' <<<"$fanout$paced" || echo "deliveries: $(figure deliveries "$paced")")" >>"$results"
}

{
  echo "# (g) $connections concurrent subscriber connections"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD)"
  echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; descriptor limit $(ulimit -Hn) per process"
  [ -n "$limit_note" ] && echo "- connections: $limit_note"
  echo "- connections from $sources loopback source address(es); servers and generator share the cores"
  echo "- EventLite: default settings, the connection and subscription caps raised to $(( connections + 100 )); Redis $(redis-server --version | cut -d' ' -f3) with maxclients the same"
  echo
  echo "| server | bytes per connection (EventLite: live heap; Redis: used_memory) | seconds to open and subscribe all (idle run) | seconds to connect and subscribe all (fan-out run) | seconds for one event to reach all | p50 / p99 µs at 100 events/s to all | checked |"
  echo "|---|---|---|---|---|---|---|"
} >"$results"
measure EventLite live_heap --server 127.0.0.1:34343
measure Redis redis_memory --redis --server "127.0.0.1:$redis_port"
cat "$results"

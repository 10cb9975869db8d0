# Sourced by benchmark.sh and connections-benchmark.sh: builds the project, then starts Redis on a
# free loopback port and the default EventLite server (mvn package -Prun), both stopped when the
# calling script exits. The caller sets the servers' limits:
#
#   REDIS_MAXCLIENTS=11000 EVENTLITE_LOG=target/x-server.log start_side_by_side
#   (with EVENTLITE_* settings exported for the server, as the environment overrides any setting)
#
# Afterwards: $redis_port, $server_jvm (the Liberty JVM's pid), and figure NAME OUTPUT, which reads
# NAME=<number> from a line of the load generator's output.

command -v redis-server >/dev/null || { echo "redis-server is needed: apt-get install redis-server" >&2; exit 2; }

stop_side_by_side() {
  kill "${redis_pid:-}" 2>/dev/null || true
  src/ear/target/liberty/wlp/bin/server stop eventlite >/dev/null 2>&1 || true
  kill "${server_pid:-}" 2>/dev/null || true
}

start_side_by_side() {
  mvn -q -B package -DskipTests
  redis_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
      --maxclients "${REDIS_MAXCLIENTS:-10000}" --daemonize no >/dev/null &
  redis_pid=$!
  local log=${EVENTLITE_LOG:-target/side-by-side-server.log}
  mkdir -p "$(dirname "$log")"   # a fresh clone has no target/ at its root
  mvn -q -B package -Prun -DskipTests >"$log" 2>&1 &
  server_pid=$!
  trap stop_side_by_side EXIT
  for _ in $(seq 1 120); do
    curl -sf http://127.0.0.1:9080/health/ready >/dev/null && break
    sleep 1   # polling the server's readiness, up to 2 minutes
  done
  curl -sf http://127.0.0.1:9080/health/ready >/dev/null || { echo "EventLite did not become ready" >&2; exit 1; }
  server_jvm=$(pgrep -f 'ws-server.jar eventlite( |$)' | head -n 1)
}

figure() { sed -n "s|.*$1=\([0-9.]*\).*|\1|p" <<<"$2"; }

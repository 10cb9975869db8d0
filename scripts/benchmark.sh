#!/usr/bin/env bash
# EventLite and Redis Pub/Sub side by side, same generator, same machine, same run.
#
#   scripts/benchmark.sh [RESULTS_FILE]        # default target/benchmark-results.md
#   BENCHMARK_SCENARIOS='^f:' scripts/benchmark.sh   # only the scenarios whose names match (grep -E), no (e)
#
# Builds what it needs (mvn package), starts the default EventLite server
# (mvn package -Prun) and a redis-server on a free loopback port (Debian's
# redis-server: apt-get install redis-server), runs every scenario against
# both, writes the results file (machine, versions, figures, ratios) and stops
# both servers. Not part of CI: it takes several minutes and wants a quiet machine.
#
# Besides what the generator prints, the script reads each server's own CPU
# time around every scenario (the scheduler's nanosecond count per thread,
# /proc/PID/task/*/schedstat, summed): server CPU per delivery does not depend
# on how fast the generator, which shares the cores, is.
set -euo pipefail
cd "$(dirname "$0")/.."
results=${1:-target/benchmark-results.md}
mkdir -p "$(dirname "$results")"
bench=src/tools/bin/eventlite-tools
# maxclients: (e) holds 10,000 idle connections beside the run's own (Redis's default is 10,000 in all).
# EventLite: default settings but one: every generator connection comes from 127.0.0.1, and (e)
# holds 10,000 of them, over the default eventlite.max-connections-per-address (1,000).
. scripts/side-by-side.sh
export EVENTLITE_MAX_CONNECTIONS_PER_ADDRESS=11000
REDIS_MAXCLIENTS=11000 EVENTLITE_LOG=target/benchmark-server.log start_side_by_side
ratio() { python3 -c "import sys; a,b=sys.argv[1:]; print('%.2f' % (float(a)/float(b)) if a and b and float(b) else '-')" "$1" "$2"; }
# CPU time of a process's live threads in nanoseconds, and nanoseconds to microseconds per item
cpu_ns() { cat "/proc/$1"/task/*/schedstat 2>/dev/null | awk '{s += $1} END {printf "%.0f\n", s}'; }
per_item_us() { python3 -c "import sys; t,n=sys.argv[1:]; print('%.2f' % (float(t)/1e3/float(n)) if n and float(n) else '-')" "$1" "$2"; }

{
  echo "# EventLite and Redis side by side"
  echo
  echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "- machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- java: $(java -version 2>&1 | head -1)"
  echo "- Open Liberty: $(sed -n 's/.*<openliberty.version>\(.*\)<.*/\1/p' pom.xml)"
  echo "- redis: $(redis-server --version | cut -d' ' -f3)"
  echo "- generator: src/tools/bin/eventlite-tools bench (checks every payload byte, order and counts; shares the cores)"
  echo "- server CPU: the server process's own CPU time during the scenario, per delivery"
  echo
} >"$results"

only=${BENCHMARK_SCENARIOS:-}

# (e) first, on fresh servers: 10,000 idle subscriber connections. EventLite: live heap after a
# full GC (jcmd class histogram), before and while they are held; Redis: used_memory.
idle=10000
live_heap() { jcmd "$1" GC.class_histogram | awk '/^Total/ {print $3}'; }
redis_memory() { redis-cli -p "$redis_port" info memory | sed -n 's/^used_memory:\([0-9]*\).*/\1/p'; }
hold() {  # hold ARGS...: starts bench holding the idle connections, returns once they are all open
  "$bench" bench --idle-connections "$idle" --hold-seconds 20 --events 1 "$@" >target/benchmark-idle.log 2>&1 &
  holder=$!
  for _ in $(seq 1 120); do grep -q '^holding' target/benchmark-idle.log && return 0; sleep 1; done
  echo "the idle connections did not open: $(cat target/benchmark-idle.log)" >&2
  return 1
}
if [ -z "$only" ]; then
  before=$(live_heap "$server_jvm")
  hold --server 127.0.0.1:34343 && during=$(live_heap "$server_jvm")
  kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true
  redis_before=$(redis_memory)
  hold --redis --server "127.0.0.1:$redis_port" && redis_during=$(redis_memory)
  kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true
  ours_bytes=$(( (during - before) / idle ))
  theirs_bytes=$(( (redis_during - redis_before) / idle ))
  echo "e: EventLite live heap $before -> $during bytes; Redis used_memory $redis_before -> $redis_during bytes"
fi

# Both servers warmed up alike before anything is measured. EventLite's JIT compiles on first
# use, a path runs compiled only after some thousands of passes, and a new workload's shape makes
# it compile again (a second of C2 time inside the first (d) run after a (c) run): so every
# scenario's shape once, shorter, then (b)'s again; 4,000 subscriber connections come and go.
for target in "--server 127.0.0.1:34343" "--redis --server 127.0.0.1:$redis_port"; do
  # shellcheck disable=SC2086
  { "$bench" bench $target --events 200000 --size 100
    for _ in 1 2; do "$bench" bench $target --subscribers 2000 --events 10 --size 40; done
    for _ in 1 2 3; do "$bench" bench $target --events 100 --size 40; done
    "$bench" bench $target --publishers 4 --subscribers 100 --events 10000 --size 100
    "$bench" bench $target --client-shape stream --publishers 4 --subscribers 100 --events 10000 --size 100
    "$bench" bench $target --events 10000 --rate 5000 --size 100
    "$bench" bench $target --events 2000 --size 10240
    "$bench" bench $target --events 20 --size 1048000
    "$bench" bench $target --events 200000 --size 100; } >/dev/null
done

# name|arguments. The throughput scenarios start with an untimed run of a quarter of their events
# in the generator's JVM (--warmup-run-events), before the server's CPU is read: a (b) run lasts
# under two seconds, and the generator's JIT compiler took a third of its CPU in it, on the cores
# the server shares. (d) has its two untimed seconds inside the run; (a) is about the server.
scenarios=(
  "a: 1 publisher, 10 subscribers, 100 events of ~40 B|--events 100 --size 40"
  "b: 1 publisher, 10 subscribers, 200,000 events of 100 B, pipelined|--events 200000 --warmup-run-events 50000 --size 100"
  "c: 4 publishers, 100 subscribers, 50,000 events of 100 B each|--publishers 4 --subscribers 100 --events 50000 --warmup-run-events 12500 --size 100 --timeout-seconds 180"
  "b, stream clients: as b, publisher through a 64 KiB buffered stream, subscribers on one selector reading 64 KiB|--client-shape stream --events 200000 --warmup-run-events 50000 --size 100"
  "c, stream clients: as c, with stream clients|--client-shape stream --publishers 4 --subscribers 100 --events 50000 --warmup-run-events 12500 --size 100 --timeout-seconds 180"
  "d: latency, 5,000 events/s for 10 s to 10 subscribers, after 2 s untimed|--events 60000 --warmup-events 10000 --rate 5000 --size 100"
  "f: size sweep, 100 B, 200,000 events|--events 200000 --warmup-run-events 50000 --size 100"
  "f: size sweep, 10 KiB, 20,000 events|--events 20000 --warmup-run-events 5000 --size 10240"
  "f: size sweep, 1 MiB, 100 events|--events 100 --warmup-run-events 25 --size 1048000"
)

{
  echo "| scenario | EventLite deliveries/s | Redis deliveries/s | ratio | EventLite server CPU µs/delivery | Redis server CPU µs/delivery | EventLite latency µs | Redis latency µs | notes |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >>"$results"

# Waits (at most 30 s) until the server uses at most 10 ms of CPU per half second: the CPU
# figure of a scenario should not include the aftermath of the last one (GC, closing sockets).
await_idle() {
  local before
  for _ in $(seq 1 60); do
    before=$(cpu_ns "$1")
    sleep 0.5
    [ $(( $(cpu_ns "$1") - before )) -le 10000000 ] && return 0
  done
}

# CPU time of the threads of a process whose names start with a prefix: the threads that serve
# clients (EventLite's I/O loops and accept thread, "eventlite-..."; Redis's main thread), without
# the JIT compiler, the garbage collector and the application server's own periodic tasks.
serving_ns() {
  local task
  for task in /proc/"$1"/task/*; do
    case $(cat "$task/comm" 2>/dev/null) in "$2"*) cat "$task/schedstat" 2>/dev/null ;; esac
  done | awk '{s += $1} END {printf "%.0f\n", s}'
}
serving_prefix() { if [ "$1" = "$redis_pid" ]; then echo redis-server; else echo eventlite-; fi; }

# run PID ARGS...: one bench run; prints its result line, then the server CPU nanoseconds it took,
# then those of its serving threads. The generator starts (and makes its warm-up run, if asked),
# says "ready" and waits for a line before it opens any connection; the script waits for the
# server to go idle, reads its CPU time and lets the generator go. So the figures cover the whole
# run, connections opened and closed, and not the second in which the generator's JVM starts.
start_fifo=target/benchmark-start.fifo
run_log=target/benchmark-run.log
run() {
  local pid=$1 start serving generator
  shift
  rm -f "$start_fifo"
  mkfifo "$start_fifo"
  "$bench" bench --start-on-input "$@" <"$start_fifo" >"$run_log" 2>&1 &
  generator=$!
  exec 4>"$start_fifo"
  until grep -q '^ready' "$run_log" || ! kill -0 "$generator" 2>/dev/null; do sleep 0.02; done
  await_idle "$pid"
  start=$(cpu_ns "$pid")
  serving=$(serving_ns "$pid" "$(serving_prefix "$pid")")
  echo go >&4
  exec 4>&-
  wait "$generator" || true
  local total=$(( $(cpu_ns "$pid") - start )) served=$(( $(serving_ns "$pid" "$(serving_prefix "$pid")") - serving ))
  tail -1 "$run_log"
  echo "$total"
  echo "$served"
}

# (a) is short enough for one run's CPU to be noise (a JIT compilation, a timer of the server):
# it runs five times on each server and the notes give the medians.
a_runs=5
median() { python3 -c "import sys, statistics; print('%.1f' % (statistics.median(map(float, sys.argv[1:])) / 1e6))" "$@"; }

# repeat_runs N PID ARGS...: N bench runs; fills run_lines, run_totals (process CPU ns) and
# run_servings (serving-thread CPU ns)
repeat_runs() {
  local count=$1 line total serving
  shift
  run_lines=() run_totals=() run_servings=()
  for _ in $(seq 1 "$count"); do
    { read -r line; read -r total; read -r serving; } < <(run "$@")
    run_lines+=("$line")
    run_totals+=("$total")
    run_servings+=("$serving")
  done
}

run_a() {  # run_a PID ARGS...: prints the last result line, then every run's process and serving-thread CPU ns
  repeat_runs "$a_runs" "$@"
  echo "${run_lines[-1]}"
  echo "${run_totals[@]}"
  echo "${run_servings[@]}"
}

# One run of a scenario moves with whatever else the two cores do meanwhile ((b) 1.0-1.45 million
# deliveries/s, (d) p99 0.3-0.8 ms in consecutive runs of one server): every other scenario runs
# three times on each server, (d), whose p99 moves most, five times; the row shows the run with
# the median figure (deliveries/s, or p99 for (d)), the notes every run's.
run_median() {  # run_median FIGURE PID ARGS...: the median of $repeats runs: its result line, its CPU ns, every run's FIGURE
  local figure=$1
  shift
  repeat_runs "$repeats" "$@"
  python3 -c '
import re, sys
figure, rest = sys.argv[1], sys.argv[2:]
n = len(rest) // 2
lines, totals = rest[:n], rest[n:]
def value(line):
    found = re.search(r"(?:^| )" + re.escape(figure) + r"=([0-9.]+)", line)
    return float(found.group(1)) if found else float("nan")
values = [value(line) for line in lines]
median = sorted(range(n), key=lambda i: (values[i] != values[i], values[i]))[n // 2]
print(lines[median])
print(totals[median])
print(" ".join("%.0f" % v if v == v else "-" for v in values))
' "$figure" "${run_lines[@]}" "${run_totals[@]}"
}

for scenario in "${scenarios[@]}"; do
  name=${scenario%%|*}
  args=${scenario#*|}
  if [ -n "$only" ] && ! grep -Eq "$only" <<<"$name"; then
    continue
  fi
  repeats=3
  case ${name:0:2} in
    a:) runner=(run_a) ;;
    d:) runner=(run_median p99) repeats=5 ;;
    *) runner=(run_median deliveries/s) ;;
  esac
  # shellcheck disable=SC2086
  { read -r ours; read -r ours_all; read -r ours_serving; } < <("${runner[@]}" "$server_jvm" --server 127.0.0.1:34343 $args)
  # shellcheck disable=SC2086
  { read -r theirs; read -r theirs_all; read -r theirs_serving; } \
    < <("${runner[@]}" "$redis_pid" --redis --server "127.0.0.1:$redis_port" $args)
  ours_ns=${ours_all##* }
  theirs_ns=${theirs_all##* }
  echo "EventLite $name: $ours (server CPU ns $ours_ns)"
  echo "Redis     $name: $theirs (server CPU ns $theirs_ns)"
  ours_rate=$(figure "deliveries/s" "$ours")
  theirs_rate=$(figure "deliveries/s" "$theirs")
  ours_cpu=$(per_item_us "$ours_ns" "$(figure deliveries "$ours")")
  theirs_cpu=$(per_item_us "$theirs_ns" "$(figure deliveries "$theirs")")
  ours_latency=$(sed -n 's/.*latency-us \(p50=[0-9]* p99=[0-9]* p99.9=[0-9]* max=[0-9]*\).*/\1/p' <<<"$ours")
  theirs_latency=$(sed -n 's/.*latency-us \(p50=[0-9]* p99=[0-9]* p99.9=[0-9]* max=[0-9]*\).*/\1/p' <<<"$theirs")
  notes=""
  grep -q FAILED <<<"$ours" && notes="EventLite: ${ours#*FAILED: }"
  grep -q FAILED <<<"$theirs" && notes="$notes Redis: ${theirs#*FAILED: }"
  if [ "${name:0:2}" != "a:" ]; then
    notes="$notes ${runner[1]} of each of $repeats runs (the row shows the median one): EventLite $ours_serving, Redis $theirs_serving"
  fi
  if [ "${name:0:2}" = "a:" ]; then
    # shellcheck disable=SC2086
    notes="$notes wall time of the last run: EventLite $(figure seconds "$ours") s, Redis $(figure seconds "$theirs") s;"
    # shellcheck disable=SC2086
    notes="$notes server time, median of $a_runs runs: EventLite's serving threads $(median $ours_serving) ms"
    # shellcheck disable=SC2086
    notes="$notes (whole process $(median $ours_all) ms), Redis's main thread $(median $theirs_serving) ms"
    # shellcheck disable=SC2086
    notes="$notes (whole process $(median $theirs_all) ms); the process figures run from the generator's first"
    notes="$notes connection to its exit and include the JIT compiler and the servers' periodic tasks"
  fi
  echo "| $name | $ours_rate | $theirs_rate | $(ratio "$ours_rate" "$theirs_rate") | $ours_cpu | $theirs_cpu | $ours_latency | $theirs_latency | $notes |" >>"$results"
done
if [ -z "$only" ]; then
  echo "| e: 10,000 idle subscriber connections, bytes each | $ours_bytes (server heap) | $theirs_bytes (used_memory) | $(ratio "$ours_bytes" "$theirs_bytes") |  |  |  |  | measured first, on fresh servers; target: at most 16,384 bytes of heap |" >>"$results"
fi

echo
echo "results: $results"
cat "$results"

#!/usr/bin/env bash
# Uses the eventlite command-line tool as a shell script would: a subscriber
# that exits after three events, and three publishes in the three input forms.
# Usage: cli-roundtrip.sh LAUNCHER HOST:PORT WORKDIR
set -euo pipefail
eventlite=$1
server=$2
work=$3
mkdir -p "$work"
# Emptied here, not only by the redirections below: the background subscriber's shell may open
# its files after the wait loop first looks, which then read the last run's acknowledgement.
: > "$work/sub.err"
: > "$work/events.jsonl"

"$eventlite" sub --server "$server" --count 3 --verbose cli.script > "$work/events.jsonl" 2> "$work/sub.err" &
sub=$!
# A failed run must not leave the subscriber connected: later tests count open connections.
trap 'kill "$sub" 2>/dev/null || true' EXIT

# The subscription counts only once acknowledged; wait for it, bounded.
for _ in $(seq 1 200); do
  grep -q "subscribed to cli.script" "$work/sub.err" && break
  kill -0 "$sub" 2>/dev/null || { cat "$work/sub.err" >&2; exit 10; }
  sleep 0.05
done
grep -q "subscribed to cli.script" "$work/sub.err" || { echo "subscriber never acknowledged" >&2; exit 11; }

"$eventlite" pub --server "$server" cli.script seq:=1 word=one
"$eventlite" pub --server "$server" cli.script --json '{"seq":2,"word":"two"}'
echo '{"seq":3,"word":"three"}' | "$eventlite" pub --server "$server" cli.script

wait "$sub"
cat "$work/events.jsonl"

#!/usr/bin/env bash
# Uses the eventlite command-line tool as a shell script would: a subscriber
# that exits after three events, and three publishes in the three input forms.
# Usage: cli-roundtrip.sh LAUNCHER HOST:PORT WORKDIR
set -euo pipefail
eventlite=$1
server=$2
work=$3
mkdir -p "$work"

"$eventlite" sub --server "$server" --count 3 --verbose cli.script > "$work/events.jsonl" 2> "$work/sub.err" &
sub=$!

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

#!/usr/bin/env bash
# Fuzzes the request decoder with Jazzer for as long as asked (default 10 minutes).
#   scripts/fuzz.sh [MINUTES]
# Each round runs up to the fuzz test's maxDuration (10 minutes); the corpus
# Jazzer builds in src/protocol/.cifuzz-corpus carries over between rounds.
# A crash stops the run; Jazzer writes the input under
# src/protocol/src/test/resources/org/eventlite/protocol/RequestDecoderFuzzTestInputs/,
# where the normal test run replays it from then on: commit it with the fix.
set -euo pipefail
minutes=${1:-10}
cd "$(dirname "$0")/.."
end=$(( $(date +%s) + minutes * 60 ))
while [ "$(date +%s)" -lt "$end" ]; do
  remaining=$(( end - $(date +%s) ))
  JAZZER_FUZZ=1 timeout --signal=INT "$remaining" \
    mvn -B -q -pl src/protocol -am test -Dtest=RequestDecoderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false \
    || { code=$?; [ "$code" -eq 124 ] || [ "$code" -eq 130 ] || exit "$code"; }
done
echo "fuzzed for $minutes minute(s) without a crash"

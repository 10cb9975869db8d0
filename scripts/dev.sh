#!/usr/bin/env bash
# The development loop: builds everything once, starts the server, then watches the sources
# of the modules the server runs. When a file changes, it rebuilds those modules and puts the
# new EAR and resource adapter into the running server, which restarts just those
# applications (Liberty polls its apps): an edited class is live some seconds later, with no
# server restart. server.xml and liberty/ changes are copied in as well. Ctrl-C stops it all.
#
#   scripts/dev.sh            # then edit, e.g., src/cdi/src/main/java/...; watch the log
#
# Liberty's own `mvn liberty:dev` does not fit this build (see src/ear/pom.xml): the adapter is
# installed beside the EAR, and dev mode would swap it for a class folder.
set -euo pipefail
cd "$(dirname "$0")/.."
wlp=src/ear/target/liberty/wlp
log=$wlp/usr/servers/eventlite/logs/messages.log
# Source folders whose changes reach the server, and the modules to rebuild for each. A change
# to the adapter (src/connector) restarts it and, after it, EventLite's application, whose
# classes it provides; the log may show the application failing to reach the adapter between
# the two restarts, then the listener listening again.
declare -A rebuild=(
  [src/protocol]="src/protocol,src/connector,src/rar,src/cdi,src/server,src/ear"
  [src/connector]="src/connector,src/rar"
  [src/rar]="src/rar,src/ear"
  [src/cdi]="src/cdi,src/server,src/ear"
  [src/server]="src/server,src/ear"
  [server.xml]="src/ear"
  [liberty]="src/ear"
)

mvn -B -q install -DskipTests
"$wlp/bin/server" start eventlite
trap '"$wlp/bin/server" stop eventlite >/dev/null; kill "$tail_pid" 2>/dev/null' EXIT
tail -n +1 -F "$log" & tail_pid=$!

stamp=$(mktemp)
while true; do
  sleep 1   # polling interval of the watch loop, not a wait for an outcome
  modules=""
  for source in "${!rebuild[@]}"; do
    if [ -n "$(find "$source" -path '*/target' -prune -o -newer "$stamp" -type f -print -quit)" ]; then
      modules="$modules,${rebuild[$source]}"
    fi
  done
  [ -z "$modules" ] && continue
  touch "$stamp"
  modules=$(echo "${modules#,}" | tr ',' '\n' | sort -u | paste -sd, -)
  echo "dev: rebuilding $modules" >&2
  # install: the EAR and the adapter take the rebuilt jars from the local repository; the
  # runnable jar (exec) is skipped, it is not what runs here.
  if mvn -B -q -o install -DskipTests -Dexec.skip=true -pl "$modules"; then
    echo "dev: deployed; Liberty restarts the changed applications" >&2
  else
    echo "dev: the build failed; the server keeps what it had" >&2
  fi
done

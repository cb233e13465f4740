#!/usr/bin/env bash
# The viewer in headless Chromium, this build against a reference git revision of its web
# files, in the same run and on the same machine, rounds interleaved; 127.0.0.1 only (the network
# beyond is closed to the browser, so no basemap: the viewer draws its plain one).
#   bench/viewer.sh                  # reference: the web files of HEAD~1
#   REF=main ROUNDS=9 bench/viewer.sh
#   WHAT=offline REF=HEAD~3 LATENCY=300 KBPS=1600 bench/viewer.sh
# Both servers are this build's jar; the reference one serves the reference revision's
# web/src/main/resources/META-INF/resources first (spring.web.resources.static-locations).
# WHAT=load (ViewerLoadBench) prints, per build, the medians of: first layers drawn (ms from
# navigation start), the same warm (every file revalidated), DOMContentLoaded, and the page's own
# scripts (files, bytes as transferred). WHAT=offline (OfflineSaveBench) saves Bắc Ninh for
# offline use on an emulated rural link (LATENCY ms per request, KBPS each way) and prints the
# median time and requests. Then the ratios current/reference. Needs chromium and chromium-driver.
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=viewer
REF="${REF:-HEAD~1}"
WHAT="${WHAT:-load}"
case "$WHAT" in
  load) CLASS=ViewerLoadBench; ROUNDS="${ROUNDS:-7}" ;;
  offline) CLASS=OfflineSaveBench; ROUNDS="${ROUNDS:-3}" ;;
  *) echo "WHAT is load or offline, not $WHAT" >&2; exit 2 ;;
esac
say() { printf '[%s] %s\n' "$BENCH" "$*" >&2; }
jar="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$jar" ] || { say "building $jar"; timeout 1200 ./mvnw -q package -DskipTests; }
work=$(mktemp -d /tmp/ruralatlas-bench-viewer.XXXXXX)
cp "$jar" "$work/ruralatlas.jar"
mkdir -p "$work/reference"
git archive "$REF" web/src/main/resources/META-INF/resources | tar -x -C "$work/reference"
# start runs in a command substitution (a subshell), so each server's pid goes to a file, not a variable
trap 'for f in "$work"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done; sleep 1; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
start() { # name, extra arguments…
  local name=$1 port; shift
  port=$(free_port)
  java -Xmx512m -jar "$work/ruralatlas.jar" --server.port="$port" --server.address=127.0.0.1 "$@" > "$work/$name.log" 2>&1 &
  echo $! > "$work/$name.pid"
  for _ in $(seq 1 120); do curl -fsS -m 2 "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS -m 2 "http://127.0.0.1:$port/actuator/health" >/dev/null || { say "$name did not start"; cat "$work/$name.log" >&2; exit 1; }
  echo "http://127.0.0.1:$port"
}
reference=$(start reference "--spring.web.resources.static-locations=file:$work/reference/web/src/main/resources/META-INF/resources/,classpath:/META-INF/resources/")
current=$(start current)
say "reference $(git rev-parse --short "$REF") at $reference, current $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- web || echo '+changes') at $current; $ROUNDS rounds"
timeout 1800 ./mvnw -q -o -pl map-server -am test -Dtest="$CLASS" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.reference="$reference" -Dbench.current="$current" -Dbench.rounds="$ROUNDS" \
  -Dbench.latency="${LATENCY:-300}" -Dbench.kbps="${KBPS:-1600}" 2>&1 | grep '^viewer-bench' || {
  say "the bench failed: see map-server/target/surefire-reports"; exit 1; }

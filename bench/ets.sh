#!/usr/bin/env bash
# The OGC executable test suite for OGC API - Features Part 1 (ets-ogcapi-features10) against a
# RuralAtlas server started here, with every collection tested (noofcollections=-1).
#
#   ETS_JAR=…/ets-ogcapi-features10-1.10-SNAPSHOT-aio.jar bench/ets.sh                 # embedded GeoPackage
#   ETS_JAR=… bench/ets.sh --ruralatlas.db.url=jdbc:postgresql://127.0.0.1:5432/db?user=u   # a loaded PostGIS
#
# The suite is not on Maven Central: build its all-in-one jar from github.com/opengeospatial/
# ets-ogcapi-features10 (`git clone` it, then `…/ruralatlas/mvnw -q package -DskipTests` there: its
# enforcer wants Maven 3.9+, so Debian's mvn 3.8.7 fails; last run 2026-12-01 with master a314c1e,
# both stores with ETS_EPSG_FROM_PROJ=1: 1160 tests, 1135 passed, 25 skipped). Arguments go to
# the server. Prints passed / failed / skipped and each failure; exit 1 when any test failed.
# Environment: ETS_JAR (required), RA_JAR (map-server/target/ruralatlas.jar), OUT (a new folder),
# ETS_EPSG_FROM_PROJ=1: the suite checks coordinates with the EPSG file of its bundled proj4j
# 1.1.3, which has none of the VN-2000 TM-3 zones (EPSG:5896-5899, 9205-9218) that the server lists
# by default, so each of their tests fails with UnknownAuthorityCodeException before any request.
# With this set, each listed EPSG code the file lacks is added to a copy of it from PROJ's own
# definition (gdalsrsinfo -o proj4), put before the suite on its class path; the codes added are
# printed. The other way is to offer no zone: --ruralatlas.crs.provincial-zones=none.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "${ETS_JAR:-}" ] || { echo "ets.sh: set ETS_JAR to the suite's -aio.jar (see the header)" >&2; exit 2; }
jar="${RA_JAR:-map-server/target/ruralatlas.jar}"
[ -f "$jar" ] || { echo "ets.sh: no $jar; build it first (./mvnw -q package -DskipTests)" >&2; exit 2; }
out="${OUT:-$(mktemp -d /tmp/ruralatlas-ets.XXXXXX)}"
mkdir -p "$out"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
java -Xmx512m -XX:+ExitOnOutOfMemoryError -jar "$jar" --server.port="$port" --server.address=127.0.0.1 "$@" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$port/conformance" && break
  kill -0 $server 2>/dev/null || { tail -5 "$out/server.log" >&2; exit 1; }
  sleep 1
done
cat > "$out/test-run-props.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<properties version="1.0">
  <entry key="iut">http://127.0.0.1:$port/</entry>
  <entry key="noofcollections">-1</entry>
</properties>
EOF
classpath="$ETS_JAR"
if [ "${ETS_EPSG_FROM_PROJ:-}" = 1 ]; then
  mkdir -p "$out/epsg/proj4/nad"
  unzip -p "$ETS_JAR" proj4/nad/epsg > "$out/epsg/proj4/nad/epsg"
  added=()
  for code in $(curl -sf "http://127.0.0.1:$port/collections?f=json" | python3 -c 'import json,sys; print(" ".join(sorted({u.rsplit("/",1)[1] for u in json.load(sys.stdin)["crs"] if "/EPSG/" in u})))'); do
    grep -q "^<$code>" "$out/epsg/proj4/nad/epsg" && continue
    printf '<%s> %s <>\n' "$code" "$(gdalsrsinfo -o proj4 "EPSG:$code" | tr -d "'" | grep '+proj')" >> "$out/epsg/proj4/nad/epsg"
    added+=("$code")
  done
  echo "ets.sh: EPSG codes added to the suite's proj4j file from PROJ: ${added[*]:-none}"
  classpath="$out/epsg:$ETS_JAR"
fi
timeout 1200 java -cp "$classpath" org.opengis.cite.ogcapifeatures10.TestNGController -o "$out" "$out/test-run-props.xml" > "$out/ets.log" 2>&1 || true
results="$(find "$out" -name testng-results.xml | head -1)"
[ -n "$results" ] || { tail -20 "$out/ets.log" >&2; exit 1; }
python3 - "$results" <<'EOF'
import sys, collections, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
counts = collections.Counter()
failures = []
skips = collections.Counter()
for m in root.iter('test-method'):
    if m.get('is-config') == 'true':
        continue
    status = m.get('status')
    counts[status] += 1
    message = (m.findtext('exception/message') or '').strip().splitlines()
    first = message[0][:200] if message else ''
    if status == 'FAIL':
        failures.append(f"{m.get('name')}: {first}")
    elif status == 'SKIP':
        skips[first or m.get('name')] += 1
print(f"ets-ogcapi-features10: {sum(counts.values())} tests, {counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
for f in failures:
    print("FAIL", f)
for reason, n in skips.most_common():
    print(f"SKIP x{n}: {reason}")
sys.exit(1 if failures else 0)
EOF

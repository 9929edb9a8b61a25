#!/usr/bin/env bash
# Load test of `routelens serve` on loopback only, bounded in time: a writer appends the App Mesh fixture's
# lines (timestamps moved to now) at RATE lines/s, `routelens serve --follow` reads them into the database in the
# same process that answers, and wrk drives CONNECTIONS connections for DURATION on /grafana/query (the last 24 h, one-minute intervals) and
# then on /api/v1/latency. Prints wrk's latency distribution, the server's peak RSS and the rows ingested.
#
#   swift build -c release --product routelens
#   Tests/HTTPEndpointTests/load/serve-load.sh [.build/release/routelens]
# Environment: DURATION (30s), CONNECTIONS (64), RATE (5000), PORT (19490). Needs wrk (Debian: apt-get install wrk).
set -euo pipefail
ROUTELENS=${1:-.build/release/routelens}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
RATE=${RATE:-5000}
PORT=${PORT:-19490}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

seconds=${DURATION%s}
FORMAT=$(cat "$ROOT/fixtures/formats/appmesh-gateway.txt")
ROUTES="$ROOT/fixtures/routes/appmesh-gateway-routes.json"
# A day of history first, so the 24-hour query has something to read: the fixture, once.
"$ROUTELENS" ingest --db "$WORK/db.sqlite" --routes "$ROUTES" --format-string "$FORMAT" "$ROOT/fixtures/logs/appmesh-gateway.log.gz" >/dev/null 2>&1

# The writer: fixture lines with the current time, RATE a second, for the whole run plus a margin.
python3 - "$ROOT/fixtures/logs/appmesh-gateway.log.gz" "$WORK/access.log" "$RATE" $((seconds * 2 + 10)) <<'PY' &
import datetime, gzip, sys, time
source, target, rate, total = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
lines = [l for l in gzip.open(source, "rt") if l.startswith("[")]
end = time.time() + total
i = 0
with open(target, "a") as out:
    while time.time() < end:
        started = time.time()
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        batch = []
        for _ in range(rate // 10):
            line = lines[i % len(lines)]
            batch.append("[" + stamp + line[line.index("]"):])
            i += 1
        out.write("".join(batch))
        out.flush()
        time.sleep(max(0, 0.1 - (time.time() - started)))
PY
PIDS+=($!)
sleep 0.5
# One process: the follow daemon ingesting the writer's lines and the endpoint answering, as deployed.
"$ROUTELENS" serve --db "$WORK/db.sqlite" --listen "127.0.0.1:$PORT" --routes "$ROUTES" --format-string "$FORMAT" \
    --follow "$WORK/access.log" >"$WORK/serve.log" 2>&1 &
SERVE=$!
PIDS+=($SERVE)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done

cat >"$WORK/query.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"range":{"from":"$(date -u -d '-24 hours' +%Y-%m-%dT%H:%M:%S.000Z)","to":"$(date -u -d '+10 minutes' +%Y-%m-%dT%H:%M:%S.000Z)"},"intervalMs":60000,"maxDataPoints":1440,"targets":[{"refId":"A","target":"rps","payload":{"by":"target"}},{"refId":"B","target":"error_rate"}]}'
LUA
peak() { awk '/VmHWM/ {print $2 " kB"}' "/proc/$SERVE/status"; }
echo "== /grafana/query (24 h, 1-minute intervals, rps by target + error_rate), $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 15s --latency -s "$WORK/query.lua" "http://127.0.0.1:$PORT/grafana/query"
echo "== /api/v1/latency?since=10m&by=target, $CONNECTIONS connections, $DURATION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 15s --latency "http://127.0.0.1:$PORT/api/v1/latency?since=10m&by=target"
echo "== serve peak RSS: $(peak)"
echo "== rows in the database: $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from request').fetchone()[0])" "$WORK/db.sqlite")"
grep -c "error" "$WORK/serve.log" | sed 's/^/== serve log lines with "error": /'

#!/usr/bin/env bash
# Fuzzes a real `routelens serve` (loopback, the bundled App Mesh fixture ingested) with schemathesis against the
# served openapi.yaml: a bounded number of examples per operation; fails on any 5xx, any response that does not
# match the document, or a wrong status code or content type.
#
#   pip install schemathesis==4.32.5
#   Tests/HTTPEndpointTests/contract/fuzz.sh [.build/debug/routelens] [EXAMPLES=30]
set -euo pipefail
ROUTELENS=${1:-.build/debug/routelens}
EXAMPLES=${2:-30}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ROUTELENS" ingest --db "$WORK/db.sqlite" --routes "$ROOT/fixtures/routes/appmesh-gateway-routes.json" \
    --format-string "$(cat "$ROOT/fixtures/formats/appmesh-gateway.txt")" "$ROOT/fixtures/logs/appmesh-gateway.log.gz" >/dev/null 2>&1
"$ROUTELENS" serve --db "$WORK/db.sqlite" --listen "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVE=$!
trap 'kill -TERM $SERVE 2>/dev/null || true; wait $SERVE 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
timeout 600 schemathesis run "http://127.0.0.1:$PORT/openapi.yaml" --url "http://127.0.0.1:$PORT" -n "$EXAMPLES" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance

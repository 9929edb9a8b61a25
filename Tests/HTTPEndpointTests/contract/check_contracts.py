#!/usr/bin/env python3
"""Checks what a real `routelens serve` answers against the OpenAPI documents it must honour.

Ingests the bundled App Mesh gateway fixture into a temporary database, starts the built `routelens serve` on a
free loopback port, sends every endpoint a set of requests (good and bad) and validates each response with
openapi-core: /grafana/* against the simPod JSON data source contract
(../shared/contracts/simpod-json-datasource.openapi.yaml), everything else against Sources/HTTPEndpoint/openapi.yaml.
Also asserts values the contract cannot (maxDataPoints honoured, never a 5xx).

    pip install openapi-core==0.23.1
    python3 Tests/HTTPEndpointTests/contract/check_contracts.py --routelens .build/debug/routelens

Prints one line per check and 'N passed, N failed'; exits 1 on any failure.
"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from openapi_core import OpenAPI
from openapi_core.testing import MockRequest, MockResponse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--routelens", default=os.path.join(ROOT, ".build", "debug", "routelens"))
    parser.add_argument("--simpod", default=os.path.join(ROOT, "..", "shared", "contracts", "simpod-json-datasource.openapi.yaml"))
    arguments = parser.parse_args()
    ours = OpenAPI.from_file_path(os.path.join(ROOT, "Sources", "HTTPEndpoint", "openapi.yaml"))
    simpod = OpenAPI.from_file_path(arguments.simpod)

    directory = tempfile.mkdtemp(prefix="routelens-contract-")
    database = os.path.join(directory, "routelens.sqlite")
    fixture = os.path.join(ROOT, "fixtures")
    with open(os.path.join(fixture, "formats", "appmesh-gateway.txt")) as f:
        format_string = f.read()
    subprocess.run([arguments.routelens, "ingest", "--db", database, "--routes", os.path.join(fixture, "routes", "appmesh-gateway-routes.json"),
                    "--format-string", format_string, os.path.join(fixture, "logs", "appmesh-gateway.log.gz")], check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([arguments.routelens, "serve", "--db", database, "--listen", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    passed, failed = 0, 0
    try:
        for _ in range(100):
            try:
                if call(base, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        window = {"from": "2026-11-26T10:00:00.000Z", "to": "2026-11-26T10:06:00.000Z"}
        checks = [
            (ours, "GET", "/healthz", None), (ours, "GET", "/readyz", None),
            (ours, "GET", "/api/v1/routes", None),
            (ours, "GET", "/api/v1/errors", None), (ours, "GET", "/api/v1/errors?by=target&from=1795687200000&to=1795687560000", None),
            (ours, "GET", "/api/v1/latency?by=target", None), (ours, "GET", "/api/v1/split", None),
            (ours, "GET", "/api/v1/split?route=orders-canary&from=2026-11-26T10:00:00Z", None),
            (ours, "GET", "/api/v1/errors?from=nonsense", None), (ours, "GET", "/api/v1/latency?route=nope", None),
            (ours, "POST", "/flagger/gate", {"name": "orders", "namespace": "shop", "phase": "Progressing", "checksum": "x", "metadata": {"route": "orders-canary", "since": "30d"}}),
            (simpod, "GET", "/", None),
            (simpod, "POST", "/metrics", {"metric": "", "payload": {}}),
            (simpod, "POST", "/metric-payload-options", {"metric": "requests", "payload": {}, "name": "route"}),
            (simpod, "POST", "/variable", {"payload": {"target": "routes"}, "range": window}),
            (simpod, "POST", "/tag-keys", {}),
            (simpod, "POST", "/tag-values", {"key": "route"}),
        ]
        for metric in ["requests", "rps", "errors_5xx", "error_rate", "latency_p50", "latency_p99", "split_share",
                       "split_expected_share", "srm_p_value", "split_table", "errors_table"]:
            checks.append((simpod, "POST", "/query", {"range": window, "intervalMs": 60000, "maxDataPoints": 4,
                                                      "targets": [{"refId": "A", "target": metric, "payload": {"by": "target"}}]}))
        for spec, method, path, body in checks:
            grafana = spec is simpod
            status, content_type, data = call(base, method, ("/grafana" + (path if path != "/" else "/")) if grafana else path, body)
            problems = []
            if status >= 500:
                problems.append(f"status {status}")
            request = MockRequest("http://localhost" if grafana else "http://127.0.0.1:9480", method.lower(), path.split("?")[0],
                                  args=dict(p.split("=", 1) for p in path.split("?")[1].split("&")) if "?" in path else None,
                                  data=json.dumps(body) if body is not None else None, content_type="application/json")
            response = MockResponse(data, status_code=status, content_type=content_type.split(";")[0] or "application/json")
            try:
                spec.validate_response(request, response)
            except Exception as error:  # noqa: BLE001 - any validation failure is reported the same way
                problems.append(f"{type(error).__name__}: {error}")
            if grafana and path == "/query" and status == 200:
                for answer in json.loads(data):
                    if "datapoints" in answer and len(answer["datapoints"]) > 4:
                        problems.append(f"{answer['target']}: {len(answer['datapoints'])} points for maxDataPoints 4")
            label = f"{method} {'/grafana' if grafana else ''}{path}" + (f" {body.get('targets', [{}])[0].get('target', '')}" if grafana and path == "/query" else "")
            if problems:
                failed += 1
                print(f"FAIL {label} -> {status}: {'; '.join(problems)}")
            else:
                passed += 1
                print(f"ok   {label} -> {status}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

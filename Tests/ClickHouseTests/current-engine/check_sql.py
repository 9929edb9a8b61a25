#!/usr/bin/env python3
"""Runs queries/clickhouse/*.sql on a current ClickHouse engine, in process, through chDB (PyPI `chdb`).

The tests run the same files on Debian's clickhouse-server 18.16; this checks that the DDL and the report queries
also parse and give the expected values on what users run today. Placeholders are filled as ClickHouseQuery.filled
and ClickHouseReporter fill them. Prints 'N passed, N failed'; exits 1 on any failure.

    pip install chdb && python3 Tests/ClickHouseTests/current-engine/check_sql.py
"""
import json
import pathlib
import sys
import tempfile
import time

import chdb
from chdb import session as chs

QUERIES = pathlib.Path(__file__).resolve().parents[3] / "queries" / "clickhouse"


def filled(name, **values):
    text = "\n".join(line for line in (QUERIES / f"{name}.sql").read_text().split("\n") if not line.startswith("--"))
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text.strip().rstrip(";")


def rows(session, sql):
    answer = session.query(sql, "JSONEachRow")
    return [json.loads(line) for line in str(answer).splitlines() if line.strip()]


def main():
    passed = failed = 0

    def check(what, got, expected):
        nonlocal passed, failed
        if got == expected:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}: got {got!r}, expected {expected!r}")

    with tempfile.TemporaryDirectory() as directory:
        session = chs.Session(directory)
        version = rows(session, filled("version"))[0]["version"]
        print(f"chDB {chdb.__version__}, ClickHouse {version}")
        common = {"database": "routelens", "on_cluster": "", "cluster": "", "ttl": "TTL day + INTERVAL 14 DAY"}
        session.query(filled("create-database", **common))
        session.query(filled("requests", **common))
        session.query(filled("requests", **common))  # IF NOT EXISTS: init runs again on every deploy
        session.query(filled("rollups", **common))
        # Today, so that the 14-day TTL keeps the rows.
        day = int(time.time()) // 86400 * 86400000
        lines = []
        for node, count in (("a", 30), ("b", 20)):
            for line in range(count):
                lines.append({
                    "node": node, "file": 17, "line": line, "start_time": day + line * 1000, "status": 503 if line % 5 == 0 else 200,
                    "duration_ms": line + 1, "tcp": 0, "route": "checkout", "target": None if line == 3 else ("canary" if line % 10 == 1 else "stable"),
                    "upstream_host": None if line == 3 else "10.0.0.1:80", "health_check": 0, "inbound": 0,
                })
        body = "\n".join(json.dumps(row) for row in lines)
        columns = ", ".join(lines[0].keys())
        # Sent twice: the second copy must not count.
        for _ in range(2):
            session.query(f"INSERT INTO routelens.requests ({columns}) FORMAT JSONEachRow {body}")

        tables = {"requests": "routelens.requests", "rollups": "routelens.rollups", "filter": "1 = 1 AND health_check = 0 AND inbound = 0",
                  "route_filter": "1 = 1", "target": "ifNull(target, '')", "operation": "''"}
        # Raw rows only, as a small window's plan reads.
        scope = dict(tables, raw_window="1", rollup_window="0", rollup_span="0")
        errors = rows(session, filled("errors", **scope))
        check("errors requests", sum(row["requests"] for row in errors), 50)
        check("errors 5xx", sum(row["errors_5xx"] for row in errors), 10)
        check("errors no target", [row["requests"] for row in errors if row["target_key"] == ""], [2])
        check("classes", rows(session, filled("classes", **scope)), [{"health_check": 0, "inbound": 0, "requests": 50}])
        window = rows(session, filled("window", **scope))[0]
        check("window", (int(window["first_start_time"]), int(window["last_start_time"])), (day, day + 29000))
        latency = {row["target_key"]: row for row in rows(session, filled("latency", **scope))}
        # stable on node a: lines 0,2,4-9,10,12..29 minus canary (1,11,21) minus 3; durations line+1.
        stable = sorted([l + 1 for l in range(30) if l != 3 and l % 10 != 1] + [l + 1 for l in range(20) if l != 3 and l % 10 != 1])
        nearest = lambda p: stable[(p * len(stable) + 99) // 100 - 1]
        check("latency p50", int(latency["stable"]["p50_ms"]), nearest(50))
        check("latency p99", int(latency["stable"]["p99_ms"]), nearest(99))
        check("latency max", int(latency["stable"]["max_ms"]), max(stable))
        durations = {row["target_key"]: sorted(row["durations"]) for row in rows(session, filled("latency-durations", **scope))}
        check("latency durations", durations["stable"], stable)
        split = rows(session, filled("split", versions=f"[toInt64(-9223372036854775808), toInt64({day + 10000})]", **scope))
        check("split versions", sorted({int(row["version_index"]) for row in split}), [1, 2])
        check("split requests", sum(int(row["requests"]) for row in split), 50)
        check("split with upstream host", sum(int(row["with_upstream_host"]) for row in split if row["target_key"] == ""), 0)
        failures = rows(session, filled("incident-failures", **scope))
        check("incident failures", [(int(row["minute"]), row["status"]) for row in failures], [(day, 503)] * 10)
        check("ratelimit", rows(session, filled("ratelimit", **scope)), [{"route": "checkout", "client": "", "route_total": 1, "requests": 50, "throttled": 0}])
        check("newest", int(rows(session, filled("newest", node="1 = 1", **tables))[0]["newest"]), day + 29000)
        series = rows(session, filled("series", interval_ms="10000", **scope))
        check("series", [(int(row["bucket"]) - day, int(row["requests"])) for row in series if row["target_key"] == "stable"][:2], [(0, 16), (10000, 18)])
        check("series durations count", int(rows(session, filled("series-durations-count", interval_ms="10000", **scope))[0]["durations"]), 50)
        check("series durations", sum(len(row["durations"]) for row in rows(session, filled("series-durations", interval_ms="10000", **scope))), 50)
        check("shipped", rows(session, filled("shipped", **scope)), [{"node": "a", "requests": 30}, {"node": "b", "requests": 20}])

        # Rollups: each node's minute row, sent first with part of its requests and then whole (FINAL keeps the
        # larger), and its hour row; a 5xx with a response flag counts as Envoy's own.
        def rollup(node, period, requests, buckets, counts, flags=""):
            return {"node": node, "period": period, "start": day, "route": "checkout", "target": "stable", "operation": "", "flags": flags,
                    "details": "", "tcp": 0, "health_check": 0, "inbound": 0, "requests": requests, "status_2xx": requests - 2,
                    "status_3xx": 0, "status_4xx": 0, "status_5xx": 2, "status_429": 0, "bytes_received": 10, "bytes_sent": 20,
                    "duration_buckets": buckets, "duration_counts": counts, "duration_min": buckets[0], "duration_max": buckets[-1]}
        rollups = [rollup("a", 60000, 4, [5, 9], [3, 1], "UF"), rollup("a", 60000, 10, [5, 9, 200], [6, 3, 1], "UF"),
                   rollup("b", 60000, 6, [5, 7], [4, 2]), rollup("a", 3600000, 10, [5, 9, 200], [6, 3, 1], "UF"),
                   rollup("a", 86400000, 10, [5, 9, 200], [6, 3, 1], "UF")]
        for row in rollups:
            session.query(f"INSERT INTO routelens.rollups ({', '.join(row.keys())}) FORMAT JSONEachRow {json.dumps(row)}")
        minute = f"(period = 60000 AND start >= {day} AND start < {day + 60000})"
        tiles = dict(tables, raw_window="0", rollup_window=minute, rollup_span=f"start >= {day} AND start < {day + 60000}")
        errors = rows(session, filled("errors", **tiles))
        check("rollup errors", [(row["requests"], row["errors_5xx"], row["errors_5xx_local"]) for row in errors], [(16, 4, 2)])
        check("rollup classes", rows(session, filled("classes", **tiles)), [{"health_check": 0, "inbound": 0, "requests": 16}])
        window = rows(session, filled("window", **tiles))[0]
        check("rollup window", (int(window["requests"]), int(window["first_start_time"]), int(window["last_start_time"])), (3, day, day))
        histograms = rows(session, filled("latency-histograms", **tiles))
        check("rollup histograms", [(row["buckets"], [int(c) for c in row["counts"]], row["minimum"], row["maximum"]) for row in histograms],
              [([5, 7, 9, 200], [10, 2, 3, 1], 5, 200)])
        split = rows(session, filled("split", versions=f"[toInt64({day})]", **tiles))
        minutes = rows(session, filled("incident-minutes", **tiles))
        check("incident minutes", [(int(row["minute"]), int(row["requests"]), int(row["errors_5xx"]), row["flags"]) for row in minutes],
              [(day, 6, 2, ""), (day, 10, 2, "UF")])
        check("rollup series", [(int(row["bucket"]), int(row["requests"])) for row in rows(session, filled("series", interval_ms="60000", **tiles))],
              [(day, 16)])
        check("rollup split", [(int(row["version_index"]), int(row["requests"])) for row in split], [(1, 16)])
        holdings = rows(session, filled("holdings", node="1 = 1", hours=f"start >= {day}", **tables))[0]
        check("holdings", (int(holdings["oldest_raw"]), int(holdings["oldest_rollup"]), int(holdings["newest_rollup"]), int(holdings["raw_rows_in_window"])),
              (day, day, day, 10))
        session.close()

    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

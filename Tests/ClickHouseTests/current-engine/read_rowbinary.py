#!/usr/bin/env python3
"""Reads a RowBinary insert body on a current ClickHouse engine, in process, through chDB (PyPI `chdb`).

    python3 read_rowbinary.py BODY COLUMN...

Creates queries/clickhouse/requests.sql's table (without TTL, which would drop rows of odd days on insert), inserts
BODY as RowBinary of COLUMN... (their types read from that file), and prints every row, each column but node and
file as text (toString), in line order, as JSONEachRow: what RowBinaryShippingTests compares with SQLite's view.
"""
import pathlib
import re
import sys
import tempfile

from chdb import session as chs

QUERIES = pathlib.Path(__file__).resolve().parents[3] / "queries" / "clickhouse"


def main():
    body, columns = sys.argv[1], sys.argv[2:]
    ddl = "\n".join(line for line in (QUERIES / "requests.sql").read_text().split("\n") if not line.startswith("--"))
    for key, value in {"database": "routelens", "on_cluster": "", "ttl": ""}.items():
        ddl = ddl.replace("{" + key + "}", value)
    types = dict(re.findall(r"^\s+(\w+) ([\w()]+)(?:[ ,]|$)", ddl, re.MULTILINE))
    structure = ", ".join(f"{column} {types[column]}" for column in columns)
    shown = [column for column in columns if column not in ("node", "file")]
    with tempfile.TemporaryDirectory() as directory:
        session = chs.Session(directory)
        session.query("CREATE DATABASE IF NOT EXISTS routelens")
        session.query(ddl.strip().rstrip(";"))
        session.query(f"INSERT INTO routelens.requests ({', '.join(columns)}) SELECT * FROM file('{body}', 'RowBinary', '{structure}')")
        select = ", ".join(f"toString({column}) AS {column}" for column in shown)
        print(str(session.query(f"SELECT {select} FROM routelens.requests ORDER BY toUInt64(line)", "JSONEachRow")), end="")
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

-- The first and last start time of the requests in scope (TCP records included, as in SQLite's window.sql): raw
-- rows over the plan's raw stretches, and the minute rollups between the first tile's start and the last tile's end
-- ({rollup_span}, 0 without tiles), a rolled-up minute counting from its first millisecond. An empty side gives
-- NULLs, not ClickHouse's 0 for the min of nothing. requests only tells an empty window from one with requests, so
-- the rollups are read without FINAL (a copy not merged yet changes neither the first nor the last minute): it read
-- a month of minute rows, 1.2 s of a 1.7 s fleet errors report.
SELECT sum(requests) AS requests, min(first_start_time) AS first_start_time, max(last_start_time) AS last_start_time
FROM (
    SELECT toUInt64(count()) AS requests, min(start_time) AS first_start_time, max(start_time) AS last_start_time
    FROM {requests} FINAL
    WHERE {filter} AND ({raw_window})
    UNION ALL
    SELECT toUInt64(count()) AS requests,
           if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(min(start))) AS first_start_time,
           if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(max(start))) AS last_start_time
    FROM {rollups}
    WHERE period = 60000 AND start > -9223372036854775808 AND {filter} AND ({rollup_span})
)
FORMAT JSONEachRow;

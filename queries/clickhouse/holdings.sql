-- What the fleet's tables hold, for the report's plan (Sources/Reports/SourcePlan.swift, Holdings): the oldest raw
-- start time, the oldest and newest minute rollup, and an upper bound of the raw rows in the window. Each reads as
-- little as it can: the oldest raw row within the oldest day partition (rows without a start time sit on
-- 1970-01-01 and are passed over), the oldest and newest minute within the oldest and newest day rollup (the
-- rollups' primary key starts with period and start, so only that day's minutes are read), and the raw rows from
-- the hour rollups that overlap the window (no FINAL: a copy not merged yet only raises the bound, and the plan
-- then reads rollups, which answer any window). {node}: the node condition or 1 = 1; {hours}: the hour rollups
-- overlapping the window.
SELECT
    (SELECT min(start_time) FROM {requests}
     WHERE {node} AND day = (SELECT min(day) FROM {requests} WHERE {node} AND day > toDate('1970-01-01'))) AS oldest_raw,
    (SELECT if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(min(start))) FROM {rollups}
     WHERE period = 60000 AND {node}
       AND start >= (SELECT min(start) FROM {rollups} WHERE period = 86400000 AND start > -9223372036854775808 AND {node})
       AND start < (SELECT min(start) FROM {rollups} WHERE period = 86400000 AND start > -9223372036854775808 AND {node}) + 86400000
    ) AS oldest_rollup,
    (SELECT if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(max(start))) FROM {rollups}
     WHERE period = 60000 AND {node}
       AND start >= (SELECT max(start) FROM {rollups} WHERE period = 86400000 AND start > -9223372036854775808 AND {node})
       AND start < (SELECT max(start) FROM {rollups} WHERE period = 86400000 AND start > -9223372036854775808 AND {node}) + 86400000
    ) AS newest_rollup,
    (SELECT toUInt64(sum(requests)) FROM {rollups} WHERE period = 3600000 AND {node} AND {hours}) AS raw_rows_in_window
FORMAT JSONEachRow;

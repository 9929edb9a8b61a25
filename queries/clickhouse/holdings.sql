-- What the fleet's tables hold, for the report's plan (Sources/Reports/SourcePlan.swift, Holdings): the oldest raw
-- start time (read within the oldest day only), the oldest and newest minute rollup, and an upper bound of the raw
-- rows in the window, from the hour rollups that overlap it (no FINAL: a copy not merged yet only raises the bound,
-- and the plan then reads rollups, which answer any window). {node}: the node condition or 1; {hours}: the hour
-- rollups overlapping the window.
SELECT
    (SELECT min(start_time) FROM {requests} WHERE {node} AND day = (SELECT min(day) FROM {requests} WHERE {node} AND start_time IS NOT NULL)) AS oldest_raw,
    (SELECT if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(min(start))) FROM {rollups}
     WHERE period = 60000 AND start > -9223372036854775808 AND {node}) AS oldest_rollup,
    (SELECT if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(max(start))) FROM {rollups} WHERE period = 60000 AND {node}) AS newest_rollup,
    (SELECT toUInt64(sum(requests)) FROM {rollups} WHERE period = 3600000 AND {node} AND {hours}) AS raw_rows_in_window
FORMAT JSONEachRow;

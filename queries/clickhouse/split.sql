-- Requests per version of the route weights, route and target, for the split test: queries/reports/split.sql over
-- the fleet. The weights are not in ClickHouse (see README, "Fleet"): {versions} is the array of the versions'
-- effective_at, oldest first, and version_index how many took effect at or before a request's start time (the
-- latest for a request without one); 0 means before the first version: no weights were in force. A rollup counts
-- under the version in force at its start: the plan cuts its tiles at every version's effective_at, so none spans
-- two. Rollups keep no upstream hosts: with_upstream_host counts raw rows only, as in SQLite.
SELECT version_index, route, target_key, sum(requests) AS requests, sum(with_upstream_host) AS with_upstream_host
FROM (
    SELECT if(isNull(start_time), length({versions}), arraySum(arrayMap(v -> v <= assumeNotNull(start_time), {versions}))) AS version_index,
           route, ifNull(target, '') AS target_key, toUInt64(count()) AS requests, toUInt64(countIf(upstream_host IS NOT NULL)) AS with_upstream_host
    FROM {requests} FINAL
    WHERE tcp = 0 AND {filter} AND ({raw_window})
    GROUP BY version_index, route, target_key
    UNION ALL
    SELECT if(start = -9223372036854775808, length({versions}), arraySum(arrayMap(v -> v <= start, {versions}))) AS version_index,
           route, target AS target_key, toUInt64(sum(requests)) AS requests, toUInt64(0) AS with_upstream_host
    FROM {rollups} FINAL
    WHERE tcp = 0 AND {filter} AND ({rollup_window})
    GROUP BY version_index, route, target_key
)
GROUP BY version_index, route, target_key
ORDER BY version_index, route, target_key
FORMAT JSONEachRow;

-- Requests per version of the route weights, route and target, for the split test: queries/reports/split.sql over
-- the fleet. The weights are not in ClickHouse (see README, "Fleet"): {versions} is the array of the versions'
-- effective_at, oldest first, and version_index how many took effect at or before a request's start time (the
-- latest for a request without one); 0 means before the first version: no weights were in force.
SELECT version_index, route, target_key, count() AS requests, countIf(upstream_host IS NOT NULL) AS with_upstream_host
FROM (
    SELECT if(isNull(start_time), length({versions}), arraySum(arrayMap(v -> v <= assumeNotNull(start_time), {versions}))) AS version_index,
           route, ifNull(target, '') AS target_key, upstream_host
    FROM {requests} FINAL
    WHERE tcp = 0 AND {scope}
)
GROUP BY version_index, route, target_key
ORDER BY version_index, route, target_key
FORMAT JSONEachRow;

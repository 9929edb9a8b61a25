-- Minute rollups of the window by route and response flags, every node's added up: what `routelens incident` reads
-- per minute (queries/reports/incident-minutes.sql over the fleet). Counts exact; durations a merged histogram
-- (minimum and maximum over the rows that have durations). Placeholders as in errors.sql; the tiles are minutes.
SELECT route, flags, minute, requests, errors_5xx, tupleElement(merged, 1) AS buckets, tupleElement(merged, 2) AS counts, minimum, maximum
FROM (
    SELECT route, flags, start AS minute, toUInt64(sum(requests)) AS requests, toUInt64(sum(status_5xx)) AS errors_5xx,
           sumMap(duration_buckets, duration_counts) AS merged,
           minIf(duration_min, length(duration_buckets) > 0) AS minimum, maxIf(duration_max, length(duration_buckets) > 0) AS maximum
    FROM {rollups} FINAL
    WHERE tcp = 0 AND {filter} AND ({rollup_window})
    GROUP BY route, flags, minute
)
ORDER BY route, minute, flags
FORMAT JSONEachRow;

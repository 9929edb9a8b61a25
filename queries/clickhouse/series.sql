-- Requests, 5xx and 4xx per interval of {interval_ms} milliseconds, by route (and target), every node's added up: the
-- fleet's answer to queries/reports/series.sql for serve's Grafana time series. bucket is the interval's first
-- millisecond; the plan is cut at every bucket boundary, so each rollup tile lies in one bucket. Placeholders as in
-- errors.sql, plus {interval_ms}.
SELECT bucket, route, target_key, sum(requests) AS requests, sum(errors_5xx) AS errors_5xx, sum(errors_4xx) AS errors_4xx
FROM (
    SELECT intDiv(assumeNotNull(start_time), toInt64({interval_ms})) * toInt64({interval_ms}) AS bucket, route, {target} AS target_key,
           toUInt64(count()) AS requests, toUInt64(countIf(status >= 500 AND status <= 599)) AS errors_5xx,
           toUInt64(countIf(status >= 400 AND status <= 499)) AS errors_4xx
    FROM {requests} FINAL
    WHERE tcp = 0 AND start_time IS NOT NULL AND {filter} AND ({raw_window})
    GROUP BY bucket, route, target_key
    UNION ALL
    SELECT intDiv(start, toInt64({interval_ms})) * toInt64({interval_ms}) AS bucket, route, {target} AS target_key,
           toUInt64(sum(requests)) AS requests, toUInt64(sum(status_5xx)) AS errors_5xx, toUInt64(sum(status_4xx)) AS errors_4xx
    FROM {rollups} FINAL
    WHERE tcp = 0 AND start > -9223372036854775808 AND {filter} AND ({rollup_window})
    GROUP BY bucket, route, target_key
)
GROUP BY bucket, route, target_key
ORDER BY bucket, route, target_key
FORMAT JSONEachRow;

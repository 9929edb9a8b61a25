-- Error rates by route (and target, operation): the fleet's answer to queries/reports/errors.sql, from raw rows over
-- the plan's raw stretches and rollups over its tiles (see Sources/Reports/SourcePlan.swift), added up.
-- {requests} and {rollups}: the tables (requests_all and rollups_all with --cluster); {filter}: the scope's route,
-- node, class and side; {raw_window} and {rollup_window}: the plan's stretches (0 for none); {target} and
-- {operation}: the column, or '' when the report does not group by it ('' also stands for none: it reads as
-- "(no target)"). FINAL keeps one row per (node, file, line) and the latest of each node's rollup rows.
-- A 5xx Envoy generated itself, as queries/reports/_scope.sql decides it: RESPONSE_CODE_DETAILS logged and not
-- via_upstream; without details, any response flag. ifNull makes one expression serve both tables (the rollups
-- hold '' for none).
SELECT route, target_key, operation_key,
       sum(requests) AS requests, sum(errors_5xx) AS errors_5xx, sum(errors_5xx_local) AS errors_5xx_local, sum(errors_4xx) AS errors_4xx
FROM (
    SELECT route, {target} AS target_key, {operation} AS operation_key,
           toUInt64(count()) AS requests,
           toUInt64(countIf(status >= 500 AND status <= 599)) AS errors_5xx,
           toUInt64(countIf(status >= 500 AND status <= 599 AND if(ifNull(details, '') NOT IN ('-', ''),
               ifNull(details, '') != 'via_upstream', ifNull(flags, '') NOT IN ('-', '')))) AS errors_5xx_local,
           toUInt64(countIf(status >= 400 AND status <= 499)) AS errors_4xx
    FROM {requests} FINAL
    WHERE tcp = 0 AND {filter} AND ({raw_window})
    GROUP BY route, target_key, operation_key
    UNION ALL
    SELECT route, {target} AS target_key, {operation} AS operation_key,
           toUInt64(sum(requests)) AS requests,
           toUInt64(sum(status_5xx)) AS errors_5xx,
           toUInt64(sum(if(if(ifNull(details, '') NOT IN ('-', ''), ifNull(details, '') != 'via_upstream', ifNull(flags, '') NOT IN ('-', '')),
               status_5xx, 0))) AS errors_5xx_local,
           toUInt64(sum(status_4xx)) AS errors_4xx
    FROM {rollups} FINAL
    WHERE tcp = 0 AND {filter} AND ({rollup_window})
    GROUP BY route, target_key, operation_key
)
GROUP BY route, target_key, operation_key
ORDER BY route, target_key, operation_key
FORMAT JSONEachRow;

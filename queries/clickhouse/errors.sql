-- Error rates by route (and target, operation): the fleet's answer to queries/reports/errors.sql, over raw rows.
-- {requests}: the table (requests, or requests_all with --cluster); {scope}: the report scope's conditions (window,
-- route, class, side, node); {target} and {operation}: the column, or '' when the report does not group by it (''
-- also stands for none: it reads as "(no target)"). FINAL keeps one row per (node, file, line).
SELECT route, {target} AS target_key, {operation} AS operation_key,
       count() AS requests,
       countIf(status >= 500 AND status <= 599) AS errors_5xx,
       -- A 5xx Envoy generated itself, as queries/reports/_scope.sql decides it: RESPONSE_CODE_DETAILS logged and
       -- not via_upstream; without details, any response flag.
       countIf(status >= 500 AND status <= 599 AND if(details IS NOT NULL AND details NOT IN ('-', ''),
               details != 'via_upstream', flags IS NOT NULL AND flags NOT IN ('-', ''))) AS errors_5xx_local,
       countIf(status >= 400 AND status <= 499) AS errors_4xx
FROM {requests} FINAL
WHERE tcp = 0 AND {scope}
GROUP BY route, target_key, operation_key
ORDER BY route, target_key, operation_key
FORMAT JSONEachRow;

-- What the database knows, from the minute rollups (which cover every request ever stored, raw rows deleted or
-- not): per route and target, HTTP requests that are not health checks, health checks, TCP records, and the
-- first and last minute with any. Parameters: none used but the plan's.
SELECT route.text AS route, target.text AS target,
       SUM(CASE WHEN shape.tcp = 0 AND shape.health_check = 0 THEN requests ELSE 0 END) AS requests,
       SUM(CASE WHEN shape.health_check = 1 THEN requests ELSE 0 END) AS health_checks,
       SUM(CASE WHEN shape.tcp = 1 THEN requests ELSE 0 END) AS tcp_records,
       MIN(NULLIF(start, -9223372036854775808)) AS first_minute, MAX(NULLIF(start, -9223372036854775808)) AS last_minute
FROM request_rollup AS rollup
JOIN request_shape AS shape ON shape.id = rollup.shape_id
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id
WHERE rollup.period = 60000
GROUP BY route.text, target.text
ORDER BY route.text, target.text;

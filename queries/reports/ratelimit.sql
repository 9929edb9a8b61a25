-- Throttled requests (429, or response flags RL or RLSE) by route, and by client for the clients that were
-- throttled: the first X-Forwarded-For address, '(unknown)' without one (the downstream remote address is not
-- stored). Raw rows only: clients are not part of a rollup. route_total is 1 on each route's totals row.
-- Parameters as in errors.sql.
WITH
-- @include scope
marked AS (
    SELECT shapes.route_id,
           coalesce(status = 429, 0) OR coalesce(',' || flags.text || ',' LIKE '%,RL,%' OR ',' || flags.text || ',' LIKE '%,RLSE,%', 0) AS throttled,
           coalesce(nullif(trim(CASE WHEN instr(x_forwarded_for, ',') > 0 THEN substr(x_forwarded_for, 1, instr(x_forwarded_for, ',') - 1)
                                     ELSE x_forwarded_for END), '-'), '(unknown)') AS client
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    CROSS JOIN shapes ON shapes.id = request.shape_id
    LEFT JOIN label AS flags ON flags.id = shapes.flags_id
    WHERE shapes.tcp = 0
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
),
throttled_clients AS (
    SELECT route_id, client FROM marked WHERE throttled GROUP BY route_id, client
)
SELECT route.text AS route, NULL AS client, 1 AS route_total, COUNT(*) AS requests, SUM(throttled) AS throttled
FROM marked JOIN label AS route ON route.id = marked.route_id
GROUP BY route.text
UNION ALL
SELECT route.text, marked.client, 0, COUNT(*), SUM(throttled)
FROM marked JOIN label AS route ON route.id = marked.route_id
WHERE (marked.route_id, marked.client) IN (SELECT route_id, client FROM throttled_clients)
GROUP BY route.text, marked.client;

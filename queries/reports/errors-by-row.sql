-- Requests, 5xx and 4xx by route, status code and upstream host, from raw rows only (neither is part of a
-- rollup): `query errors --by status|upstream-host`. Parameters as in errors.sql.
WITH
-- @include scope
counted AS (
    SELECT shape_id, status, upstream_host_id, COUNT(*) AS requests
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY shape_id, status, upstream_host_id
)
SELECT route.text AS route, status, host.text AS upstream_host, shapes.local_reply, SUM(requests) AS requests
FROM counted
JOIN shapes ON shapes.id = counted.shape_id
JOIN label AS route ON route.id = shapes.route_id
LEFT JOIN label AS host ON host.id = counted.upstream_host_id
GROUP BY 1, 2, 3, 4;

-- Every 5xx in the window's raw rows, by route: their minute, status, flags, upstream host and request id,
-- for the failing hosts and sample request ids of `routelens incident`. Parameters as in errors.sql.
WITH
-- @include scope
failures AS (
    SELECT shapes.route_id, shapes.flags_id, start_time, status, upstream_host_id, request_id
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    CROSS JOIN shapes ON shapes.id = request.shape_id
    WHERE shapes.tcp = 0 AND status BETWEEN 500 AND 599
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
)
SELECT route.text AS route, start_time - ((start_time % 60000) + 60000) % 60000 AS minute, status, flags.text AS flags,
       host.text AS upstream_host,
       CASE WHEN typeof(request_id) = 'blob' THEN
           lower(substr(hex(request_id), 1, 8) || '-' || substr(hex(request_id), 9, 4) || '-'
               || substr(hex(request_id), 13, 4) || '-' || substr(hex(request_id), 17, 4) || '-'
               || substr(hex(request_id), 21))
       ELSE request_id END AS request_id
FROM failures
JOIN label AS route ON route.id = failures.route_id
LEFT JOIN label AS flags ON flags.id = failures.flags_id
LEFT JOIN label AS host ON host.id = failures.upstream_host_id
ORDER BY start_time;

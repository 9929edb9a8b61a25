-- The slowest requests, with what to hand to tracing: request id, route, target, upstream host.
-- param from: time = null -- only requests that started at or after this time
-- param to: time = null -- only requests that started before this time
-- param route: text = null -- only this route
-- param limit: integer = 20 -- how many requests
WITH in_window AS (
    SELECT request.id FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
    WHERE (:from IS NULL OR block.max_time >= :from) AND (:to IS NULL OR block.min_time < :to)
      AND (:from IS NULL OR request.start_time >= :from) AND (:to IS NULL OR request.start_time < :to)
)
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', start_time / 1000.0, 'unixepoch') AS start_time, duration_ms, status, flags, method, path,
       route, target, upstream_host, request_id
FROM request_view
WHERE id IN (SELECT id FROM in_window) AND duration_ms IS NOT NULL AND tcp = 0 AND (:route IS NULL OR route = :route)
ORDER BY duration_ms DESC
LIMIT :limit;

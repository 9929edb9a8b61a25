-- Requests, 5xx, mean and greatest duration per upstream host: one pod draining or taking the traffic.
-- param from: time = null -- only requests that started at or after this time
-- param to: time = null -- only requests that started before this time
-- param route: text = null -- only this route
WITH in_window AS (
    SELECT request.id FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
    WHERE (:from IS NULL OR block.max_time >= :from) AND (:to IS NULL OR block.min_time < :to)
      AND (:from IS NULL OR request.start_time >= :from) AND (:to IS NULL OR request.start_time < :to)
)
SELECT route, target, COALESCE(upstream_host, '(none)') AS upstream_host, COUNT(*) AS requests,
       SUM(status BETWEEN 500 AND 599) AS errors_5xx, ROUND(AVG(duration_ms), 1) AS mean_ms, MAX(duration_ms) AS max_ms
FROM request_view
WHERE id IN (SELECT id FROM in_window) AND tcp = 0 AND (:route IS NULL OR route = :route)
GROUP BY route, target, upstream_host
ORDER BY route, requests DESC;

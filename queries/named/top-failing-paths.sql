-- Paths with the most 5xx responses, with their request counts and 5xx rate.
-- param from: time = null -- only requests that started at or after this time
-- param to: time = null -- only requests that started before this time
-- param route: text = null -- only this route
-- param limit: integer = 20 -- how many paths
WITH in_window AS (
    SELECT request.id FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
    WHERE (:from IS NULL OR block.max_time >= :from) AND (:to IS NULL OR block.min_time < :to)
      AND (:from IS NULL OR request.start_time >= :from) AND (:to IS NULL OR request.start_time < :to)
)
SELECT route, path, COUNT(*) AS requests, SUM(status BETWEEN 500 AND 599) AS errors_5xx,
       ROUND(1.0 * SUM(status BETWEEN 500 AND 599) / COUNT(*), 4) AS error_rate
FROM request_view
WHERE id IN (SELECT id FROM in_window) AND tcp = 0 AND (:route IS NULL OR route = :route)
GROUP BY route, path
HAVING errors_5xx > 0
ORDER BY errors_5xx DESC, requests DESC
LIMIT :limit;

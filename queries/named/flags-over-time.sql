-- Requests per response flag (UF, UH, URX, UT, NR, DC, RL, …) per interval: when each failure kind started and stopped.
-- param from: time = null -- only requests that started at or after this time
-- param to: time = null -- only requests that started before this time
-- param route: text = null -- only this route
-- param step: duration = 5m -- the interval
WITH in_window AS (
    SELECT request.id FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
    WHERE (:from IS NULL OR block.max_time >= :from) AND (:to IS NULL OR block.min_time < :to)
      AND (:from IS NULL OR request.start_time >= :from) AND (:to IS NULL OR request.start_time < :to)
)
SELECT strftime('%Y-%m-%dT%H:%M:%SZ', start_time / :step * :step / 1000, 'unixepoch') AS interval_start, flags, COUNT(*) AS requests
FROM request_view
WHERE id IN (SELECT id FROM in_window) AND flags IS NOT NULL AND start_time IS NOT NULL AND (:route IS NULL OR route = :route)
GROUP BY 1, 2
ORDER BY 1, 3 DESC;

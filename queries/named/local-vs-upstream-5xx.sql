-- 5xx responses per route split into those the upstream sent and those Envoy made itself (a local reply: no upstream
-- host, or a response flag such as UH, UF, UO, NR, URX, UT that says Envoy answered).
-- param from: time = null -- only requests that started at or after this time
-- param to: time = null -- only requests that started before this time
-- param route: text = null -- only this route
WITH in_window AS (
    SELECT request.id FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
    WHERE (:from IS NULL OR block.max_time >= :from) AND (:to IS NULL OR block.min_time < :to)
      AND (:from IS NULL OR request.start_time >= :from) AND (:to IS NULL OR request.start_time < :to)
),
failed AS (
    SELECT route, (upstream_host IS NULL OR flags IS NOT NULL OR details LIKE '%local%' OR details LIKE 'upstream_reset%') AS local_reply
    FROM request_view
    WHERE id IN (SELECT id FROM in_window) AND tcp = 0 AND status BETWEEN 500 AND 599 AND (:route IS NULL OR route = :route)
)
SELECT route, COUNT(*) AS errors_5xx, SUM(local_reply) AS envoy_local, COUNT(*) - SUM(local_reply) AS upstream
FROM failed
GROUP BY route
ORDER BY errors_5xx DESC;

-- Requests per route and attributed target, for the weighted-split test. Requests that reached no
-- upstream (no target: NR, UH, local replies) count against the route, not a target, and are left out.
-- Raw rows plus the per-minute rollups of deleted ones. Parameters as in errors.sql (:by_target unused).
WITH scoped AS (
    SELECT route, target, 1 AS requests
    FROM request
    WHERE tcp = 0
      AND target IS NOT NULL
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route = :route)
    UNION ALL
    SELECT route, target, requests
    FROM request_minute
    WHERE target != ''
      AND (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT route, target, SUM(requests) AS requests
FROM scoped
GROUP BY route, target
ORDER BY route, target;

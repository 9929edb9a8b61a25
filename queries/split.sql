-- Requests per route and attributed target, for the weighted-split test. Requests that reached no
-- upstream (no target: NR, UH, local replies) count against the route, not a target, and are left out.
-- Parameters as in errors.sql (:by_target is not used).
SELECT route, target, COUNT(*) AS requests
FROM request
WHERE tcp = 0
  AND target IS NOT NULL
  AND (:from IS NULL OR start_time >= :from)
  AND (:to IS NULL OR start_time < :to)
  AND (:route IS NULL OR route = :route)
GROUP BY route, target
ORDER BY route, target;

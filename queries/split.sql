-- Requests per route and attributed target, for the weighted-split test. Requests that reached no
-- upstream (no target: NR, UH, local replies) count against the route, not a target, and are left out.
-- Raw rows counted by label id and then named, plus the per-minute rollups of deleted ones.
-- Parameters as in errors.sql (:by_target is not used).
WITH counted AS (
    SELECT route_id, target_id, COUNT(*) AS requests
    FROM request
    WHERE tcp = 0
      AND target_id IS NOT NULL
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
    GROUP BY route_id, target_id
),
scoped AS (
    SELECT route.text AS route, target.text AS target, requests
    FROM counted
    JOIN label AS route ON route.id = counted.route_id
    JOIN label AS target ON target.id = counted.target_id
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

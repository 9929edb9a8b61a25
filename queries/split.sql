-- Requests per route and attributed target, for the weighted-split test. Requests that reached no
-- upstream (no target: NR, UH, local replies) count against the route, not a target, and are left out.
-- Counted by label id, then named. Parameters as in errors.sql (:by_target is not used).
SELECT route.text AS route, target.text AS target, counted.requests
FROM (
    SELECT route_id, target_id, COUNT(*) AS requests
    FROM request
    WHERE tcp = 0
      AND target_id IS NOT NULL
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
    GROUP BY route_id, target_id
) AS counted
JOIN label AS route ON route.id = counted.route_id
JOIN label AS target ON target.id = counted.target_id
ORDER BY route, target;

-- Requests per version of the route weights, route and attributed target, for the weighted-split test per
-- constant-weight segment. Requests that reached no upstream (no target: NR, UH, local replies) count against
-- the route, not a target, and are left out.
-- effective_at names the version in force at a request's start_time: the last with effective_at <= start_time
-- (a request without a start time counts under the latest version). A rolled-up minute counts under the version
-- in force at the minute's start, so a version that took effect mid-minute begins with the next minute's
-- rollups. Requests older than the first version have no effective_at: no weights were in force.
-- Raw rows counted by label id and then named, plus the per-minute rollups of deleted ones.
-- Parameters as in errors.sql (:by_target is not used).
WITH counted AS (
    -- Most requests start after the latest version took effect: they are told apart without a lookup per row.
    SELECT CASE WHEN coalesce(start_time, 9223372036854775807) >= (SELECT max(effective_at) FROM route_weight_version)
                THEN (SELECT max(effective_at) FROM route_weight_version)
                ELSE (SELECT max(effective_at) FROM route_weight_version WHERE effective_at <= start_time) END AS effective_at,
           route_id, target_id, COUNT(*) AS requests
    FROM request
    WHERE tcp = 0
      AND target_id IS NOT NULL
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
    GROUP BY 1, route_id, target_id
),
scoped AS (
    SELECT effective_at, route.text AS route, target.text AS target, requests
    FROM counted
    JOIN label AS route ON route.id = counted.route_id
    JOIN label AS target ON target.id = counted.target_id
    UNION ALL
    SELECT (SELECT max(effective_at) FROM route_weight_version WHERE effective_at <= minute * 60000),
           route, target, requests
    FROM request_minute
    WHERE target != ''
      AND (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT effective_at, route, target, SUM(requests) AS requests
FROM scoped
GROUP BY effective_at, route, target
ORDER BY effective_at, route, target;

-- Requests per version of the route weights, route and attributed target, for the weighted-split test per
-- constant-weight segment. Requests with no target (target NULL: they reached no upstream — NR, UH, local replies —
-- or an upstream host no target claims, counted in with_upstream_host) are returned for the report to say how many
-- it left out of the test, and why.
-- effective_at names the version in force at a request's start_time: the last with effective_at <= start_time
-- (a request without a start time counts under the latest version). A rollup counts under the version in force
-- at its start: the plan cuts its tiles at every version's effective_at, so none spans two versions. Requests
-- older than the first version have no effective_at: no weights were in force.
-- Raw rows counted per version and shape, rollups added per version and shape (their requests' upstream hosts are
-- not kept: with_upstream_host counts raw rows only), then named.
-- Parameters as in errors.sql (:by_target and :by_operation are not used).
WITH
-- @include scope
counted AS (
    -- Most requests start after the latest version took effect: they are told apart without a lookup per row.
    SELECT CASE WHEN coalesce(start_time, 9223372036854775807) >= (SELECT max(effective_at) FROM route_weight_version)
                THEN (SELECT max(effective_at) FROM route_weight_version)
                ELSE (SELECT max(effective_at) FROM route_weight_version WHERE effective_at <= start_time) END AS effective_at,
           shape_id, COUNT(*) AS requests, SUM(upstream_host_id IS NOT NULL) AS with_upstream_host
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY 1, shape_id
    UNION ALL
    SELECT CASE WHEN start = -9223372036854775808 THEN (SELECT max(effective_at) FROM route_weight_version)
                ELSE (SELECT max(effective_at) FROM route_weight_version WHERE effective_at <= start) END,
           shape_id, SUM(requests), 0
    FROM rollups
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
    GROUP BY 1, shape_id
)
SELECT effective_at, route.text AS route, target.text AS target, SUM(requests) AS requests,
       SUM(with_upstream_host) AS with_upstream_host
FROM counted
JOIN shapes ON shapes.id = counted.shape_id
JOIN label AS route ON route.id = shapes.route_id
LEFT JOIN label AS target ON target.id = shapes.target_id
GROUP BY effective_at, route.text, target.text
ORDER BY effective_at, route.text, target.text;

-- Error rates by route, and by target (:by_target = 1) and OpenAPI operation (:by_operation = 1).
-- HTTP requests only: TCP records have no status. error_rate is 5xx / requests.
-- Raw rows are counted per shape id (grouping one integer is cheapest), shapes are grouped by label id and
-- then named; for minutes whose raw rows retention deleted, their per-minute rollups are added.
-- Parameters: :from, :to (milliseconds since the epoch, NULL for unbounded), :route (NULL for all),
-- :by_target, :by_operation, :health_checks (1: health checks only; 0: everything else), :side
-- ('outbound': all but Istio's server-side copies, 'inbound': only those, 'both').
WITH
-- @include scope
counted AS (
    SELECT shape_id,
           COUNT(*) AS requests,
           SUM(status BETWEEN 500 AND 599) AS errors_5xx,
           SUM(status BETWEEN 400 AND 499) AS errors_4xx
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes WHERE tcp = 0)
      AND (:from IS NULL OR start_time >= :from)
      AND (:to IS NULL OR start_time < :to)
    GROUP BY shape_id
),
scoped AS (
    SELECT route.text AS route, target.text AS target, operation.text AS operation, requests, errors_5xx, errors_4xx
    FROM counted
    JOIN shapes ON shapes.id = counted.shape_id
    JOIN label AS route ON route.id = shapes.route_id
    LEFT JOIN label AS target ON target.id = shapes.target_id AND :by_target
    LEFT JOIN label AS operation ON operation.id = shapes.operation_id AND :by_operation
    UNION ALL
    -- Rollups keep only what the reports count by default: no health checks, no server-side copies (so
    -- --side both counts the client side of rolled-up minutes once, and --side inbound none of them).
    SELECT route, CASE WHEN :by_target THEN NULLIF(target, '') END, NULL, requests, errors_5xx, errors_4xx
    FROM request_minute
    WHERE :health_checks = 0 AND :side IN ('outbound', 'both')
      AND (:from IS NULL OR minute * 60000 >= :from)
      AND (:to IS NULL OR minute * 60000 < :to)
      AND (:route IS NULL OR route = :route)
)
SELECT route, target, operation, SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx, SUM(errors_4xx) AS errors_4xx
FROM scoped
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

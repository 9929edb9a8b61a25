-- Error rates by route, and by target (:by_target = 1) and OpenAPI operation (:by_operation = 1).
-- HTTP requests only: TCP records have no status. error_rate is 5xx / requests.
-- Raw rows are counted per shape id (grouping one integer is cheapest) and rollups added per shape, then
-- shapes are grouped by label id and named. Counts are exact either way.
-- Parameters: :raw_ranges, :tiles, :untimed (see _scope.sql), :route (NULL for all),
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
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    GROUP BY shape_id
    UNION ALL
    SELECT shape_id, SUM(requests), SUM(status_5xx), SUM(status_4xx)
    FROM rollups
    GROUP BY shape_id
)
SELECT route.text AS route, target.text AS target, operation.text AS operation,
       SUM(requests) AS requests, SUM(errors_5xx) AS errors_5xx, SUM(errors_4xx) AS errors_4xx,
       SUM(CASE WHEN shapes.local_reply THEN errors_5xx ELSE 0 END) AS errors_5xx_local
FROM counted
JOIN shapes ON shapes.id = counted.shape_id AND shapes.tcp = 0
JOIN label AS route ON route.id = shapes.route_id
LEFT JOIN label AS target ON target.id = shapes.target_id AND :by_target
LEFT JOIN label AS operation ON operation.id = shapes.operation_id AND :by_operation
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

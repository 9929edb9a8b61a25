-- Exact nearest-rank percentiles of %DURATION% by route (and target with :by_target, operation with
-- :by_operation): the p-th percentile of n sorted durations is the one at position ceil(p * n / 100),
-- computed in integers as (p * n + 99) / 100 so that no floating-point rounding moves it.
-- Ranked by label id, then named. Parameters as in errors.sql.
WITH
-- @include scope
durations AS (
    SELECT route_id, CASE WHEN :by_target THEN target_id END AS target_id,
           CASE WHEN :by_operation THEN operation_id END AS operation_id, duration_ms
    -- CROSS JOINs keep this order: blocks, their rows, each row's shape.
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    CROSS JOIN shapes ON shapes.id = request.shape_id
    WHERE shapes.tcp = 0
      AND duration_ms IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
),
ranked AS (
    SELECT route_id, CASE WHEN :by_target THEN target_id END AS target_id,
           CASE WHEN :by_operation THEN operation_id END AS operation_id, duration_ms,
           ROW_NUMBER() OVER (PARTITION BY route_id, target_id, operation_id ORDER BY duration_ms) AS position,
           COUNT(*) OVER (PARTITION BY route_id, target_id, operation_id) AS n
    FROM durations
),
percentiles AS (
    SELECT route_id, target_id, operation_id, n AS requests,
           MAX(CASE WHEN position = (50 * n + 99) / 100 THEN duration_ms END) AS p50_ms,
           MAX(CASE WHEN position = (90 * n + 99) / 100 THEN duration_ms END) AS p90_ms,
           MAX(CASE WHEN position = (95 * n + 99) / 100 THEN duration_ms END) AS p95_ms,
           MAX(CASE WHEN position = (99 * n + 99) / 100 THEN duration_ms END) AS p99_ms,
           MAX(duration_ms) AS max_ms
    FROM ranked
    GROUP BY route_id, target_id, operation_id
)
SELECT route.text AS route, target.text AS target, operation.text AS operation,
       requests, p50_ms, p90_ms, p95_ms, p99_ms, max_ms
FROM percentiles
JOIN label AS route ON route.id = percentiles.route_id
LEFT JOIN label AS target ON target.id = percentiles.target_id
LEFT JOIN label AS operation ON operation.id = percentiles.operation_id
ORDER BY route, target, operation;

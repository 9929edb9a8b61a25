-- Every raw duration in the window with its interval of :interval_ms milliseconds, by route (and target with
-- :by_target), for `routelens serve`'s Grafana latency series (exact nearest-rank per interval). Rolled-up
-- minutes have no raw durations and are left out. Parameters as in series.sql.
WITH
-- @include scope
timed AS (
    SELECT (start_time / :interval_ms) * :interval_ms AS bucket, shape.route_id,
           CASE WHEN :by_target THEN shape.target_id END AS target_id, duration_ms
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    -- CROSS JOINs keep this order: blocks, their rows, each row's shape.
    CROSS JOIN shapes AS shape ON shape.id = request.shape_id
    WHERE shape.tcp = 0
      AND duration_ms IS NOT NULL
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
)
SELECT bucket, route.text AS route, target.text AS target, duration_ms
FROM timed
JOIN label AS route ON route.id = timed.route_id
LEFT JOIN label AS target ON target.id = timed.target_id;

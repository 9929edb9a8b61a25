-- Duration histograms of the rollups in scope, by route (and target, operation): merged with the raw
-- durations at the window's edges (latency-durations.sql) into approximate percentiles (within 0.4%).
-- Parameters as in errors.sql.
WITH
-- @include scope
histograms AS (SELECT shape_id, durations FROM rollups WHERE durations IS NOT NULL)
SELECT route.text AS route, target.text AS target, operation.text AS operation, histograms.durations
FROM histograms
JOIN shapes ON shapes.id = histograms.shape_id AND shapes.tcp = 0
JOIN label AS route ON route.id = shapes.route_id
LEFT JOIN label AS target ON target.id = shapes.target_id AND :by_target
LEFT JOIN label AS operation ON operation.id = shapes.operation_id AND :by_operation;

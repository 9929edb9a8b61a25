-- Every route and target that has requests (raw or rolled up: rollups refer to shapes too), for `routelens serve`: the routes an API
-- caller may name, the values of Grafana's variables and ad-hoc filters, and the label values of /metrics.
-- No parameters. target is NULL for requests attributed to no target.
SELECT DISTINCT route.text AS route, target.text AS target
FROM request_shape AS shape
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id
WHERE shape.tcp = 0
ORDER BY 1, 2;

-- Every request shape with what /metrics labels it by: the route and target of HTTP requests counted by
-- default (not TCP, not health checks, not Istio's server-side copies); other shapes have counted = 0.
SELECT shape.id AS id, route.text AS route, target.text AS target,
       (shape.tcp = 0 AND shape.health_check = 0 AND shape.inbound = 0) AS counted
FROM request_shape AS shape
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id;

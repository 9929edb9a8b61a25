-- Included by the reports (`-- @include scope`) at the head of their WITH clause: the two tables every report
-- starts from. Not a report itself.
-- blocks: the id ranges whose requests started in the window, from the block range index (see request_block).
blocks AS (
    SELECT first_id, last_id FROM request_block
    WHERE (:from IS NULL OR max_time >= :from) AND (:to IS NULL OR min_time < :to)
),
-- shapes: the request shapes of the scope's class (:health_checks), Istio side (:side) and route (:route). Each
-- report keeps the ones it counts (HTTP only: tcp = 0; split: those with a target) and groups by what it asks.
shapes AS (
    SELECT id, route_id, target_id, operation_id, tcp
    FROM request_shape
    WHERE health_check = :health_checks
      AND (:side = 'both' OR inbound = (:side = 'inbound'))
      AND (:route IS NULL OR route_id = (SELECT id FROM label WHERE text = :route))
),

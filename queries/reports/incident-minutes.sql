-- Minute rollups of the window by route and response flags: what `routelens incident` reads per minute.
-- Counts are exact; durations are histograms. HTTP only. Parameters as in errors.sql (the plan's tiles are minutes).
WITH
-- @include scope
flagged AS (
    SELECT shapes.route_id, shapes.flags_id, shapes.local_reply, rollups.start AS minute, rollups.requests, rollups.status_5xx,
           rollups.durations
    FROM rollups JOIN shapes ON shapes.id = rollups.shape_id AND shapes.tcp = 0
)
SELECT route.text AS route, flags.text AS flags, minute, requests, status_5xx AS errors_5xx, durations
FROM flagged
JOIN label AS route ON route.id = flagged.route_id
LEFT JOIN label AS flags ON flags.id = flagged.flags_id
ORDER BY route.text, minute;

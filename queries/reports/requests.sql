-- Raw requests matching the filters, newest first: `routelens requests`. Each filter is NULL when not given:
-- :target, :status_low and :status_high (inclusive), :flag (one response flag among the logged ones),
-- :host (upstream host), :path_prefix, :min_duration, :request_id (as logged) and :request_id_blob (a
-- lower-case UUID's 16 bytes, as stored), :limit. Every class and side is listed. Parameters otherwise as in
-- errors.sql.
WITH
-- @include scope
listed AS (
    SELECT request.*
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
      AND (:status_low IS NULL OR status BETWEEN :status_low AND :status_high)
      AND (:min_duration IS NULL OR duration_ms >= :min_duration)
      AND (:path_prefix IS NULL OR substr(path, 1, length(:path_prefix)) = :path_prefix)
      AND (:request_id IS NULL OR request_id = :request_id OR request_id = :request_id_blob)
)
SELECT listed.start_time, route.text AS route, target.text AS target, method.text AS method, listed.path, listed.status,
       flags.text AS flags, details.text AS details, listed.duration_ms, listed.bytes_received, listed.bytes_sent,
       host.text AS upstream_host, listed.x_forwarded_for,
       CASE WHEN typeof(listed.request_id) = 'blob' THEN
           lower(substr(hex(listed.request_id), 1, 8) || '-' || substr(hex(listed.request_id), 9, 4) || '-'
               || substr(hex(listed.request_id), 13, 4) || '-' || substr(hex(listed.request_id), 17, 4) || '-'
               || substr(hex(listed.request_id), 21))
       ELSE listed.request_id END AS request_id
FROM listed
JOIN request_shape AS shape ON shape.id = listed.shape_id
JOIN label AS route ON route.id = shape.route_id
LEFT JOIN label AS target ON target.id = shape.target_id
LEFT JOIN label AS method ON method.id = shape.method_id
LEFT JOIN label AS flags ON flags.id = shape.flags_id
LEFT JOIN label AS details ON details.id = shape.details_id
LEFT JOIN label AS host ON host.id = listed.upstream_host_id
WHERE (:route IS NULL OR route.text = :route)
  AND (:target IS NULL OR target.text = :target)
  AND (:flag IS NULL OR ',' || flags.text || ',' LIKE '%,' || :flag || ',%')
  AND (:host IS NULL OR host.text = :host)
ORDER BY listed.start_time DESC, listed.id DESC
LIMIT :limit;

-- The first and last request start times in the window, to report what a window actually covered;
-- a rolled-up minute counts from its first millisecond (the minute rollups say which minutes hold requests,
-- whatever resolution the report read). Parameters as in errors.sql.
WITH
-- @include scope
scoped AS (
    SELECT start_time AS time
    FROM blocks CROSS JOIN request ON request.id BETWEEN blocks.first_id AND blocks.last_id
    WHERE shape_id IN (SELECT id FROM shapes)
      AND (range_from IS NULL OR start_time >= range_from)
      AND (range_to IS NULL OR start_time < range_to)
    UNION ALL
    SELECT (SELECT MIN(start) FROM request_rollup
            WHERE period = 60000 AND start >= (SELECT MIN(tile_from) FROM tiles) AND start < (SELECT MAX(tile_to) FROM tiles)
              AND shape_id IN (SELECT id FROM shapes))
    UNION ALL
    SELECT (SELECT MAX(start) FROM request_rollup
            WHERE period = 60000 AND start >= (SELECT MIN(tile_from) FROM tiles) AND start < (SELECT MAX(tile_to) FROM tiles)
              AND shape_id IN (SELECT id FROM shapes))
)
SELECT MIN(time) AS first_start_time, MAX(time) AS last_start_time FROM scoped;

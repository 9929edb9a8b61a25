-- Clients whose requests were throttled (429, or the RL/RLSE rate-limit flags), most throttled first. The client is
-- the first X-Forwarded-For address, or (unknown) when the format logs none.
-- param from: time = null -- only requests that started at or after this time
-- param to: time = null -- only requests that started before this time
-- param route: text = null -- only this route
-- param limit: integer = 20 -- how many clients
WITH in_window AS (
    SELECT request.id FROM request_block AS block CROSS JOIN request ON request.id BETWEEN block.first_id AND block.last_id
    WHERE (:from IS NULL OR block.max_time >= :from) AND (:to IS NULL OR block.min_time < :to)
      AND (:from IS NULL OR request.start_time >= :from) AND (:to IS NULL OR request.start_time < :to)
),
classified AS (
    SELECT route,
           COALESCE(TRIM(CASE WHEN instr(x_forwarded_for, ',') > 0 THEN substr(x_forwarded_for, 1, instr(x_forwarded_for, ',') - 1)
                              ELSE x_forwarded_for END), '(unknown)') AS client,
           (status = 429 OR ',' || COALESCE(flags, '') || ',' LIKE '%,RL,%' OR ',' || COALESCE(flags, '') || ',' LIKE '%,RLSE,%') AS throttled
    FROM request_view
    WHERE id IN (SELECT id FROM in_window) AND tcp = 0 AND (:route IS NULL OR route = :route)
)
SELECT route, client, SUM(throttled) AS throttled, COUNT(*) AS requests
FROM classified
GROUP BY route, client
HAVING SUM(throttled) > 0
ORDER BY throttled DESC, requests DESC
LIMIT :limit;

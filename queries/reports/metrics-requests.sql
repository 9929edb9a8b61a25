-- Requests stored after the row :after, oldest first, at most :limit: what `routelens serve`'s /metrics adds to
-- its counters at each scrape (ids only grow; a row is counted once per server process).
SELECT id, shape_id, status, duration_ms
FROM request
WHERE id > :after
ORDER BY id
LIMIT :limit;

-- The server's version, to decide whether it takes TTL (19.6 and later).
SELECT version() AS version FORMAT JSONEachRow;

-- The start time of the newest request the fleet holds, raw rows else minute rollups (as Storage's
-- newestStartTime): where `routelens incident` without --from and --to ends its window. NULL when empty.
SELECT if(isNull(raw), rollup, raw) AS newest
FROM (
    SELECT (SELECT max(start_time) FROM {requests} WHERE {node}) AS raw,
           (SELECT if(count() = 0, CAST(NULL AS Nullable(Int64)), toNullable(max(start))) FROM {rollups}
            WHERE period = 60000 AND start > -9223372036854775808 AND {node}) AS rollup
)
FORMAT JSONEachRow;

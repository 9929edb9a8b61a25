-- Throttled requests (429, or response flags RL or RLSE) by route, and by client for the clients that were
-- throttled: the fleet's answer to queries/reports/ratelimit.sql, from raw rows only (clients are not part of a
-- rollup). A client is the first X-Forwarded-For address, '(unknown)' without one. Each request counts twice through
-- arrayJoin: once in its route's totals row (client '', route_total 1), once under its client. Placeholders as in
-- errors.sql.
SELECT route, client, route_total, toUInt64(count()) AS requests, toUInt64(countIf(throttled = 1)) AS throttled
FROM (
    SELECT route, throttled, arrayJoin([('', toUInt8(1)), (address, toUInt8(0))]) AS pair, tupleElement(pair, 1) AS client,
           tupleElement(pair, 2) AS route_total
    FROM (
        SELECT route,
               if(isNull(x_forwarded_for) OR replaceRegexpAll(splitByChar(',', assumeNotNull(x_forwarded_for))[1], '^ +| +$', '') = '-', '(unknown)',
                  replaceRegexpAll(splitByChar(',', assumeNotNull(x_forwarded_for))[1], '^ +| +$', '')) AS address,
               toUInt8(ifNull(status, 0) = 429 OR has(splitByChar(',', ifNull(flags, '')), 'RL') OR has(splitByChar(',', ifNull(flags, '')), 'RLSE')) AS throttled
        FROM {requests} FINAL
        WHERE tcp = 0 AND {filter} AND ({raw_window})
    )
)
GROUP BY route, client, route_total
HAVING route_total = 1 OR throttled > 0
ORDER BY route, route_total DESC, client
FORMAT JSONEachRow;

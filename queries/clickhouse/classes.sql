-- HTTP requests in the window by class, whatever the scope's class and side: what a report left out.
-- {route_filter} holds only the route and node conditions; the window as in errors.sql.
SELECT health_check, inbound, sum(requests) AS requests
FROM (
    SELECT health_check, inbound, toUInt64(count()) AS requests
    FROM {requests} FINAL
    WHERE tcp = 0 AND {route_filter} AND ({raw_window})
    GROUP BY health_check, inbound
    UNION ALL
    SELECT health_check, inbound, toUInt64(sum(requests)) AS requests
    FROM {rollups} FINAL
    WHERE tcp = 0 AND {route_filter} AND ({rollup_window})
    GROUP BY health_check, inbound
)
GROUP BY health_check, inbound
FORMAT JSONEachRow;

-- HTTP requests in the window by class, whatever the scope's class and side: what a report left out.
-- {scope} holds only the window, route and node conditions here.
SELECT health_check, inbound, count() AS requests
FROM {requests} FINAL
WHERE tcp = 0 AND {scope}
GROUP BY health_check, inbound
FORMAT JSONEachRow;

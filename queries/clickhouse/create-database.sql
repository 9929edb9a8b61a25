-- The database the fleet's tables live in. {database}: --database (default routelens); {on_cluster}: empty, or
-- ON CLUSTER name with --cluster.
CREATE DATABASE IF NOT EXISTS {database} {on_cluster};

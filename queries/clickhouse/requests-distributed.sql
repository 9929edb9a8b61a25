-- With --cluster: requests_all, a Distributed table over every shard's requests. Rows are sharded by (node, file),
-- so every copy of one line lands on the same shard, where ReplacingMergeTree and FINAL keep one. Reports then
-- read requests_all; each shard applies FINAL to its own rows.
CREATE TABLE IF NOT EXISTS {database}.requests_all {on_cluster} AS {database}.requests
ENGINE = Distributed({cluster}, {database}, requests, cityHash64(node, file));

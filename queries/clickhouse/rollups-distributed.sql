-- With --cluster: rollups_all, a Distributed table over every shard's rollups, sharded by node so that every copy
-- of a node's rollup row lands on one shard, where ReplacingMergeTree and FINAL keep the latest.
CREATE TABLE IF NOT EXISTS {database}.rollups_all {on_cluster} AS {database}.rollups
ENGINE = Distributed({cluster}, {database}, rollups, cityHash64(node));

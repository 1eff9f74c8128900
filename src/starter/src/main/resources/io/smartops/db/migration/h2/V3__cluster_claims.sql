-- Things exactly one node of a cluster may do (the demo's coordinator run): the first node to insert
-- the name does it; another node's insert fails on the key and it leaves the thing alone.
create table if not exists smartops_cluster_claim (
    name varchar(100) not null,
    node varchar(200) not null,
    claimed_at timestamp(6) with time zone not null,
    primary key (name)
);

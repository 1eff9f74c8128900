-- Process simulations: each request, its progress while the node that took it runs it (the heartbeat
-- in updated_at tells any node whether it still does), and its results.
create table if not exists smartops_simulation (
    id varchar(36) not null,
    process_key varchar(255) not null,
    purpose varchar(20) not null,
    status varchar(20) not null,
    requested_by varchar(255) not null,
    request text not null,
    instances_done bigint not null,
    instances_total bigint not null,
    result text,
    error varchar(4000),
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    finished_at timestamp(6) with time zone,
    primary key (id)
);
create index if not exists idx_simulation_process on smartops_simulation (process_key, purpose, created_at);

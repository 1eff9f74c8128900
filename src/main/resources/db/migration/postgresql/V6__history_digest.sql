-- The history digest of the process insights. The engine queues each instance that ends (in its
-- own transaction); a background job digests the queue into rows per process version and day
-- (segments of a few thousand task executions, so that a busy day's row is not rewritten whole
-- each time): the instances that ended that day, the task executions and agent calls that started
-- that day, each list in a compact binary form (see DigestCodec). The insights read these rows and only the
-- instances not digested yet from the raw tables.
create table if not exists smartops_insight_pending (
    process_instance_id varchar(64) not null,
    process_definition_key varchar(255) not null,
    ended_at timestamp(6) with time zone not null,
    queued_at timestamp(6) with time zone not null,
    primary key (process_instance_id)
);
create index if not exists idx_insight_pending_ended on smartops_insight_pending (ended_at, process_instance_id);
create index if not exists idx_insight_pending_key on smartops_insight_pending (process_definition_key);

create table if not exists smartops_insight_day (
    process_definition_key varchar(255) not null,
    process_definition_id varchar(64) not null,
    bucket_day date not null,
    segment integer not null,
    instance_count integer not null,
    execution_count integer not null,
    call_count integer not null,
    instances bytea not null,
    executions bytea not null,
    calls bytea not null,
    updated_at timestamp(6) with time zone not null,
    primary key (process_definition_key, process_definition_id, bucket_day, segment)
);
create index if not exists idx_insight_day on smartops_insight_day (process_definition_key, bucket_day);

-- Whether the database's history was digested ('on') or not ('off') when a node last started:
-- turning the digest on again digests the whole history anew.
create table if not exists smartops_insight_state (
    name varchar(100) not null,
    state_value varchar(100) not null,
    updated_at timestamp(6) with time zone not null,
    primary key (name)
);

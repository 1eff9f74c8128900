-- Smart Ops' simulation tables (h2): simulations and their outcomes. Migrated only while the capability is on, under
-- its own history table (smartops_simulation_schema_history). "if not exists" throughout: a database an
-- earlier release made is taken over as it is, and an empty one gets the tables.

create table if not exists smartops_simulation (
    id varchar(36) not null,
    process_key varchar(255) not null,
    purpose varchar(20) not null,
    status varchar(20) not null,
    requested_by varchar(255) not null,
    request clob not null,
    instances_done bigint not null,
    instances_total bigint not null,
    result clob,
    error varchar(4000),
    created_at timestamp(6) with time zone not null,
    updated_at timestamp(6) with time zone not null,
    finished_at timestamp(6) with time zone,
    primary key (id)
);

create index if not exists idx_simulation_process on smartops_simulation (process_key, purpose, created_at);

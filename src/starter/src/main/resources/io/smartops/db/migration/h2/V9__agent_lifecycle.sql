-- Agent lifecycle: a CANARY stage, the canary's share of process instances, when the agent entered
-- its stage, and its measured quality (rolling, with the evidence's size and a 95% interval).
alter table smartops_agent alter column status set data type enum ('ACTIVE','CANARY','DEPRECATED','RETIRED','SHADOW');
alter table smartops_agent add column if not exists canary_share float(53);
alter table smartops_agent add column if not exists stage_since timestamp(6) with time zone;
alter table smartops_agent add column if not exists measured_quality float(53);
alter table smartops_agent add column if not exists quality_evidence float(53) default 0 not null;
alter table smartops_agent add column if not exists quality_low float(53);
alter table smartops_agent add column if not exists quality_high float(53);
-- Each call's evaluation: its outputs, whether it was a shadow run, the validity check, and the
-- ground truth once it arrives (the person's verdict is the existing feedback column).
alter table smartops_agent_call add column if not exists outputs varchar(100000);
alter table smartops_agent_call add column if not exists shadow boolean default false not null;
alter table smartops_agent_call add column if not exists validity varchar(10);
alter table smartops_agent_call add column if not exists ground_truth varchar(10);
create index if not exists idx_agent_call_activity on smartops_agent_call (process_instance_id, activity_id);
-- A shadow run: the process instance of agent-shadow-run.bpmn that gave a shadow agent the inputs
-- of one task instance its incumbent served.
create table if not exists smartops_shadow_run (
    shadow_process_instance_id varchar(64) not null,
    process_instance_id varchar(64) not null,
    activity_id varchar(255) not null,
    capability varchar(100) not null,
    incumbent_agent_id varchar(100) not null,
    shadow_agent_id varchar(100) not null,
    created_at timestamp(6) with time zone not null,
    primary key (shadow_process_instance_id)
);
create index if not exists idx_shadow_run_agent on smartops_shadow_run (shadow_agent_id, created_at);

-- Declared LLM agents (issue 32): an agent's declaration as one JSON column; per call the cached
-- tokens, how the structured output was asked for, what the guardrails redacted or caught, and the
-- judge's verdict on the output.
alter table smartops_agent add column if not exists llm varchar(100000);
alter table smartops_agent_call add column if not exists cached_tokens bigint default 0 not null;
alter table smartops_agent_call add column if not exists structured_output varchar(10);
alter table smartops_agent_call add column if not exists redactions integer default 0 not null;
alter table smartops_agent_call add column if not exists guardrail varchar(500);
alter table smartops_agent_call add column if not exists judge_score float(53);
alter table smartops_agent_call add column if not exists judge_agent_id varchar(100);
alter table smartops_agent_call add column if not exists judged_call_id bigint;
create index if not exists idx_agent_call_judged on smartops_agent_call (judge_agent_id);
update smartops_agent set status = 'RETIRED' where id in ('proposal-drafting-llm', 'summarisation-llm') and llm is null;

-- MCP-tool agents: a new agent kind, and its binding (server URL, tool, argument and output
-- mappings) as JSON; null for other agents.
alter table smartops_agent drop constraint if exists smartops_agent_kind_check;
alter table smartops_agent add constraint smartops_agent_kind_check
    check (kind in ('AUTOMATION','BUILTIN_MODEL','LLM','FOREIGN','MCP_TOOL'));
alter table smartops_agent add column if not exists mcp_tool varchar(4000);

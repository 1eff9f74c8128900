-- MCP-tool agents: a new agent kind, and its binding (server URL, tool, argument and output
-- mappings) as JSON; null for other agents.
alter table smartops_agent alter column kind set data type enum ('AUTOMATION','BUILTIN_MODEL','FOREIGN','LLM','MCP_TOOL');
alter table smartops_agent add column if not exists mcp_tool varchar(4000);

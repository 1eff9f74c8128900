package io.smartops.agent;

/** What executes an agent: a wrapped classic automation, a built-in model, an LLM, a foreign worker, or a tool of an external MCP server. */
public enum AgentKind {
	AUTOMATION, BUILTIN_MODEL, LLM, FOREIGN, MCP_TOOL
}

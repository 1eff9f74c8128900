package io.smartops.agent;

/** What executes an agent: a wrapped classic automation, a built-in model, an LLM, or a foreign worker. */
public enum AgentKind {
	AUTOMATION, BUILTIN_MODEL, LLM, FOREIGN
}

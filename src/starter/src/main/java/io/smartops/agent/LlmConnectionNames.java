package io.smartops.agent;

import java.util.Collection;

/** The named LLM connections this node has: what a declared LLM agent may name, and which of them can be used. */
public interface LlmConnectionNames {

	/** Every configured connection's name. */
	Collection<String> names();

	/** Whether the connection is configured well enough to call (its key and endpoint set, its provider's module present). */
	boolean usable(String name);
}

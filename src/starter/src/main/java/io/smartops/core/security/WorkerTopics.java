package io.smartops.core.security;

/**
 * Which external-task topics a worker's service account may fetch: implemented by the agent
 * library (the built-in agents' topics for every worker, a foreign agent's for its service user).
 */
public interface WorkerTopics {

	/** Of {@code topics}, those the user serves no agent of (one query for a whole fetch request). */
	java.util.List<String> refused(String userId, java.util.Collection<String> topics);
}

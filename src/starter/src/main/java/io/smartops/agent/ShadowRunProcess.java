package io.smartops.agent;

/** Everything that names a part of {@code processes/agent-shadow-run.bpmn}, in one place. */
public final class ShadowRunProcess {

	public static final String KEY = "agent-shadow-run";
	public static final String TASK_RUN_SHADOW_AGENT = "Task_RunShadowAgent";

	/** The shadow agent's topic: its own, so that only its worker (built-in or foreign) gets the copy. */
	public static final String VAR_SHADOW_TOPIC = "shadowTopic";
	public static final String VAR_SHADOW_AGENT_ID = "shadowAgentId";
	public static final String VAR_SHADOWED_ACTIVITY = "shadowedActivityId";

	private ShadowRunProcess() {
	}
}

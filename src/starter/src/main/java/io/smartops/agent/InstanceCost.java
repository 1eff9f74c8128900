package io.smartops.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What agents cost one process instance, attributed: in all, per task instance (activity) and per
 * agent, each with its tokens by type. Shadow runs are evidence about their agent, not the
 * instance's cost, and are left out as the instance budget leaves them out; an evaluator's
 * judgement of a call is the instance's cost under {@value #EVALUATION}.
 *
 * @param cost what the instance's agent calls cost, the figure its budget ({@code agentCostBudget}) is held to
 */
public record InstanceCost(String processInstanceId, double cost, Tokens tokens, long calls, List<Part> tasks,
		List<Part> agents) {

	/** The part of the cost that evaluators' judgements take. */
	public static final String EVALUATION = "(evaluation)";

	/** Tokens by type: fresh input, output, cached input. */
	public record Tokens(long input, long output, long cached) {
	}

	/** One task instance's or one agent's share. */
	public record Part(String name, double cost, Tokens tokens, long calls) {
	}

	public static InstanceCost of(String processInstanceId, List<AgentCall> calls) {
		Map<String, List<AgentCall>> byTask = new LinkedHashMap<>();
		Map<String, List<AgentCall>> byAgent = new LinkedHashMap<>();
		List<AgentCall> counted = new ArrayList<>();
		for (AgentCall c : calls) {
			if (c.isShadow()) {
				continue;
			}
			counted.add(c);
			byTask.computeIfAbsent(c.getActivityId() == null ? EVALUATION : c.getActivityId(), k -> new ArrayList<>()).add(c);
			byAgent.computeIfAbsent(c.getAgentId(), k -> new ArrayList<>()).add(c);
		}
		return new InstanceCost(processInstanceId, round(counted.stream().mapToDouble(AgentCall::getCost).sum()),
				tokens(counted), counted.size(), parts(byTask), parts(byAgent));
	}

	private static List<Part> parts(Map<String, List<AgentCall>> groups) {
		return groups.entrySet()
			.stream()
			.map(e -> new Part(e.getKey(), round(e.getValue().stream().mapToDouble(AgentCall::getCost).sum()),
					tokens(e.getValue()), e.getValue().size()))
			.toList();
	}

	private static Tokens tokens(List<AgentCall> calls) {
		return new Tokens(calls.stream().mapToLong(AgentCall::getPromptTokens).sum(),
				calls.stream().mapToLong(AgentCall::getCompletionTokens).sum(),
				calls.stream().mapToLong(AgentCall::getCachedTokens).sum());
	}

	private static double round(double v) {
		return Math.round(v * 1_000_000_000d) / 1_000_000_000d;
	}
}

package io.smartops.agent;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which stage changes an agent may make, and which of them only the promotion gate may make.
 * SHADOW → CANARY and CANARY → ACTIVE need evidence and the process owner's approval (the
 * {@code agent-promotion} process); a canary may fall back to SHADOW (rolled back) and a candidate
 * may be RETIRED; an ACTIVE agent is DEPRECATED (and may be reinstated) before it is RETIRED, once
 * its open tasks have drained. RETIRED is final. Plain code: no engine, no database.
 */
public final class StageGate {

	private static final Map<AgentStatus, Set<AgentStatus>> FREE = Map.of(
			AgentStatus.SHADOW, EnumSet.of(AgentStatus.RETIRED),
			AgentStatus.CANARY, EnumSet.of(AgentStatus.SHADOW, AgentStatus.RETIRED),
			AgentStatus.ACTIVE, EnumSet.of(AgentStatus.DEPRECATED),
			AgentStatus.DEPRECATED, EnumSet.of(AgentStatus.ACTIVE, AgentStatus.RETIRED),
			AgentStatus.RETIRED, EnumSet.noneOf(AgentStatus.class));

	private static final Map<AgentStatus, AgentStatus> GATED = Map.of(AgentStatus.SHADOW, AgentStatus.CANARY,
			AgentStatus.CANARY, AgentStatus.ACTIVE);

	private StageGate() {
	}

	/** True when the change needs the promotion gate. */
	public static boolean gated(AgentStatus from, AgentStatus to) {
		return GATED.get(from) == to;
	}

	/** True when the change may be made without the gate. */
	public static boolean free(AgentStatus from, AgentStatus to) {
		return FREE.get(from).contains(to);
	}

	/** The stage the promotion gate leads to from here, or null when none does. */
	public static AgentStatus promotionFrom(AgentStatus from) {
		return GATED.get(from);
	}

	/** Why the change is refused, or null when it may be made (through the gate if {@code throughGate}). */
	public static String refusal(String agentId, AgentStatus from, AgentStatus to, boolean throughGate) {
		if (from == to) {
			return "agent " + agentId + " is " + from + " already";
		}
		if (from == AgentStatus.RETIRED) {
			return "agent " + agentId + " is retired; retirement is final";
		}
		if (gated(from, to)) {
			return throughGate ? null
					: from + " -> " + to + " passes the promotion gate: start it with POST /smartops/api/agents/" + agentId
							+ "/promotions (evidence, then the process owner's approval)";
		}
		if (free(from, to)) {
			return null;
		}
		return from + " -> " + to + " is not a stage change an agent may make (from " + from + ": "
				+ (GATED.containsKey(from) ? GATED.get(from) + " through the gate, " : "") + FREE.get(from) + ")";
	}
}

package io.smartops.agent.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.StageGate;
import io.smartops.core.web.ConflictException;
import io.smartops.core.web.InvalidRequestException;
import io.smartops.core.model.ProcessModels;
import io.smartops.core.owner.ProcessOwners;

/**
 * Promotions through the stage gates: starts the {@code agent-promotion} process for an agent
 * (refusing what no gate leads to), and does its steps — the evidence for the form, the owners
 * who approve, the stage change, and the incumbent's deprecation, drain and retirement. The BPMN's
 * delegates are thin calls of these methods.
 */
@Service
public class AgentPromotions {

	private static final Logger log = LoggerFactory.getLogger(AgentPromotions.class);

	private final AgentLibrary library;
	private final AgentEvidence evidence;
	private final RuntimeService runtime;
	private final ProcessModels models;
	private final ProcessOwners owners;
	private final AgentProperties.Lifecycle settings;

	AgentPromotions(AgentLibrary library, AgentEvidence evidence, RuntimeService runtime, ProcessModels models,
			ProcessOwners owners, AgentProperties properties) {
		this.library = library;
		this.evidence = evidence;
		this.runtime = runtime;
		this.models = models;
		this.owners = owners;
		this.settings = properties.lifecycle();
	}

	/** A started promotion: its process instance and the stage change it asks for. */
	public record Started(String processInstanceId, String agentId, AgentStatus from, AgentStatus to) {
	}

	/**
	 * Starts a promotion of the agent to the stage its gate leads to. 404 for an unknown agent; 409
	 * when no gate leads on from its stage or a promotion of it is already running; 400 for a canary
	 * share outside (0, 1]. Nothing is started then.
	 */
	public Started start(String agentId, Double canaryShare, String requestedBy) {
		Agent agent = library.find(agentId).orElseThrow(() -> new AgentLibrary.UnknownAgentException(agentId));
		AgentStatus to = StageGate.promotionFrom(agent.getStatus());
		if (to == null) {
			throw new ConflictException("agent " + agentId + " is " + agent.getStatus()
					+ ": the promotion gate leads from SHADOW to CANARY and from CANARY to ACTIVE only");
		}
		if (canaryShare != null && !(canaryShare > 0 && canaryShare <= 1)) {
			throw new InvalidRequestException("invalid promotion", Map.of("canaryShare", canaryShare + " is outside (0, 1]"));
		}
		if (runtime.createProcessInstanceQuery().processDefinitionKey(PromotionProcess.KEY)
			.variableValueEquals(PromotionProcess.VAR_AGENT_ID, agentId).count() > 0) {
			throw new ConflictException("a promotion of agent " + agentId + " is already running");
		}
		Map<String, Object> variables = new HashMap<>();
		variables.put(PromotionProcess.VAR_AGENT_ID, agentId);
		variables.put(PromotionProcess.VAR_FROM_STAGE, agent.getStatus().name());
		variables.put(PromotionProcess.VAR_TARGET_STAGE, to.name());
		variables.put(PromotionProcess.VAR_CANARY_SHARE, canaryShare == null ? settings.canaryShare() : canaryShare);
		variables.put(PromotionProcess.VAR_REQUESTED_BY, requestedBy);
		variables.put(PromotionProcess.VAR_DRAIN_CHECK, settings.drainCheck());
		String id = runtime.startProcessInstanceByKey(PromotionProcess.KEY, agentId + ":" + to, variables).getId();
		log.info("promotion of {} from {} to {} started by {}: process instance {}", agentId, agent.getStatus(), to,
				requestedBy, id);
		return new Started(id, agentId, agent.getStatus(), to);
	}

	/** The form's view of the evidence: the gate's decision, its reasons and tests, each side's figures. */
	public Map<String, Object> evidenceForForm(String agentId) {
		Agent agent = library.find(agentId).orElseThrow(() -> new AgentLibrary.UnknownAgentException(agentId));
		Evidence e = evidence.of(agentId);
		Map<String, Object> v = new HashMap<>();
		v.put(PromotionProcess.VAR_AGENT_NAME, agent.getName() + ", version " + agent.getVersion());
		v.put(PromotionProcess.VAR_PROMOTION, "from " + stage(agent.getStatus()) + " to " + stage(e.promotesTo()) + ", for "
				+ agent.getCapability().replace('-', ' '));
		v.put("promotionDecision", decision(agent, e));
		v.put(PromotionProcess.VAR_GATE_PASSED, e.decision() == Evidence.Decision.PASS);
		v.put(PromotionProcess.VAR_GATE_DECISION, e.decision().name());
		v.put("gateDecisionText", switch (e.decision()) {
			case PASS -> "passed: the evidence is enough, and none of it says the agent is worse";
			case FAIL -> "not passed: the evidence says the agent is worse, or it broke a limit";
			case INSUFFICIENT -> "not yet decided: there is not enough evidence";
		});
		v.put(PromotionProcess.VAR_GATE_REASONS, String.join("\n", e.reasons()));
		v.put(PromotionProcess.VAR_GATE_TESTS, e.tests().stream()
			.map(t -> String.format(Locale.ROOT, "%s: statistic %.2f, p %s%s", t.name(), t.statistic(),
					GateStatistics.p(t.pValue()), t.significant() ? " (significant)" : ""))
			.collect(Collectors.joining("\n")));
		v.put(PromotionProcess.VAR_CANDIDATE_FIGURES, figures(e.candidate(), e));
		v.put(PromotionProcess.VAR_INCUMBENT_FIGURES, figures(e.incumbent(), null));
		v.put(PromotionProcess.VAR_APPROVERS, String.join(",", approvers(agent.getCapability())));
		return v;
	}

	private String figures(Evidence.Arm arm, Evidence shadow) {
		if (arm == null) {
			return "";
		}
		List<String> lines = new ArrayList<>();
		lines.add((arm.agents().size() == 1 ? "agent: " : "agents: ") + String.join(", ", arm.agents().stream()
			.map(id -> library.find(id).map(a -> a.getName() + ", version " + a.getVersion()).orElse(id)).toList()));
		lines.add("calls: " + arm.calls() + ", process instances: " + arm.instances() + " (" + arm.endedInstances()
				+ " ended)");
		if (shadow != null && shadow.compared() != null) {
			lines.add("shadow runs: " + shadow.shadowRunsDispatched() + " given, " + shadow.compared() + " compared, agreement "
					+ pct(shadow.agreementRate()));
		}
		lines.add("quality: " + pct(arm.quality()) + " on " + arm.qualityEvidence() + " judged calls; right by the ground truth "
				+ pct(arm.correctRate()) + " of " + arm.judged() + "; accepted by people " + pct(arm.acceptanceRate()) + " of "
				+ arm.verdicts());
		lines.add("failed " + pct(arm.failureRate()) + ", below the confidence floor " + pct(arm.lowConfidenceRate())
				+ ", rework " + pct(arm.reworkRate()));
		lines.add("median latency " + arm.latencyP50Millis() + " ms, cost " + perThousandCalls(arm.meanCost())
				+ (arm.cycleTimeMedianMillis() == null ? ""
						: String.format(Locale.ROOT, ", median cycle time %.1f h", arm.cycleTimeMedianMillis() / 3_600_000)));
		return String.join("\n", lines);
	}

	private static String pct(Double v) {
		return v == null ? "none yet" : String.format(Locale.ROOT, "%.1f%%", v * 100);
	}

	/** A small cost per call as people compare it: per thousand calls, in the price list's currency. */
	private static String perThousandCalls(Double meanCost) {
		return meanCost == null ? "none yet" : String.format(Locale.ROOT, "%,.2f per 1,000 calls", meanCost * 1000);
	}

	/** A stage as the person who approves reads it. */
	static String stage(AgentStatus status) {
		return switch (status) {
			case SHADOW -> "shadow (it answers beside the incumbent; its answers are not used)";
			case CANARY -> "canary (it serves a share of the tasks)";
			case ACTIVE -> "active (it serves the tasks)";
			default -> status.name().toLowerCase(Locale.ROOT);
		};
	}

	/** What the person decides and what follows from each answer. */
	private String decision(Agent agent, Evidence e) {
		String to = e.promotesTo() == AgentStatus.CANARY
				? "it serves a share of the " + agent.getCapability().replace('-', ' ') + " tasks (the canary share), beside"
						+ " the incumbent, until the next gate"
				: "it serves the " + agent.getCapability().replace('-', ' ') + " tasks, and the incumbent retires";
		return "**Decide whether " + agent.getName() + " moves on.** The gate has compared its measured evidence with the"
				+ " incumbent's.\n\n- **Approve**: " + to + ".\n- **Do not approve**: it stays where it is, and nothing changes"
				+ " for the tasks.";
	}

	/** Who approves a promotion in a capability: the owners of the processes that use it (else the default owner). */
	public List<String> approvers(String capability) {
		Set<String> users = new LinkedHashSet<>();
		for (String key : models.processesUsing(capability)) {
			users.add(owners.ownerOf(key).owner());
		}
		if (users.isEmpty()) {
			users.add(owners.ownerOf("").owner());
		}
		return List.copyOf(users);
	}

	/**
	 * Moves the agent through the gate, audited with the gate's decision and reasons as the owner saw
	 * them on the form (not evaluated again) and the owner's approval.
	 */
	public void changeStage(String agentId, AgentStatus to, double canaryShare, String gateDecision, String gateReasons,
			String approvedBy, String comment) {
		String summary = "gate " + gateDecision + " (" + gateReasons.replace("\n", "; ") + "), approved by " + approvedBy
				+ (comment == null || comment.isBlank() ? "" : ": " + comment);
		library.changeThroughGate(agentId, to, to == AgentStatus.CANARY ? canaryShare : null, summary);
	}

	/** Deprecates the capability's other active agents; returns their ids. */
	public List<String> deprecateIncumbents(String agentId) {
		Agent agent = library.find(agentId).orElseThrow(() -> new AgentLibrary.UnknownAgentException(agentId));
		List<String> deprecated = new ArrayList<>();
		for (Agent other : library.forCapability(agent.getCapability())) {
			if (!other.getId().equals(agentId) && other.getStatus() == AgentStatus.ACTIVE) {
				library.changeStatus(other.getId(), AgentStatus.DEPRECATED);
				deprecated.add(other.getId());
			}
		}
		return deprecated;
	}

	/** True when none of the agents has an open task left. */
	public boolean drained(List<String> agentIds) {
		return agentIds.stream().map(id -> library.find(id).orElseThrow()).allMatch(a -> library.openTasks(a) == 0);
	}

	/** Retires the drained incumbents (one reinstated meanwhile stays as it is). */
	public void retire(List<String> agentIds) {
		for (String id : agentIds) {
			if (library.find(id).map(a -> a.getStatus() == AgentStatus.DEPRECATED).orElse(false)) {
				library.changeStatus(id, AgentStatus.RETIRED);
			}
		}
	}

	/** Records in the agent's audit why its promotion ended without a stage change. */
	public void recordRefusal(String agentId, String why) {
		library.note(agentId, why);
	}
}

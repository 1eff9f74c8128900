package io.smartops.agent.lifecycle;

import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProperties;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.core.model.ProcessModels;
import io.smartops.core.owner.OwnerEscalations;

/**
 * A canary's guardrails, checked on each of its calls once it has made
 * {@code guardrail-min-calls}: its share of failed calls, its share of answers below the task's
 * confidence floor, and its mean cost per call against the incumbent's expected cost. A breach
 * rolls the canary back to SHADOW in the call's own transaction (the next instance already goes
 * to the incumbent) and tells the owner of every process that uses the capability.
 */
@Component
class CanaryGuardrails {

	private static final Logger log = LoggerFactory.getLogger(CanaryGuardrails.class);

	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final AgentProperties.Lifecycle limits;
	private final OwnerEscalations escalations;
	private final ProcessModels models;

	CanaryGuardrails(AgentLibrary library, AgentTelemetry telemetry, AgentProperties properties,
			OwnerEscalations escalations, ProcessModels models) {
		this.library = library;
		this.telemetry = telemetry;
		this.limits = properties.lifecycle();
		this.escalations = escalations;
		this.models = models;
	}

	@EventListener
	void onCall(AgentTelemetry.CallRecorded recorded) {
		if (recorded.status() != AgentStatus.CANARY) {
			return;
		}
		Agent canary = library.find(recorded.agentId()).orElse(null);
		if (canary == null || canary.getStatus() != AgentStatus.CANARY) {
			return;
		}
		String breach = breach(canary);
		if (breach == null) {
			return;
		}
		library.changeStatus(canary.getId(), AgentStatus.SHADOW);
		log.warn("canary {} rolled back to shadow: {}", canary.getId(), breach);
		for (String processKey : models.processesUsing(canary.getCapability())) {
			escalations.escalateAfterCommit(processKey, OwnerEscalations.Kind.AGENT_GUARDRAIL,
					canary.getId() + ":canary-rollback:" + canary.getStageSince(),
					"the canary " + canary.getName() + " was rolled back to shadow: " + breach,
					"its instances go to the incumbent of " + canary.getCapability() + " again; the evidence is at"
							+ " GET /smartops/api/agents/" + canary.getId() + "/evidence");
		}
	}

	/** The guardrail the canary broke, in words, or null. */
	String breach(Agent canary) {
		List<AgentCall> calls = telemetry.callsSince(canary.getId(), canary.getStageSince())
			.stream()
			.filter(c -> !c.isShadow())
			.toList();
		if (calls.size() < limits.guardrailMinCalls()) {
			return null;
		}
		double n = calls.size();
		double failures = calls.stream().filter(c -> c.getOutcome() == AgentCall.Outcome.FAILURE).count() / n;
		if (failures > limits.maxErrorRate()) {
			return String.format(Locale.ROOT, "%.0f%% of its %d calls failed, above the limit %.0f%%", failures * 100,
					calls.size(), limits.maxErrorRate() * 100);
		}
		double low = calls.stream().filter(c -> c.getOutcome() == AgentCall.Outcome.LOW_CONFIDENCE).count() / n;
		if (low > limits.maxLowConfidenceRate()) {
			return String.format(Locale.ROOT, "%.0f%% of its %d answers were below the confidence floor, above the limit"
					+ " %.0f%%", low * 100, calls.size(), limits.maxLowConfidenceRate() * 100);
		}
		double meanCost = calls.stream().mapToDouble(AgentCall::getCost).sum() / n;
		double incumbentCost = library.forCapability(canary.getCapability())
			.stream()
			.filter(a -> a.getStatus() == AgentStatus.ACTIVE)
			.mapToDouble(Agent::expectedCost)
			.min()
			.orElse(Double.NaN);
		if (Double.isFinite(incumbentCost) && meanCost > limits.maxCostFactor() * incumbentCost && meanCost > 0) {
			return String.format(Locale.ROOT, "its mean cost per call %.5f is above %.1f × the incumbent's %.5f", meanCost,
					limits.maxCostFactor(), incumbentCost);
		}
		return null;
	}
}

package io.smartops.agent;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.smartops.core.owner.OwnerEscalations;

/**
 * Tells a process's owner when no agent of a capability its tasks route by meets the task's
 * quality floor and the best one serves instead: once per process, capability and day (UTC), the
 * escalation deduplicated across nodes by its subject and on this node before anything is
 * written, so the routing path pays nothing after the first time.
 */
@Component
class QualityFloorAlerts {

	private final OwnerEscalations escalations;
	private final Set<String> told = ConcurrentHashMap.newKeySet();

	QualityFloorAlerts(OwnerEscalations escalations) {
		this.escalations = escalations;
	}

	void belowFloor(String processKey, String capability, String reason) {
		String subject = "quality-floor:" + processKey + ":" + capability + ":" + LocalDate.now(ZoneOffset.UTC);
		if (told.add(subject)) {
			escalations.escalateAfterCommit(processKey, OwnerEscalations.Kind.AGENT_GUARDRAIL, subject,
					"no agent of " + capability + " meets the quality floor of your process's task",
					reason + "\nRaise an agent's quality, promote a better one (POST /smartops/api/agents/{id}/promotions)"
							+ " or lower the task's floor in Modeler.");
		}
	}
}

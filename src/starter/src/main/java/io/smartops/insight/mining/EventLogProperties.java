package io.smartops.insight.mining;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event-log export ({@code smartops.insights.event-log.*}).
 *
 * @param pseudonymise people's ids, names and e-mail addresses (who did a task, a business object
 * that is an e-mail address) replaced by a keyed hash that is stable within one export; set it to
 * false only where the analysts may see who did what
 * @param objects per process key, the process variables that name a business object of the
 * process and the object type each names in an OCEL export (a lead, a customer, a coordinator
 * run, an action): {@code smartops.insights.event-log.objects.sales-operations.email=lead}; the
 * shipped processes' objects ({@link #SHIPPED}) unless set otherwise
 */
@ConfigurationProperties("smartops.insights.event-log")
public record EventLogProperties(@DefaultValue("true") boolean pseudonymise,
		@DefaultValue Map<String, Map<String, String>> objects) {

	/** The business objects of the processes Smart Ops ships: the coordinator's run, an orchestrated action. */
	static final Map<String, Map<String, String>> SHIPPED = Map.of("operating-plan-coordinator",
			Map.of("runId", "coordinator run"), "orchestrate-action", Map.of("actionId", "action"));

	/** The object type of each object variable of a process, by variable name. */
	Map<String, String> objectsOf(String processKey) {
		Map<String, String> configured = objects.get(processKey);
		return configured != null ? configured : SHIPPED.getOrDefault(processKey, Map.of());
	}
}

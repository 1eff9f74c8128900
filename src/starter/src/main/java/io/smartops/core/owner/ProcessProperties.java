package io.smartops.core.owner;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the processes as a whole ({@code smartops.process.*}).
 *
 * @param defaultOwner the owner (a user) a deployed process key gets until someone names another
 * @param defaultPod the pod (a group) it gets likewise
 * @param incidentEscalationAge an incident still open after this long goes to the process's owner
 * as a Tasklist task (they are looked at every {@code smartops.process.escalation-check}, PT5M)
 */
@ConfigurationProperties("smartops.process")
public record ProcessProperties(@DefaultValue("demo") String defaultOwner,
		@DefaultValue("smartops-operators") String defaultPod, @DefaultValue("4h") Duration incidentEscalationAge) {
}

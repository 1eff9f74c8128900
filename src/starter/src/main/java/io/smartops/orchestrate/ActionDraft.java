package io.smartops.orchestrate;

/**
 * An action a plan asks for, before it is stored: {@code key} (kind/target/period) is unique
 * within a plan and names the same slot across plans, which the plan diff compares.
 */
public record ActionDraft(String kind, String target, int period, Channel channel, String candidateGroup,
		String address, String payload) {

	public String key() {
		return kind + "/" + target + "/" + period;
	}
}

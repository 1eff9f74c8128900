package io.smartops.insight;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The estimates behind the improvement plan ({@code smartops.insights.improvements.*}), in the
 * rates' currency. One-time costs are what making the change costs (build, test, roll out);
 * the annual figures are what it costs or is worth each year.
 *
 * @param agentOneTimeCost putting an agent of the library on a person's task
 * @param automationOneTimeCost automating a person's task
 * @param reviewOneTimeCost routing an agent's unsure outputs to a person
 * @param reworkOneTimeCost removing a rework loop (redesign, a check earlier in the process)
 * @param hiringOneTimeCost adding a person to a group (hiring, onboarding)
 * @param personAnnualCost what a person added to a group costs a year
 * @param errorCost what one error costs once it is out (a wrong score, a bad proposal)
 * @param reviewMinutes how long a person takes to check one agent output
 * @param waitingCostPerHour what an hour of an instance's cycle time costs (a customer waiting)
 * @param minWaitingShare a group is a bottleneck worth staffing when its task holds at least this
 * share of all waiting time
 * @param minReworkRate a rework loop is worth removing from this share of instances up
 * @param maxPaybackMonths the plan leaves out changes that take longer than this to pay back
 */
@ConfigurationProperties("smartops.insights.improvements")
public record ImprovementEstimates(@DefaultValue("5000") double agentOneTimeCost,
		@DefaultValue("15000") double automationOneTimeCost, @DefaultValue("1000") double reviewOneTimeCost,
		@DefaultValue("8000") double reworkOneTimeCost, @DefaultValue("3000") double hiringOneTimeCost,
		@DefaultValue("60000") double personAnnualCost, @DefaultValue("40") double errorCost,
		@DefaultValue("10") double reviewMinutes, @DefaultValue("1") double waitingCostPerHour,
		@DefaultValue("0.2") double minWaitingShare, @DefaultValue("0.05") double minReworkRate,
		@DefaultValue("36") double maxPaybackMonths) {
}

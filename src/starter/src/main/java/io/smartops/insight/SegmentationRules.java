package io.smartops.insight;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The thresholds of the work segmentation ({@code smartops.insights.segmentation.*}); the README
 * lists the rules that use them.
 *
 * @param minExecutions below this many executions in the window a task keeps its executor: too
 * little evidence
 * @param minDailyVolume a task done less often than this per day is not worth automating or
 * handing to an agent
 * @param routineWorkingMillis work this short (median) ...
 * @param routineVariation ... and this uniform (coefficient of variation of the working time, the
 * measure of how varied the task's inputs are) is routine: automation
 * @param maxErrorRate routine work must also fail at most this often
 * @param agentMaxEditRate an agent whose outputs people change more often than this goes back to people
 * @param agentMaxLowConfidenceRate as does one unsure (below its confidence floor) more often than this
 * @param automationMaxErrorRate automation failing more often than this goes to an agent (or a person)
 */
@ConfigurationProperties("smartops.insights.segmentation")
public record SegmentationRules(@DefaultValue("20") int minExecutions, @DefaultValue("1") double minDailyVolume,
		@DefaultValue("300000") long routineWorkingMillis, @DefaultValue("0.5") double routineVariation,
		@DefaultValue("0.05") double maxErrorRate, @DefaultValue("0.3") double agentMaxEditRate,
		@DefaultValue("0.2") double agentMaxLowConfidenceRate, @DefaultValue("0.1") double automationMaxErrorRate) {
}

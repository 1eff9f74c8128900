package io.smartops.agent.lifecycle;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.smartops.agent.AgentStatus;

/**
 * What the gate sees of a candidate against its incumbent: the figures of each side, the
 * comparison of their outputs (shadow), the tests (canary), and the gate's decision with its
 * reasons.
 *
 * @param agentId the candidate
 * @param stage its stage (SHADOW: shadow evidence; CANARY: canary evidence)
 * @param since when it entered the stage: the evidence is what happened since
 * @param promotesTo the stage the gate would move it to
 * @param shadowRunsDispatched shadow runs given to the candidate since (shadow only)
 * @param compared task instances where both outputs are known (shadow only)
 * @param agreementRate the share of those where the outputs agree (shadow only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(String agentId, String capability, AgentStatus stage, Instant since, AgentStatus promotesTo,
		Arm candidate, Arm incumbent, Long shadowRunsDispatched, Long compared, Double agreementRate,
		List<GateStatistics.Test> tests, Decision decision, List<String> reasons) {

	/** The gate's decision on this evidence. */
	public enum Decision {
		/** Enough evidence, and none of it says the candidate is worse. */
		PASS,
		/** The evidence says the candidate is worse (or broke a limit). */
		FAIL,
		/** Not enough evidence yet to decide. */
		INSUFFICIENT
	}

	/**
	 * One side's figures.
	 *
	 * @param agents the agents of this side
	 * @param calls their calls in the evidence
	 * @param instances the process instances they served
	 * @param endedInstances of which ended (the cycle times)
	 * @param cycleTimeMedianMillis the median cycle time of the ended instances
	 * @param reworkRate the share of instances whose task had to be done again
	 * @param failureRate the share of failed calls
	 * @param lowConfidenceRate the share of answers below the task's confidence floor
	 * @param meanCost the mean cost of a call
	 * @param latencyP50Millis the median latency of a call
	 * @param verdicts how many calls a person judged
	 * @param acceptanceRate the share of those accepted as they were
	 * @param judged how many calls the ground truth judged
	 * @param correctRate the share of those that were right
	 * @param quality the mean quality score of the calls with evidence (truth, verdict or validity)
	 * @param qualityEvidence how many calls that mean rests on
	 * @param judgedCalls how many calls an evaluator (LLM-as-judge) scored
	 * @param judgedQuality their mean score, apart from people's
	 * @param humanQuality the mean of people's verdicts (accepted 1, edited ½, rejected 0)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Arm(List<String> agents, long calls, long instances, long endedInstances, Double cycleTimeMedianMillis,
			Double reworkRate, Double failureRate, Double lowConfidenceRate, Double meanCost, Long latencyP50Millis,
			long verdicts, Double acceptanceRate, long judged, Double correctRate, Double quality, long qualityEvidence,
			long judgedCalls, Double judgedQuality, Double humanQuality) {
	}
}

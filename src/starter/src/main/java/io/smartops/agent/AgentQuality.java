package io.smartops.agent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.smartops.core.web.InvalidRequestException;

/**
 * Quality measured, not declared. Every call is evaluated: its outputs against its contract
 * ({@link OutputValidity}), the person's verdict where one reviews it, and the ground truth when it
 * arrives ({@link #groundTruth}). Each agent's quality is then re-estimated from its newest
 * {@code smartops.agents.quality-window} evaluated calls ({@link QualityEstimate}), stored on its
 * library entry with the evidence's size and interval, and used by selection.
 */
@Service
public class AgentQuality {

	/** A numeric output within this share of the actual value is right. */
	public static final double TRUTH_TOLERANCE = 0.2;

	private static final int MAX_OUTPUTS = 100_000;

	private final AgentRepository agents;
	private final AgentCallRepository calls;
	private final AgentProperties properties;
	private final ObjectMapper json;
	private final OutputValidity validity;

	AgentQuality(AgentRepository agents, AgentCallRepository calls, AgentProperties properties, ObjectMapper json) {
		this.agents = agents;
		this.calls = calls;
		this.properties = properties;
		this.json = json;
		this.validity = new OutputValidity(json);
	}

	/** Stores a new call's outputs with their validity (no outputs: nothing to check). */
	void evaluate(Agent agent, AgentCall call, Map<String, Object> outputs) {
		if (outputs == null || call.getOutcome() == AgentCall.Outcome.FAILURE) {
			return;
		}
		OutputValidity.Result result = validity.check(agent.outputs(), outputs);
		try {
			String text = json.writeValueAsString(outputs);
			// the column holds 100,000 characters: a larger output keeps its verdict, not its text
			call.evaluated(text.length() <= MAX_OUTPUTS ? text : null, result.validity());
		}
		catch (JsonProcessingException e) {
			call.evaluated(null, AgentCall.Validity.INVALID);
		}
	}

	/**
	 * Re-estimates an agent's quality from its newest evaluated calls: the truth, a person's verdict
	 * or an invalid output count one call each; an evaluator's score counts
	 * {@code smartops.agents.judging.weight} of one, and only while the evaluator is trusted
	 * ({@link #agreement}).
	 */
	@Transactional
	public QualityEstimate refresh(String agentId) {
		Agent agent = agents.findById(agentId).orElseThrow(() -> new AgentLibrary.UnknownAgentException(agentId));
		Map<String, Boolean> trusted = new java.util.HashMap<>();
		List<QualityEstimate.Score> scores = new ArrayList<>();
		for (AgentCall c : calls.findEvaluated(agentId, Limit.of(properties.qualityWindow()))) {
			Double direct = c.qualityScore();
			if (direct != null) {
				scores.add(new QualityEstimate.Score(direct, 1));
			}
			else if (c.getJudgeScore() != null
					&& trusted.computeIfAbsent(c.getJudgeAgentId(), judge -> agreement(judge).trusted())) {
				scores.add(new QualityEstimate.Score(c.getJudgeScore(), properties.judging().weight()));
			}
		}
		QualityEstimate estimate = QualityEstimate.weighted(agent.getQuality(), scores);
		agent.measured(estimate);
		return estimate;
	}

	/** An evaluator's agreement with people on the outputs both judged ({@link JudgeAgreement}). */
	public JudgeAgreement agreement(String judgeAgentId) {
		List<JudgeAgreement.Pair> pairs = calls.findByJudgeAgentIdAndFeedbackIsNotNull(judgeAgentId)
			.stream()
			.map(c -> new JudgeAgreement.Pair(c.getJudgeScore() >= JudgeAgreement.USABLE,
					c.getFeedback() == AgentCall.Feedback.ACCEPTED))
			.toList();
		return JudgeAgreement.of(pairs, properties.judging().kappaFloor(), properties.judging().minAgreement());
	}

	/** Records an evaluator's score of one call and re-estimates the judged agent. */
	@Transactional
	public void judged(long callId, String judgeAgentId, double score) {
		AgentCall call = calls.findById(callId).orElseThrow(() -> new io.smartops.core.web.NotFoundException("no agent call " + callId));
		call.judged(judgeAgentId, score);
		calls.flush();
		refresh(call.getAgentId());
	}

	/** The truth about one call, as given: {@code correct} directly, or the {@code actual} value to judge its output by. */
	public record GroundTruth(Boolean correct, Object actual) {
	}

	/**
	 * Records the ground truth of one call and re-estimates its agent. 404 for an unknown call; 400
	 * when neither or both of {@code correct} and {@code actual} are given, or an actual value is
	 * given for a call without outputs to judge.
	 */
	@Transactional
	public AgentCall groundTruth(long callId, GroundTruth truth) {
		AgentCall call = calls.findById(callId).orElseThrow(() -> new io.smartops.core.web.NotFoundException("no agent call " + callId));
		if (truth == null || (truth.correct() == null) == (truth.actual() == null)) {
			throw new InvalidRequestException("invalid ground truth",
					Map.of("correct", "give exactly one of correct (true or false) and actual (the true value)"));
		}
		AgentCall.Truth verdict;
		if (truth.correct() != null) {
			verdict = truth.correct() ? AgentCall.Truth.CORRECT : AgentCall.Truth.WRONG;
		}
		else {
			Agent agent = agents.findById(call.getAgentId()).orElseThrow();
			String problem = predicted(agent, call).map(p -> unlike(p, json.valueToTree(truth.actual()))).orElse(null);
			if (problem != null) {
				throw new InvalidRequestException("invalid ground truth", Map.of("actual",
						problem + ", as the output of agent " + agent.getId() + " it judges"));
			}
			verdict = judge(agent, call, truth.actual())
				.orElseThrow(() -> new InvalidRequestException("invalid ground truth", Map.of("actual",
						"call " + callId + " has no output to compare " + truth.actual() + " with; give correct instead")));
		}
		call.setGroundTruth(verdict);
		refresh(call.getAgentId());
		return call;
	}

	/**
	 * Records the truth about one task instance for every call that served it, the incumbent's and
	 * its shadows' (the lead's outcome for the lead scorers): each judged by its own output.
	 * Returns how many calls were judged.
	 */
	@Transactional
	public int groundTruthOfTask(String processInstanceId, String activityId, Object actual) {
		int judged = 0;
		List<String> touched = new ArrayList<>();
		for (AgentCall call : calls.findByProcessInstanceIdAndActivityId(processInstanceId, activityId)) {
			Agent agent = agents.findById(call.getAgentId()).orElse(null);
			Optional<AgentCall.Truth> verdict = agent == null ? Optional.empty() : judge(agent, call, actual);
			if (verdict.isPresent()) {
				call.setGroundTruth(verdict.get());
				judged++;
				if (!touched.contains(call.getAgentId())) {
					touched.add(call.getAgentId());
				}
			}
		}
		touched.forEach(this::refresh);
		return judged;
	}

	/**
	 * Judges a call's main output (its first declared output variable, or its one output) by the actual value: a
	 * probability against a yes/no outcome is right when it falls on the outcome's side of ½; a
	 * number or a series against the actual one is right within {@link #TRUTH_TOLERANCE}
	 * (relative, mean over a series); anything else must be equal. Empty when the call has no output.
	 */
	Optional<AgentCall.Truth> judge(Agent agent, AgentCall call, Object actual) {
		Optional<JsonNode> main = predicted(agent, call);
		if (main.isEmpty()) {
			return Optional.empty();
		}
		JsonNode predicted = main.get();
		JsonNode truth = json.valueToTree(actual);
		boolean right;
		if (truth.isBoolean() && predicted.isNumber()) {
			right = (predicted.asDouble() >= 0.5) == truth.asBoolean();
		}
		else if (truth.isNumber() && predicted.isNumber()) {
			right = close(predicted.asDouble(), truth.asDouble());
		}
		else if (series(truth) != null && series(predicted) != null) {
			List<Double> a = series(truth);
			List<Double> p = series(predicted);
			int n = Math.min(a.size(), p.size());
			double error = 0;
			for (int i = 0; i < n; i++) {
				error += Math.abs(p.get(i) - a.get(i)) / Math.max(Math.abs(a.get(i)), 1e-9);
			}
			right = n > 0 && error / n <= TRUTH_TOLERANCE;
		}
		else {
			right = predicted.asText().equalsIgnoreCase(truth.asText());
		}
		return Optional.of(right ? AgentCall.Truth.CORRECT : AgentCall.Truth.WRONG);
	}

	/** The call's main output, empty when it has none (it failed, or its outputs are not readable). */
	private Optional<JsonNode> predicted(Agent agent, AgentCall call) {
		if (call.getOutputs() == null || call.getOutcome() == AgentCall.Outcome.FAILURE) {
			return Optional.empty();
		}
		try {
			JsonNode predicted = mainOutput(agent, json.readTree(call.getOutputs()));
			return predicted == null || predicted.isNull() ? Optional.empty() : Optional.of(predicted);
		}
		catch (JsonProcessingException e) {
			return Optional.empty();
		}
	}

	/** The largest magnitude a true number may have; beyond it a value is junk, not a measurement. */
	static final double LARGEST_TRUTH = 1e12;

	/** The longest true text. */
	static final int LONGEST_TRUTH = 10_000;

	/**
	 * Why a value cannot be the truth about an output, or null when it can: a yes/no or a value in
	 * [0, 1] for a probability or share (an output in [0, 1]); a finite number up to
	 * {@link #LARGEST_TRUTH} for any other number; a series of as many such numbers for a series; a
	 * non-empty text of up to {@link #LONGEST_TRUTH} characters for a text; true or false for a yes/no.
	 */
	String unlike(JsonNode predicted, JsonNode truth) {
		if (truth == null || truth.isNull() || truth.isObject()) {
			return "must be a value, not an object";
		}
		if (predicted.isBoolean()) {
			return truth.isBoolean() ? null : "must be true or false";
		}
		if (predicted.isNumber()) {
			double p = predicted.asDouble();
			if (p >= 0 && p <= 1) {
				return truth.isBoolean() || (truth.isNumber() && truth.asDouble() >= 0 && truth.asDouble() <= 1) ? null
						: "must be true, false or a number from 0 to 1";
			}
			return truth.isNumber() && finite(truth.asDouble()) ? null
					: "must be a finite number no larger than " + (long) LARGEST_TRUTH;
		}
		List<Double> series = series(predicted);
		if (series != null) {
			List<Double> actual = series(truth);
			return actual != null && actual.size() == series.size() && actual.stream().allMatch(AgentQuality::finite) ? null
					: "must be a series of " + series.size() + " finite numbers";
		}
		return truth.isTextual() && !truth.asText().isBlank() && truth.asText().length() <= LONGEST_TRUTH ? null
				: "must be a text of 1 to " + LONGEST_TRUTH + " characters";
	}

	private static boolean finite(double v) {
		return Double.isFinite(v) && Math.abs(v) <= LARGEST_TRUTH;
	}

	/** The first declared output; for an agent that declares none (a foreign one), its one output besides its confidence. */
	private static JsonNode mainOutput(Agent agent, JsonNode outputs) {
		List<String> declared = agent.outputs();
		if (!declared.isEmpty()) {
			return outputs.get(declared.get(0));
		}
		List<String> given = new ArrayList<>();
		outputs.fieldNames().forEachRemaining(name -> {
			if (!name.equals("agentConfidence")) {
				given.add(name);
			}
		});
		return given.size() == 1 ? outputs.get(given.get(0)) : null;
	}

	private static boolean close(double predicted, double actual) {
		return Math.abs(predicted - actual) <= TRUTH_TOLERANCE * Math.max(Math.abs(actual), 1e-9);
	}

	/** A JSON array of numbers, or a string holding one; null otherwise. */
	private List<Double> series(JsonNode node) {
		JsonNode array = node;
		if (node.isTextual()) {
			try {
				array = json.readTree(node.asText());
			}
			catch (JsonProcessingException e) {
				return null;
			}
		}
		if (array == null || !array.isArray()) {
			return null;
		}
		List<Double> values = new ArrayList<>();
		for (JsonNode v : array) {
			if (!v.isNumber()) {
				return null;
			}
			values.add(v.asDouble());
		}
		return values;
	}

	/** A call's outputs as a map (empty when it has none). */
	public Map<String, Object> outputsOf(AgentCall call) {
		if (call.getOutputs() == null) {
			return Map.of();
		}
		try {
			return json.readValue(call.getOutputs(), new TypeReference<LinkedHashMap<String, Object>>() {
			});
		}
		catch (JsonProcessingException e) {
			return Map.of();
		}
	}

}

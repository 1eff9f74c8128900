package io.smartops.simulate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentLibrary;
import io.smartops.core.web.InvalidRequestException;
import io.smartops.insight.ImprovementEstimates;
import io.smartops.insight.InsightProperties;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.simulate.SimulationRequest.ActivityOverride;
import io.smartops.simulate.SimulationRequest.Change;
import io.smartops.simulate.SimulationRequest.Overrides;
import io.smartops.simulate.engine.SimulationBpmn;
import io.smartops.simulate.model.ActivityParameters;
import io.smartops.simulate.model.Arrivals;
import io.smartops.simulate.model.Distribution;
import io.smartops.simulate.model.Parameters;

/**
 * Makes a simulation's parameters: the fitted ones with the request's given ones in their place
 * (the baseline), and the baseline with what-if changes applied. Every given value is checked
 * against the model first; a problem names its field ({@code parameters.people.sales-emea},
 * {@code changes[1].agentId}) and nothing runs.
 */
@Component
class Scenarios {

	/** Branch probabilities may miss 1 by this much (rounding in a client). */
	static final double SUM_TOLERANCE = 1e-6;

	private final AgentLibrary library;
	private final JdbcTemplate jdbc;
	private final InsightProperties rates;
	private final ImprovementEstimates estimates;

	Scenarios(AgentLibrary library, JdbcTemplate jdbc, InsightProperties rates, ImprovementEstimates estimates) {
		this.library = library;
		this.jdbc = jdbc;
		this.rates = rates;
		this.estimates = estimates;
	}

	/** The fitted parameters with the given ones in their place. */
	Parameters baseline(Parameters fitted, Overrides given, SimulationBpmn.Shape shape, Map<String, String> problems) {
		if (given == null) {
			return fitted;
		}
		Arrivals arrivals = fitted.arrivals();
		if (given.arrivalRatePerHour() != null) {
			if (!(given.arrivalRatePerHour() > 0) || given.arrivalRatePerHour().isInfinite()) {
				problems.put("parameters.arrivalRatePerHour", "must be a positive rate; was " + given.arrivalRatePerHour());
			}
			else {
				arrivals = new Arrivals(3_600_000.0 / given.arrivalRatePerHour(),
						fitted.arrivals() == null ? null : fitted.arrivals().hourOfWeekFactors());
			}
		}
		Map<String, ActivityParameters> activities = new LinkedHashMap<>(fitted.activities());
		if (given.activities() != null) {
			given.activities().forEach((id, o) -> {
				String field = "parameters.activities." + id;
				if (!shape.tasks().containsKey(id)) {
					problems.put(field, "is not a task of " + shape.processKey() + "; its tasks: " + shape.tasks().keySet());
					return;
				}
				activities.put(id, override(activities.get(id), o, field, problems));
			});
		}
		Map<String, Integer> people = new LinkedHashMap<>(fitted.people());
		if (given.people() != null) {
			given.people().forEach((group, n) -> {
				if (n == null || n < 1) {
					problems.put("parameters.people." + group, "a group that has tasks needs at least one person; was " + n);
				}
				else {
					people.put(group, n);
				}
			});
		}
		Map<String, Map<String, Double>> branches = new LinkedHashMap<>(fitted.branches());
		if (given.branches() != null) {
			given.branches().forEach((gateway, p) -> {
				if (branchesValid(shape, gateway, p, "parameters.branches." + gateway, problems)) {
					branches.put(gateway, ordered(shape, gateway, p));
				}
			});
		}
		Long sla = fitted.slaMillis();
		if (given.slaMillis() != null) {
			if (given.slaMillis() <= 0) {
				problems.put("parameters.slaMillis", "must be a positive cycle time in milliseconds");
			}
			sla = given.slaMillis();
		}
		List<Map<String, Object>> variables = fitted.variables();
		if (given.variables() != null && !given.variables().isEmpty()) {
			List<Map<String, Object>> sets = new ArrayList<>();
			for (Map<String, Object> set : variables.isEmpty() ? List.<Map<String, Object>>of(Map.of()) : variables) {
				Map<String, Object> s = new LinkedHashMap<>(set);
				s.putAll(given.variables());
				sets.add(s);
			}
			variables = sets;
		}
		return new Parameters(arrivals, activities, branches, people, fitted.defaultPeople(), fitted.hourlyRates(),
				fitted.defaultHourlyRate(), sla, variables);
	}

	private static ActivityParameters override(ActivityParameters fitted, ActivityOverride o, String field,
			Map<String, String> problems) {
		if (o == null) {
			return fitted;
		}
		ExecutorKind kind = o.kind() != null ? o.kind() : fitted == null ? ExecutorKind.AUTOMATION : fitted.kind();
		Distribution working = o.working() != null ? o.working() : fitted == null ? null : fitted.working();
		if (working == null) {
			problems.put(field + ".working", "needed: the task has no history to fit it from");
		}
		else if (working.problem() != null) {
			problems.put(field + ".working." + working.problem().split(":")[0], working.problem().split(": ", 2)[1]);
		}
		if (o.delay() != null && o.delay().problem() != null) {
			problems.put(field + ".delay." + o.delay().problem().split(":")[0], o.delay().problem().split(": ", 2)[1]);
		}
		double errors = o.errorProbability() != null ? o.errorProbability() : fitted == null ? 0 : fitted.errorProbability();
		if (!(errors >= 0 && errors <= 1)) {
			problems.put(field + ".errorProbability", "must be a share from 0 to 1; was " + errors);
		}
		double cost = o.costPerExecution() != null ? o.costPerExecution() : fitted == null ? 0 : fitted.costPerExecution();
		if (!(cost >= 0) || Double.isInfinite(cost)) {
			problems.put(field + ".costPerExecution", "must be a finite cost, not negative; was " + cost);
		}
		Double quality = o.quality() != null ? o.quality() : fitted == null ? null : fitted.quality();
		if (quality != null && !(quality >= 0 && quality <= 1)) {
			problems.put(field + ".quality", "must be a share from 0 to 1; was " + quality);
		}
		Distribution delay = o.delay() != null ? o.delay() : fitted == null ? null : fitted.delay();
		return new ActivityParameters(kind, working, kind == ExecutorKind.HUMAN ? delay : null,
				fitted == null ? null : fitted.group(), errors, cost, quality,
				fitted == null ? null : fitted.agentId(), fitted == null ? null : fitted.check());
	}

	private static boolean branchesValid(SimulationBpmn.Shape shape, String gateway, Map<String, Double> p, String field,
			Map<String, String> problems) {
		Map<String, String> flows = shape.branches().get(gateway);
		if (flows == null) {
			problems.put(field, "is not a branching exclusive gateway of " + shape.processKey() + "; those: "
					+ shape.branches().keySet());
			return false;
		}
		if (p == null || p.isEmpty()) {
			problems.put(field, "needs a probability for each of its flows " + flows.keySet());
			return false;
		}
		double sum = 0;
		for (Map.Entry<String, Double> e : p.entrySet()) {
			if (!flows.containsKey(e.getKey())) {
				problems.put(field + "." + e.getKey(), "is not a flow out of " + gateway + "; its flows: " + flows.keySet());
				return false;
			}
			if (e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1)) {
				problems.put(field + "." + e.getKey(), "must be a probability from 0 to 1; was " + e.getValue());
				return false;
			}
			sum += e.getValue();
		}
		if (Math.abs(sum - 1) > SUM_TOLERANCE) {
			problems.put(field, "the probabilities of a gateway's flows must sum to 1; they sum to " + sum);
			return false;
		}
		return true;
	}

	private static Map<String, Double> ordered(SimulationBpmn.Shape shape, String gateway, Map<String, Double> p) {
		Map<String, Double> out = new LinkedHashMap<>();
		shape.branches().get(gateway).keySet().forEach(f -> out.put(f, p.getOrDefault(f, 0.0)));
		return out;
	}

	/** The baseline with the changes applied, in order; {@code field} prefixes the problems' names. */
	Parameters apply(Parameters base, List<Change> changes, SimulationBpmn.Shape shape, BpmnModelInstance model,
			String field, Map<String, String> problems) {
		Parameters p = base;
		for (int i = 0; i < changes.size(); i++) {
			p = apply(p, changes.get(i), shape, model, field + "[" + i + "]", problems);
		}
		return p;
	}

	private Parameters apply(Parameters p, Change c, SimulationBpmn.Shape shape, BpmnModelInstance model, String field,
			Map<String, String> problems) {
		if (c == null || c.type() == null) {
			problems.put(field + ".type", "needed: one of " + Arrays.toString(SimulationRequest.ChangeType.values()));
			return p;
		}
		Map<String, ActivityParameters> activities = new LinkedHashMap<>(p.activities());
		Map<String, Integer> people = new LinkedHashMap<>(p.people());
		Map<String, Map<String, Double>> branches = new LinkedHashMap<>(p.branches());
		Arrivals arrivals = p.arrivals();
		Long sla = p.slaMillis();
		switch (c.type()) {
			case AGENT_TAKES_TASK -> {
				ActivityParameters a = task(c, shape, p, field, problems);
				Agent agent = c.agentId() == null ? null : library.find(c.agentId()).orElse(null);
				if (agent == null) {
					problems.put(field + ".agentId", c.agentId() == null ? "needed: the agent that takes the task"
							: "no agent '" + c.agentId() + "' in the library");
				}
				if (a != null && agent != null) {
					activities.put(c.activityId(), a.withKind(ExecutorKind.AGENT, latency(agent), cost(agent),
							agent.effectiveQuality(), agent.getId()));
				}
			}
			case AUTOMATE_TASK -> {
				ActivityParameters a = task(c, shape, p, field, problems);
				if (a != null) {
					activities.put(c.activityId(), a.withKind(ExecutorKind.AUTOMATION, automationTime(p),
							rates.automationCostPerExecution(), null, null));
				}
			}
			case PEOPLE -> {
				if (c.group() == null || c.group().isBlank()) {
					problems.put(field + ".group", "needed: the group whose people change");
					return p;
				}
				int now = people.getOrDefault(c.group(), p.defaultPeople() == null ? 0 : p.defaultPeople());
				Integer n = c.people() != null ? c.people() : c.delta() != null ? now + c.delta() : null;
				if (n == null) {
					problems.put(field + ".people", "needed: the group's people, or a delta");
				}
				else if (n < 1) {
					problems.put(field + (c.people() != null ? ".people" : ".delta"),
							"a group that has tasks needs at least one person; this leaves " + n);
				}
				else {
					people.put(c.group(), n);
				}
			}
			case ARRIVALS -> {
				if (c.factor() == null || !(c.factor() > 0) || c.factor().isInfinite()) {
					problems.put(field + ".factor", "must be a positive factor of the arrivals; was " + c.factor());
				}
				else if (arrivals != null) {
					arrivals = arrivals.scaled(c.factor());
				}
			}
			case BRANCH -> {
				if (branchesValid(shape, c.gatewayId() == null ? "" : c.gatewayId(), c.probabilities(), field
						+ (c.gatewayId() == null ? ".gatewayId" : ".probabilities"), problems)) {
					branches.put(c.gatewayId(), ordered(shape, c.gatewayId(), c.probabilities()));
				}
			}
			case SLA -> {
				if (c.slaMillis() == null || c.slaMillis() <= 0) {
					problems.put(field + ".slaMillis", "must be a positive cycle time in milliseconds; was " + c.slaMillis());
				}
				sla = c.slaMillis();
			}
			case PERSON_CHECKS_OUTPUT -> {
				ActivityParameters a = task(c, shape, p, field, problems);
				if (c.share() == null || !(c.share() > 0 && c.share() <= 1)) {
					problems.put(field + ".share", "must be a share above 0, at most 1; was " + c.share());
				}
				double minutes = c.minutes() == null ? estimates.reviewMinutes() : c.minutes();
				if (!(minutes > 0) || Double.isInfinite(minutes)) {
					problems.put(field + ".minutes", "must be a positive time; was " + c.minutes());
				}
				String group = c.group() != null ? c.group()
						: people.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
				if (group == null) {
					problems.put(field + ".group", "needed: the process has no people to take the check from");
				}
				if (a != null && problems.isEmpty()) {
					activities.put(c.activityId(), a.withCheck(new ActivityParameters.Check(c.share(), group,
							Distribution.exponential(minutes * 60_000))));
				}
			}
		}
		return new Parameters(arrivals, activities, branches, people, p.defaultPeople(), p.hourlyRates(),
				p.defaultHourlyRate(), sla, p.variables());
	}

	/** The rework of a task removed: the flows and errors that lead back to it are never taken. */
	Parameters withoutRework(Parameters p, String activityId, BpmnModelInstance model, SimulationBpmn.Shape shape) {
		Map<String, ActivityParameters> activities = new LinkedHashMap<>(p.activities());
		Map<String, Map<String, Double>> branches = new LinkedHashMap<>(p.branches());
		FlowNode target = model.getModelElementById(activityId);
		shape.branches().forEach((gateway, flows) -> {
			Map<String, Double> probabilities = new LinkedHashMap<>(branches.get(gateway));
			boolean changed = false;
			for (String flow : flows.keySet()) {
				SequenceFlow f = model.getModelElementById(flow);
				if (reaches(f.getTarget(), target) && reaches(target, model.getModelElementById(gateway))
						&& probabilities.getOrDefault(flow, 0.0) < 1) {
					probabilities.put(flow, 0.0);
					changed = true;
				}
			}
			double sum = probabilities.values().stream().mapToDouble(Double::doubleValue).sum();
			if (changed && sum > 0) {
				probabilities.replaceAll((k, v) -> v / sum);
				branches.put(gateway, probabilities);
			}
		});
		shape.errorCodes().keySet().forEach(task -> {
			for (BoundaryEvent b : model.getModelElementsByType(BoundaryEvent.class)) {
				if (b.getAttachedTo().getId().equals(task) && !b.getChildElementsByType(ErrorEventDefinition.class).isEmpty()
						&& reaches(b, target) && reaches(target, b.getAttachedTo())) {
					ActivityParameters a = activities.get(task);
					activities.put(task, activities.get(task).withoutErrors());
				}
			}
		});
		return new Parameters(p.arrivals(), activities, branches, p.people(), p.defaultPeople(), p.hourlyRates(),
				p.defaultHourlyRate(), p.slaMillis(), p.variables());
	}

	/** Whether a path of flows (and boundary events) leads from one node to another. */
	private static boolean reaches(FlowNode from, FlowNode to) {
		Deque<FlowNode> open = new ArrayDeque<>(List.of(from));
		Set<String> seen = new HashSet<>();
		while (!open.isEmpty()) {
			FlowNode n = open.poll();
			if (n.getId().equals(to.getId())) {
				return true;
			}
			if (!seen.add(n.getId())) {
				continue;
			}
			n.getOutgoing().forEach(f -> open.add(f.getTarget()));
			if (n instanceof Activity) {
				n.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
					.filter(b -> b.getAttachedTo().getId().equals(n.getId())).forEach(open::add);
			}
		}
		return false;
	}

	private static ActivityParameters task(Change c, SimulationBpmn.Shape shape, Parameters p, String field,
			Map<String, String> problems) {
		if (c.activityId() == null || !shape.tasks().containsKey(c.activityId())) {
			problems.put(field + ".activityId", c.activityId() == null ? "needed: the task that changes"
					: "is not a task of " + shape.processKey() + "; its tasks: " + shape.tasks().keySet());
			return null;
		}
		return p.activities().get(c.activityId());
	}

	/** The agent's latencies as measured on its completed calls (the most recent 5,000), else around its expected latency. */
	private Distribution latency(Agent agent) {
		List<Long> latencies = jdbc.queryForList("select latency_millis from smartops_agent_call where agent_id = ?"
				+ " and outcome = 'COMPLETED' order by id desc fetch first 5000 rows only", Long.class, agent.getId());
		return latencies.isEmpty() ? Distribution.exponential(Math.max(1, agent.getExpectedLatencyMillis()))
				: Distribution.empirical(latencies.stream().mapToDouble(Long::doubleValue).toArray());
	}

	/** The agent's mean cost per call as measured, else its registered cost per call. */
	private double cost(Agent agent) {
		Double measured = jdbc.queryForObject("select avg(cost) from smartops_agent_call where agent_id = ?", Double.class,
				agent.getId());
		return measured != null ? measured : agent.getCostPerCall();
	}

	/** The time of an automated step: the median of the process's automated steps, else 100 ms. */
	private static Distribution automationTime(Parameters p) {
		double[] means = p.activities().values().stream().filter(a -> a.kind() == ExecutorKind.AUTOMATION)
			.mapToDouble(a -> a.working().expectedMillis()).sorted().toArray();
		return Distribution.fixed(means.length == 0 ? SimulationFitter.UNSEEN_AUTOMATION_MILLIS
				: Math.max(1, means[means.length / 2]));
	}

	static InvalidRequestException invalid(Map<String, String> problems) {
		return new InvalidRequestException("invalid simulation request", problems);
	}
}

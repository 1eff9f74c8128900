package io.smartops.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.stereotype.Component;

import io.smartops.core.web.InvalidRequestException;
import io.smartops.insight.ImprovementPlan.Improvement;
import io.smartops.insight.ImprovementPlan.Kind;
import io.smartops.insight.InsightProperties;
import io.smartops.insight.ProcessInsights;
import io.smartops.insight.Window;
import io.smartops.simulate.Simulations.Fit;
import io.smartops.simulate.Simulations.Purpose;
import io.smartops.simulate.Simulations.ScenarioView;
import io.smartops.simulate.SimulationRequest.Change;
import io.smartops.simulate.engine.SimulationBpmn;
import io.smartops.simulate.model.Parameters;
import io.smartops.simulate.model.Scenario;
import io.smartops.simulate.model.SimulationSpec;

/**
 * What a simulation will run, worked out before anything is kept: the deployed model checked that it
 * can be simulated, its parameters fitted from history, and the scenarios (a request's what-if, or
 * each item of the improvement plan) applied to them.
 */
@Component
class SimulationPlanner {

	private final SimulationFitter fitter;
	private final Scenarios scenarios;
	private final SimulationProperties properties;
	private final RepositoryService repository;
	private final ProcessInsights insights;
	private final InsightProperties insightProperties;

	SimulationPlanner(SimulationFitter fitter, Scenarios scenarios, SimulationProperties properties,
			RepositoryService repository, ProcessInsights insights, InsightProperties insightProperties) {
		this.fitter = fitter;
		this.scenarios = scenarios;
		this.properties = properties;
		this.repository = repository;
		this.insights = insights;
		this.insightProperties = insightProperties;
	}

	/** A request checked, its model fitted: every problem is a 400 naming its field, and nothing is kept. */
	SimulationPlan request(SimulationRequest request) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (request == null) {
			throw Scenarios.invalid(Map.of("body", "needed: {processKey, instances or horizon, replications, seed,"
					+ " changes[], parameters{}}"));
		}
		Model model = model(request.processKey(), "processKey");
		Integer instances = request.instances();
		Long horizon = null;
		if (request.horizon() != null) {
			try {
				horizon = Duration.parse(request.horizon()).toMillis();
				if (horizon <= 0) {
					problems.put("horizon", "must be a positive duration; was " + request.horizon());
				}
			}
			catch (DateTimeParseException e) {
				problems.put("horizon", "must be an ISO-8601 duration such as P30D; was " + request.horizon());
			}
			if (instances != null) {
				problems.put("instances", "give instances or a horizon, not both");
			}
		}
		else if (instances == null) {
			instances = properties.defaultInstances();
		}
		if (instances != null && (instances < 1 || instances > properties.maxInstances())) {
			problems.put("instances", "must be from 1 to " + properties.maxInstances() + "; was " + instances);
		}
		int replications = request.replications() == null ? properties.defaultReplications() : request.replications();
		if (replications < 1 || replications > 100) {
			problems.put("replications", "must be from 1 to 100; was " + replications);
		}
		double warmUp = request.warmUpShare() == null ? properties.warmUpShare() : request.warmUpShare();
		if (!(warmUp >= 0 && warmUp < 1)) {
			problems.put("warmUpShare", "must be a share from 0 up to (not including) 1; was " + warmUp);
		}
		Window fit = null;
		try {
			fit = Window.of("fitFrom", request.fitFrom(), "fitTo", request.fitTo(), insightProperties.defaultWindow());
		}
		catch (InvalidRequestException e) {
			problems.putAll(e.fields());
		}
		if (!problems.isEmpty()) {
			throw Scenarios.invalid(problems);
		}
		Instant from = fit.from();
		Instant to = fit.to();
		SimulationFitter.Fitted fitted = fitter.fit(model.key, model.shape, from, to);
		Parameters baseline = scenarios.baseline(model.used(fitted.parameters()), request.parameters(), model.shape,
				problems);
		if (baseline.arrivals() == null) {
			problems.putIfAbsent("parameters.arrivalRatePerHour", "needed: the history of " + model.key
					+ " has too few instances in the window to fit the arrivals");
		}
		List<Scenario> list = new ArrayList<>(List.of(new Scenario("baseline", baseline)));
		List<ScenarioView> views = new ArrayList<>(List.of(new ScenarioView("baseline", null, List.of(), null)));
		List<Change> changes = request.changes() == null ? List.of() : request.changes();
		if (!changes.isEmpty()) {
			list.add(new Scenario("what-if", scenarios.apply(baseline, changes, model.shape, model.bpmn, "changes",
					problems)));
			views.add(new ScenarioView("what-if", null, changes, null));
		}
		if (!problems.isEmpty()) {
			throw Scenarios.invalid(problems);
		}
		SimulationSpec spec = new SimulationSpec(model.key, model.xml, model.decisions, list, instances, horizon,
				replications, request.seed() == null ? 1 : request.seed(), warmUp);
		return new SimulationPlan(Purpose.REQUEST, request, spec,
				new Fit(from, to, fitted.instances(), fitted.assumptions()), views, Map.of());
	}

	/** Each item of the process's improvement plan as a scenario beside the baseline, fitted over [from, to). */
	SimulationPlan improvements(String processKey, Instant from, Instant to) {
		Model model = model(processKey, "processKey");
		List<Improvement> candidates = insights.candidates(processKey, from, to);
		SimulationFitter.Fitted fitted = fitter.fit(model.key, model.shape, from, to);
		Parameters baseline = model.used(fitted.parameters());
		if (baseline.arrivals() == null) {
			throw Scenarios.invalid(Map.of("processKey", "the history of " + processKey
					+ " has too few instances in the window to fit the arrivals"));
		}
		List<Scenario> list = new ArrayList<>(List.of(new Scenario("baseline", baseline)));
		List<ScenarioView> views = new ArrayList<>(List.of(new ScenarioView("baseline", null, List.of(), null)));
		Map<String, String> notSimulated = new LinkedHashMap<>();
		for (Improvement item : candidates) {
			Map<String, String> problems = new LinkedHashMap<>();
			Parameters p;
			List<Change> changes;
			if (item.kind() == Kind.AGENT_TAKES_HUMAN_TASK) {
				changes = List.of(Change.agentTakes(item.activityId(), item.agentId()));
			}
			else if (item.kind() == Kind.AUTOMATE_HUMAN_TASK) {
				changes = List.of(Change.automate(item.activityId()));
			}
			else if (item.kind() == Kind.ADD_PERSON_TO_GROUP) {
				changes = List.of(Change.morePeople(item.group(), 1));
			}
			else if (item.kind() == Kind.REMOVE_REWORK_LOOP) {
				changes = List.of();
			}
			else if (item.kind() == Kind.PERSON_REVIEWS_AGENT_OUTPUT && item.share() != null && item.share() > 0) {
				changes = List.of(Change.personChecks(item.activityId(), Math.min(1, item.share())));
			}
			else {
				notSimulated.put(item.id(), "no share of outputs to check");
				continue;
			}
			p = item.kind() == Kind.REMOVE_REWORK_LOOP
					? scenarios.withoutRework(baseline, item.activityId(), model.bpmn, model.shape)
					: scenarios.apply(baseline, changes, model.shape, model.bpmn, item.id(), problems);
			if (!problems.isEmpty()) {
				notSimulated.put(item.id(), "cannot be simulated: " + problems);
				continue;
			}
			list.add(new Scenario(item.id(), p));
			views.add(new ScenarioView(item.id(), item.id(), changes, null));
		}
		SimulationSpec spec = new SimulationSpec(model.key, model.xml, model.decisions, list,
				properties.defaultInstances(), null, properties.defaultReplications(), 1, properties.warmUpShare());
		return new SimulationPlan(Purpose.PLAN, Map.of("processKey", processKey, "from", from, "to", to), spec,
				new Fit(from, to, fitted.instances(), fitted.assumptions()), views, notSimulated);
	}

	/** A deployed process's latest model: checked that it can be simulated. */
	private record Model(String key, String xml, BpmnModelInstance bpmn, SimulationBpmn.Shape shape,
			Map<String, String> decisions) {

		/** The parameters with only the start variables the model or its decisions name. */
		Parameters used(Parameters p) {
			Set<String> names = SimulationBpmn.names(xml, decisions.values());
			List<Map<String, Object>> variables = p.variables().stream()
				.map(set -> set.entrySet().stream().filter(e -> names.contains(e.getKey()))
					.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
							java.util.TreeMap::new)))
				.map(m -> (Map<String, Object>) m).toList();
			return new Parameters(p.arrivals(), p.activities(), p.branches(), p.people(), p.defaultPeople(), p.hourlyRates(),
					p.defaultHourlyRate(), p.slaMillis(), variables);
		}
	}

	private Model model(String processKey, String field) {
		if (processKey == null || processKey.isBlank()) {
			throw Scenarios.invalid(Map.of(field, "needed: the key of a deployed process"));
		}
		ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
			.latestVersion().singleResult();
		if (definition == null) {
			throw Scenarios.invalid(Map.of(field, "no deployed process '" + processKey + "'"));
		}
		String xml = read(repository.getProcessModel(definition.getId()));
		BpmnModelInstance bpmn = SimulationBpmn.read(xml);
		Map<String, String> unsupported = SimulationBpmn.unsupported(bpmn, processKey);
		if (!unsupported.isEmpty()) {
			Map<String, String> problems = new LinkedHashMap<>();
			unsupported.forEach((element, why) -> problems.put(field, element + ": " + why));
			throw new InvalidRequestException("process '" + processKey + "' cannot be simulated", problems);
		}
		SimulationBpmn.Shape shape = SimulationBpmn.shape(bpmn, processKey);
		Map<String, String> decisions = new LinkedHashMap<>();
		for (String key : shape.decisionKeys()) {
			DecisionDefinition d = repository.createDecisionDefinitionQuery().decisionDefinitionKey(key).latestVersion()
				.singleResult();
			if (d == null) {
				throw Scenarios.invalid(Map.of(field, "process '" + processKey + "' calls decision '" + key
						+ "', which is not deployed; deployed decisions: " + repository.createDecisionDefinitionQuery()
							.list().stream().map(DecisionDefinition::getKey).distinct().sorted().toList()));
			}
			decisions.putIfAbsent(d.getResourceName().replaceAll("^.*/", ""), read(repository.getDecisionModel(d.getId())));
		}
		return new Model(processKey, xml, bpmn, shape, decisions);
	}

	private static String read(InputStream in) {
		try (in) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}

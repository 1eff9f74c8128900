package io.smartops.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.core.web.InvalidRequestException;
import io.smartops.core.web.NotFoundException;
import io.smartops.insight.ImprovementPlan.Improvement;
import io.smartops.insight.ImprovementPlan.Kind;
import io.smartops.insight.ImprovementSimulations;
import io.smartops.insight.InsightProperties;
import io.smartops.insight.ProcessInsights;
import io.smartops.insight.SimulatedEffect;
import io.smartops.insight.Window;
import io.smartops.core.security.CurrentUser;
import io.smartops.simulate.SimulationRequest.Change;
import io.smartops.simulate.engine.SimulationBpmn;
import io.smartops.simulate.model.Estimate;
import io.smartops.simulate.model.Parameters;
import io.smartops.simulate.model.Scenario;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.simulate.model.SimulationSpec;

/**
 * The process simulations: a request is checked and its model fitted at once (a bad one is
 * refused and nothing is kept), then it is kept and run in the background in a simulator process
 * of its own ({@link SimulationProcess}), its progress written as it goes, so that any node of a
 * cluster answers for it. A node that stops leaves its simulations to read as failed once their
 * heartbeat is older than {@code smartops.simulation.stalled}.
 */
@Service
public class Simulations implements ImprovementSimulations, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Simulations.class);

	public enum Status {
		QUEUED, RUNNING, SUCCEEDED, FAILED
	}

	/** What a simulation is for: a request of its own, or the improvement plan of a process. */
	public enum Purpose {
		REQUEST, PLAN
	}

	/** One simulated scenario: the baseline, a what-if, or an item of the improvement plan. */
	public record ScenarioView(String label, String improvementId, List<Change> changes, ScenarioResult result) {
	}

	/** How the baseline was fitted: the window, the instances, what had to be assumed. */
	public record Fit(Instant from, Instant to, int instances, List<String> assumptions) {
	}

	/** The results: the fit, the scenarios (the baseline first), and items of a plan that are not simulated. */
	public record Outcome(Fit fit, List<ScenarioView> scenarios, Map<String, String> notSimulated) {
	}

	public record Progress(long instances, long total, double percent) {
	}

	public record SimulationView(String id, String processKey, Purpose purpose, Status status, Progress progress,
			String requestedBy, Instant createdAt, Instant finishedAt, String error, Outcome result) {
	}

	private final SimulationFitter fitter;
	private final Scenarios scenarios;
	private final SimulationProcess simulator;
	private final SimulationProperties properties;
	private final RepositoryService repository;
	private final CurrentUser user;
	private final ProcessInsights insights;
	private final InsightProperties insightProperties;
	private final JdbcTemplate jdbc;
	private final ObjectMapper json;
	private final ExecutorService runner;
	private final Set<String> active = ConcurrentHashMap.newKeySet();

	Simulations(SimulationFitter fitter, Scenarios scenarios, SimulationProcess simulator, SimulationProperties properties,
			RepositoryService repository, CurrentUser user, ProcessInsights insights, InsightProperties insightProperties, JdbcTemplate jdbc,
			ObjectMapper json) {
		this.fitter = fitter;
		this.scenarios = scenarios;
		this.simulator = simulator;
		this.properties = properties;
		this.repository = repository;
		this.user = user;
		this.insights = insights;
		this.insightProperties = insightProperties;
		this.jdbc = jdbc;
		this.json = json;
		AtomicInteger n = new AtomicInteger();
		this.runner = Executors.newFixedThreadPool(Math.max(1, properties.concurrent()), r -> {
			Thread t = new Thread(r, "simulation-" + n.incrementAndGet());
			t.setDaemon(true);
			return t;
		});
	}

	/** What a request asks for, checked: the model, the parameters and the scenarios to run. */
	private record Plan(SimulationSpec spec, Fit fit, List<ScenarioView> views, Map<String, String> notSimulated) {
	}

	/** Checks the request, fits the model and starts the simulation; returns it as queued. */
	public SimulationView submit(SimulationRequest request, String user) {
		return asSystem(() -> check(request, user));
	}

	/**
	 * Engine reads run as the system rather than as the caller: the endpoint's roles decide who may
	 * simulate, and a simulation reads the whole model (its decisions too) and the history it is
	 * fitted on, whatever the caller may read of them one by one.
	 */
	private <T> T asSystem(java.util.function.Supplier<T> work) {
		return user.as(null, List.of(), work);
	}

	private SimulationView check(SimulationRequest request, String user) {
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
		return start(Purpose.REQUEST, user, request,
				new Plan(spec, new Fit(from, to, fitted.instances(), fitted.assumptions()), views, Map.of()));
	}

	/** Simulates each item of the process's improvement plan over [from, to) against the baseline. */
	public SimulationView simulatePlan(String processKey, Instant from, Instant to, String user) {
		return asSystem(() -> plan(processKey, from, to, user));
	}

	private SimulationView plan(String processKey, Instant from, Instant to, String user) {
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
		return start(Purpose.PLAN, user, Map.of("processKey", processKey, "from", from, "to", to),
				new Plan(spec, new Fit(from, to, fitted.instances(), fitted.assumptions()), views, notSimulated));
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

	private SimulationView start(Purpose purpose, String user, Object request, Plan plan) {
		String id = UUID.randomUUID().toString();
		SimulationSpec spec = plan.spec();
		long total = spec.instancesToStart();
		Timestamp now = Timestamp.from(Instant.now());
		jdbc.update("insert into smartops_simulation (id, process_key, purpose, status, requested_by, request,"
				+ " instances_done, instances_total, created_at, updated_at) values (?, ?, ?, ?, ?, ?, 0, ?, ?, ?)", id,
				spec.processKey(), purpose.name(), Status.QUEUED.name(), user, write(request), total, now, now);
		active.add(id);
		runner.execute(() -> run(id, plan, total));
		log.info("simulation {} of {} queued: {} scenario(s) × {} replication(s) × {}", id, spec.processKey(),
				spec.scenarios().size(), spec.replications(),
				spec.instances() != null ? spec.instances() + " instances" : Duration.ofMillis(spec.horizonMillis()));
		return get(id);
	}

	private void run(String id, Plan plan, long total) {
		long started = System.nanoTime();
		try {
			jdbc.update("update smartops_simulation set status = ?, updated_at = ? where id = ?", Status.RUNNING.name(),
					Timestamp.from(Instant.now()), id);
			long[] logged = { 0 };
			List<ScenarioResult> results = simulator.run(plan.spec(), (done, all) -> {
				jdbc.update("update smartops_simulation set instances_done = ?, instances_total = ?, updated_at = ?"
						+ " where id = ?", done, all, Timestamp.from(Instant.now()), id);
				if (System.nanoTime() - logged[0] > 10_000_000_000L) {
					logged[0] = System.nanoTime();
					double seconds = (System.nanoTime() - started) / 1e9;
					log.info("simulation {}: {} of {} instances ({}%), {} instances/s", id, done, all,
							Math.round(100.0 * done / Math.max(1, all)), Math.round(done / Math.max(seconds, 1e-9)));
				}
			});
			List<ScenarioView> views = new ArrayList<>();
			for (int i = 0; i < results.size(); i++) {
				ScenarioView v = plan.views().get(i);
				views.add(new ScenarioView(v.label(), v.improvementId(), v.changes(), results.get(i)));
			}
			jdbc.update("update smartops_simulation set status = ?, result = ?, instances_done = instances_total,"
					+ " updated_at = ?, finished_at = ? where id = ?", Status.SUCCEEDED.name(),
					write(new Outcome(plan.fit(), views, plan.notSimulated())), Timestamp.from(Instant.now()),
					Timestamp.from(Instant.now()), id);
			log.info("simulation {} done in {} s", id, String.format("%.1f", (System.nanoTime() - started) / 1e9));
		}
		catch (RuntimeException e) {
			log.warn("simulation {} failed: {}", id, e.getMessage());
			jdbc.update("update smartops_simulation set status = ?, error = ?, updated_at = ?, finished_at = ? where id = ?",
					Status.FAILED.name(), io.smartops.core.web.Fields.cut(String.valueOf(e.getMessage()), 3900),
					Timestamp.from(Instant.now()), Timestamp.from(Instant.now()), id);
		}
		finally {
			active.remove(id);
		}
	}

	/** Keeps this node's simulations' heartbeat fresh while they wait or run. */
	@Scheduled(fixedDelayString = "${smartops.simulation.heartbeat:PT30S}")
	void heartbeat() {
		for (String id : active) {
			jdbc.update("update smartops_simulation set updated_at = ? where id = ? and finished_at is null",
					Timestamp.from(Instant.now()), id);
		}
	}

	public SimulationView get(String id) {
		List<SimulationView> found = jdbc.query("select id, process_key, purpose, status, requested_by, instances_done,"
				+ " instances_total, created_at, finished_at, error, result, updated_at from smartops_simulation where id = ?",
				(rs, i) -> {
					Status status = Status.valueOf(rs.getString(4));
					String error = rs.getString(10);
					Instant updated = rs.getTimestamp(12).toInstant();
					if ((status == Status.QUEUED || status == Status.RUNNING)
							&& updated.isBefore(Instant.now().minus(properties.stalled()))) {
						status = Status.FAILED;
						error = "the node that ran it stopped (no word from it since " + updated + ")";
					}
					long done = rs.getLong(6);
					long total = rs.getLong(7);
					Timestamp finished = rs.getTimestamp(9);
					String result = rs.getString(11);
					return new SimulationView(rs.getString(1), rs.getString(2), Purpose.valueOf(rs.getString(3)), status,
							new Progress(done, total, total == 0 ? 0 : Math.min(100, 100.0 * done / total)),
							rs.getString(5), rs.getTimestamp(8).toInstant(), finished == null ? null : finished.toInstant(),
							error, result == null ? null : readOutcome(result));
				}, id);
		if (found.isEmpty()) {
			throw new NotFoundException("no simulation '" + id + "'");
		}
		return found.get(0);
	}

	@Override
	public Map<String, SimulatedEffect> latestEffects(String processKey) {
		List<String> latest = jdbc.query("select id from smartops_simulation where process_key = ? and purpose = ?"
				+ " and status = ? order by finished_at desc fetch first 1 rows only", (rs, i) -> rs.getString(1),
				processKey, Purpose.PLAN.name(), Status.SUCCEEDED.name());
		if (latest.isEmpty()) {
			return Map.of();
		}
		SimulationView view = get(latest.get(0));
		Map<String, SimulatedEffect> effects = new LinkedHashMap<>();
		ScenarioResult baseline = view.result().scenarios().get(0).result();
		for (ScenarioView s : view.result().scenarios()) {
			if (s.improvementId() != null) {
				effects.put(s.improvementId(), new SimulatedEffect(view.id(), view.finishedAt(), kpis(baseline),
						kpis(s.result()), null));
			}
		}
		view.result().notSimulated().forEach((item, why) -> effects.put(item,
				new SimulatedEffect(view.id(), view.finishedAt(), null, null, why)));
		return effects;
	}

	static Map<String, SimulatedEffect.Interval> kpis(ScenarioResult r) {
		Map<String, SimulatedEffect.Interval> m = new LinkedHashMap<>();
		m.put("cycleTimeP50", interval(r.cycleTime().get("p50")));
		m.put("cycleTimeP90", interval(r.cycleTime().get("p90")));
		m.put("throughputPerDay", interval(r.throughputPerDay()));
		m.put("workInProgress", interval(r.workInProgress()));
		m.put("costPerInstance", interval(r.costPerInstance()));
		if (r.slaAttainment() != null) {
			m.put("slaAttainment", interval(r.slaAttainment()));
		}
		return m;
	}

	private static SimulatedEffect.Interval interval(Estimate e) {
		return e == null ? null : new SimulatedEffect.Interval(e.mean(), e.low(), e.high());
	}

	private String write(Object value) {
		try {
			return json.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private Outcome readOutcome(String value) {
		try {
			return json.readValue(value, Outcome.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable simulation result", e);
		}
	}

	@Override
	public void destroy() {
		runner.shutdownNow();
	}
}

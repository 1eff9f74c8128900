package io.smartops.insight;

import io.smartops.insight.mining.Conformance;
import io.smartops.insight.mining.ConformanceReport;
import io.smartops.core.model.ProcessModels;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentStatus;
import io.smartops.core.web.ConflictException;
import io.smartops.core.web.InvalidRequestException;
import io.smartops.core.web.NotFoundException;
import io.smartops.insight.InsightCalculator.Best;
import io.smartops.insight.ProcessInsight.KpiStatus;
import io.smartops.core.owner.ProcessOwners;

/**
 * The process insights: loads a process's history for a window, calculates, and sets each KPI
 * against its latest baseline, the owner's target and the entitlement. Keeps the targets and the
 * dated baseline snapshots; every change is audited with the process's owner changes.
 */
@Service
public class ProcessInsights {

	/** The target row that holds the SLA: a cycle time each instance should stay within, in milliseconds. */
	public static final String SLA_CYCLE_TIME = "SLA_CYCLE_TIME";

	/** What a process's targets may name: its KPIs and the SLA's cycle time. */
	public static final List<String> TARGET_FIELDS = java.util.stream.Stream
		.concat(java.util.Arrays.stream(Kpi.values()).map(Kpi::name), java.util.stream.Stream.of(SLA_CYCLE_TIME)).toList();

	private static final Logger log = LoggerFactory.getLogger(ProcessInsights.class);

	private final HistoryReader reader;
	private final InsightCalculator calculator;
	private final ProcessOwners owners;
	private final RepositoryService repository;
	private final JdbcTemplate jdbc;
	private final ProcessModels models;
	private final AgentLibrary library;
	private final Segmentation segmentation;
	private final ImprovementPlan improvementPlan;
	private final ObjectMapper json;
	private final boolean digested;
	private final TransactionTemplate snapshot;
	private final ObjectProvider<ImprovementSimulations> simulations;
	private final Conformance conformance;

	ProcessInsights(HistoryReader reader, InsightProperties properties, SegmentationRules rules,
			ImprovementEstimates estimates, ProcessOwners owners, RepositoryService repository, JdbcTemplate jdbc,
			ProcessModels models, AgentLibrary library, ObjectMapper json, PlatformTransactionManager transactions,
			ObjectProvider<ImprovementSimulations> simulations, Conformance conformance) {
		this.simulations = simulations;
		this.conformance = conformance;
		this.reader = reader;
		this.digested = properties.digest().enabled();
		this.snapshot = new TransactionTemplate(transactions);
		snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		snapshot.setReadOnly(true);
		this.calculator = new InsightCalculator(properties);
		this.segmentation = new Segmentation(rules);
		this.improvementPlan = new ImprovementPlan(estimates, properties);
		this.owners = owners;
		this.repository = repository;
		this.jdbc = jdbc;
		this.models = models;
		this.library = library;
		this.json = json;
	}

	/** A KPI's dated baseline. */
	public record Baseline(Kpi kpi, double value, Instant from, Instant to, Instant measuredAt) {
	}

	/** The insight of one process (of one version when {@code version} is given) over [from, to). */
	public ProcessInsight insight(String processKey, Integer version, Instant from, Instant to) {
		return analyse(processKey, version, from, to).insight();
	}

	/** A process's history over a window and the insight calculated from it. */
	private record Analysis(InsightCalculator.Tally history, ProcessInsight insight, double days) {
	}

	private Analysis analyse(String processKey, Integer version, Instant from, Instant to) {
		owners.requireDeployed(processKey);
		String definitionId = version == null ? null : definitionId(processKey, version);
		long started = System.nanoTime();
		InsightCalculator.Tally history = history(processKey, definitionId, from.toEpochMilli(), to.toEpochMilli());
		long loaded = System.nanoTime();
		Map<String, Double> targets = targets(processKey);
		Double sla = targets.get(SLA_CYCLE_TIME);
		InsightCalculator.Result result = calculator.calculate(history, sla == null ? null : Math.round(sla));
		Map<Kpi, Baseline> baselines = latestBaselines(processKey);
		List<KpiStatus> kpis = new ArrayList<>();
		for (Kpi kpi : Kpi.values()) {
			Double current = result.kpis().get(kpi);
			Baseline baseline = baselines.get(kpi);
			Double target = targets.get(kpi.name());
			Best best = result.entitlement().get(kpi);
			Double entitlement = best == null ? null : best.value();
			kpis.add(new KpiStatus(kpi, current, baseline == null ? null : baseline.value(),
					baseline == null ? null : baseline.measuredAt(), target, entitlement,
					best == null ? null : best.week().toString(), kpi.shortfall(current, target),
					kpi.shortfall(current, entitlement)));
		}
		ProcessOwners.Owner owner = owners.ownerOf(processKey);
		log.debug("insight of {}: {} instances and {} task executions loaded in {} ms, calculated in {} ms", processKey,
				history.instances.size(),
				history.activities.values().stream().mapToLong(a -> a.executions).sum(), (loaded - started) / 1_000_000,
				(System.nanoTime() - loaded) / 1_000_000);
		ProcessInsight insight = new ProcessInsight(processKey, version, from, to, owner.owner(), owner.pod(),
				result.endToEnd(), kpis, result.activities(), result.variants(), result.bottlenecks(),
				result.cycleTimeHistogram(), result.trend());
		return new Analysis(history, insight, Duration.between(from, to).toMillis() / 86_400_000.0);
	}

	/**
	 * The history of [from, to): with the digest on, the digests of the ended instances and the rest
	 * raw, read in one snapshot (an instance digested meanwhile is counted once); else all of it raw.
	 */
	private InsightCalculator.Tally history(String processKey, String definitionId, long from, long to) {
		InsightCalculator.Tally tally = calculator.tally(from, to);
		if (!digested) {
			return tally.add(HistoryDigest.of(reader.load(processKey, definitionId, from, to)));
		}
		return snapshot.execute(status -> {
			tally.add(HistoryDigest.of(reader.undigested(processKey, definitionId, from, to)));
			reader.digested(processKey, definitionId, tally);
			return tally;
		});
	}

	/**
	 * The raw history of a process over [from, to) — every instance that ran in it, with its task
	 * executions and agent calls — for what fits models to it (the simulator).
	 */
	public ProcessHistory rawHistory(String processKey, Instant from, Instant to) {
		owners.requireDeployed(processKey);
		return reader.load(processKey, null, from.toEpochMilli(), to.toEpochMilli());
	}

	/** Each task of the process with who should do it and why, over [from, to). */
	public List<Segmentation.TaskSegment> segmentation(String processKey, Instant from, Instant to) {
		return segment(analyse(processKey, null, from, to));
	}

	private List<Segmentation.TaskSegment> segment(Analysis analysis) {
		Map<String, ProcessModels.TaskInfo> tasks = models.tasks(analysis.insight().processKey());
		List<Segmentation.TaskSegment> out = new ArrayList<>();
		for (ProcessInsight.ActivityInsight a : analysis.insight().activities()) {
			ProcessModels.TaskInfo task = tasks.get(a.activityId());
			String capability = task == null ? null : task.capability();
			List<Segmentation.CandidateAgent> candidates = capability == null ? List.of()
					: library.forCapability(capability).stream()
						.filter(agent -> agent.getStatus() != AgentStatus.RETIRED)
						.map(agent -> new Segmentation.CandidateAgent(agent.getId(), agent.getName(), agent.getKind().name(),
								agent.getStatus().name(), agent.effectiveQuality(), agent.getCostPerCall(),
								agent.getExpectedLatencyMillis()))
						.toList();
			out.add(segmentation.segment(a, capability,
					Segmentation.evidence(a, analysis.history().callsOn(a.activityId()), analysis.days()), candidates));
		}
		return out;
	}

	/** The ROI-ordered improvement plan over [from, to), and the improvements accepted so far with their KPIs. */
	public Improvements improvements(String processKey, Instant from, Instant to) {
		List<ImprovementPlan.Improvement> plan = plan(analyse(processKey, null, from, to));
		ImprovementSimulations simulator = simulations.getIfAvailable();
		if (simulator != null) {
			Map<String, SimulatedEffect> effects = simulator.latestEffects(processKey);
			plan = plan.stream().map(i -> effects.containsKey(i.id()) ? i.simulated(effects.get(i.id())) : i).toList();
		}
		List<Finding> findings = findings(processKey, from, to);
		Map<String, String> findingOf = new HashMap<>();
		findings.forEach(f -> findingOf.put(f.activityId(), f.text()));
		plan = plan.stream()
			.map(i -> findingOf.containsKey(i.activityId()) ? i.withEvidence(findingOf.get(i.activityId())) : i)
			.toList();
		return new Improvements(plan, accepted(processKey, from, to), findings);
	}

	/** A task deviates from the model in at least this share of the instances: a finding of the plan. */
	static final double FINDING_SHARE = 0.05;

	/**
	 * The plan's findings from conformance checking: each task that was skipped, inserted or run out
	 * of order in at least {@value #FINDING_SHARE} of the window's ended instances, most frequent first.
	 */
	private List<Finding> findings(String processKey, Instant from, Instant to) {
		ConformanceReport report = conformance.recent(processKey, from, to);
		List<Finding> findings = new ArrayList<>();
		for (ConformanceReport.ActivityDeviations d : report.deviations()) {
			if (d.share() < FINDING_SHARE) {
				continue;
			}
			List<String> kinds = new ArrayList<>();
			if (d.skipped() > 0) {
				kinds.add("skipped " + times(d.skipped()));
			}
			if (d.inserted() > 0) {
				kinds.add("run where the model has no place for it " + times(d.inserted()));
			}
			if (d.outOfOrder() > 0) {
				kinds.add("run out of order " + times(d.outOfOrder()));
			}
			String text = String.format(Locale.ROOT, "'%s' deviates from the model in %.1f%% of the instances (%d of %d): %s%s",
					d.name(), 100 * d.share(), d.instances(), report.instances(), String.join(", ", kinds),
					d.changedByHand() > 0 ? "; " + d.changedByHand() + " of those instances " + (d.changedByHand() == 1 ? "was" : "were")
							+ " changed by hand" : "");
			findings.add(new Finding(d.activityId(), d.name(), text, d.share(), d.instances(),
					d.examples().isEmpty() ? null : d.examples().get(0).cockpit()));
		}
		return findings;
	}

	private static String times(long n) {
		return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
	}

	/** A frequent deviation from the model: the task, in words, its share of the instances and an example in Cockpit. */
	public record Finding(String activityId, String activityName, String text, double share, long instances,
			String example) {
	}

	/** The candidates of the plan over [from, to), highest ROI first, for what simulates them. */
	public List<ImprovementPlan.Improvement> candidates(String processKey, Instant from, Instant to) {
		return plan(analyse(processKey, null, from, to));
	}

	private List<ImprovementPlan.Improvement> plan(Analysis analysis) {
		Map<String, java.util.Set<String>> members = new HashMap<>();
		Map<String, String> groupOfActivity = new HashMap<>();
		analysis.history().activities.forEach((activity, figures) -> {
			figures.members.forEach((group, ids) -> members.computeIfAbsent(group, k -> new java.util.HashSet<>())
				.addAll(ids));
			figures.groups.entrySet().stream().max(Map.Entry.comparingByValue())
				.ifPresent(most -> groupOfActivity.put(activity, most.getKey()));
		});
		Map<String, Integer> people = new HashMap<>();
		members.forEach((group, ids) -> people.put(group, ids.size()));
		return improvementPlan.plan(analysis.insight(), segment(analysis), analysis.days(), people, groupOfActivity);
	}

	/** The latest deployed version of a process. */
	private ProcessDefinition latest(String processKey) {
		return repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion().singleResult();
	}

	private String definitionId(String processKey, int version) {
		ProcessDefinition d = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
			.processDefinitionVersion(version).singleResult();
		if (d == null) {
			throw new NotFoundException("process '" + processKey + "' has no version " + version);
		}
		return d.getId();
	}

	/** The owner's targets by KPI name, and the SLA under {@link #SLA_CYCLE_TIME}. */
	public Map<String, Double> targets(String processKey) {
		Map<String, Double> m = new LinkedHashMap<>();
		jdbc.query("select kpi, target_value from smartops_process_target where process_key = ? order by kpi",
				rs -> {
					m.put(rs.getString(1), rs.getDouble(2));
				}, processKey);
		return m;
	}

	/**
	 * Sets targets: each name a {@link Kpi} or {@link #SLA_CYCLE_TIME}, each value a finite number,
	 * not negative, and a share at most 1. Every value is checked before any is written.
	 */
	@Transactional
	public Map<String, Double> setTargets(String processKey, Map<String, Object> values, String changedBy) {
		owners.requireDeployed(processKey);
		Map<String, String> problems = new LinkedHashMap<>();
		Map<String, Double> valid = new LinkedHashMap<>();
		if (values == null || values.isEmpty()) {
			throw new InvalidRequestException("no targets given: name KPIs " + List.of(Kpi.values()) + " or "
					+ SLA_CYCLE_TIME, Map.of());
		}
		values.forEach((name, raw) -> {
			Kpi kpi = null;
			if (!SLA_CYCLE_TIME.equals(name)) {
				try {
					kpi = Kpi.valueOf(name);
				}
				catch (IllegalArgumentException e) {
					problems.put(name, "not a KPI; one of " + List.of(Kpi.values()) + " or " + SLA_CYCLE_TIME);
					return;
				}
			}
			if (!(raw instanceof Number number)) {
				problems.put(name, "must be a number");
				return;
			}
			double v = number.doubleValue();
			double max = kpi == null ? Kpi.TEN_YEARS_MILLIS : kpi.maximum();
			if (!Double.isFinite(v) || v < 0) {
				problems.put(name, "must be a finite number, not negative; was " + raw);
			}
			else if (max == 1 && v > 1) {
				problems.put(name, "is a share, at most 1; was " + raw);
			}
			else if (v > max) {
				problems.put(name, "is at most " + String.format(java.util.Locale.ROOT, "%.0f", max)
						+ (max == Kpi.TEN_YEARS_MILLIS ? " (ten years in milliseconds)" : "") + "; was " + raw);
			}
			else if (SLA_CYCLE_TIME.equals(name) && v == 0) {
				problems.put(name, "must be a positive cycle time in milliseconds");
			}
			else {
				valid.put(name, v);
			}
		});
		if (!problems.isEmpty()) {
			throw new InvalidRequestException("invalid targets", problems);
		}
		Timestamp now = Timestamp.from(Instant.now());
		valid.forEach((name, v) -> {
			if (jdbc.update("update smartops_process_target set target_value = ?, set_by = ?, set_at = ?"
					+ " where process_key = ? and kpi = ?", v, changedBy, now, processKey, name) == 0) {
				jdbc.update("insert into smartops_process_target (process_key, kpi, target_value, set_by, set_at)"
						+ " values (?, ?, ?, ?, ?)", processKey, name, v, changedBy, now);
			}
		});
		owners.audit(processKey, changedBy, "targets " + valid);
		return targets(processKey);
	}

	/** Measures every KPI over [from, to) and keeps the values as the process's baseline, dated now. */
	@Transactional
	public List<Baseline> measureBaseline(String processKey, Instant from, Instant to, String changedBy) {
		ProcessInsight insight = insight(processKey, null, from, to);
		Instant now = Instant.now();
		List<Baseline> stored = new ArrayList<>();
		for (KpiStatus k : insight.kpis()) {
			if (k.current() != null) {
				jdbc.update("insert into smartops_process_baseline (process_key, kpi, baseline_value, window_from,"
						+ " window_to, measured_at) values (?, ?, ?, ?, ?, ?)", processKey, k.kpi().name(), k.current(),
						Timestamp.from(from), Timestamp.from(to), Timestamp.from(now));
				stored.add(new Baseline(k.kpi(), k.current(), from, to, now));
			}
		}
		owners.audit(processKey, changedBy, "baseline measured over " + from + " to " + to + ": " + stored.size()
				+ " KPIs");
		return stored;
	}

	/** The latest baseline of each KPI. */
	public Map<Kpi, Baseline> latestBaselines(String processKey) {
		Map<Kpi, Baseline> m = new EnumMap<>(Kpi.class);
		jdbc.query("select kpi, baseline_value, window_from, window_to, measured_at from smartops_process_baseline"
				+ " where process_key = ? order by measured_at, id", rs -> {
					Kpi kpi = Kpi.valueOf(rs.getString(1));
					m.put(kpi, new Baseline(kpi, rs.getDouble(2), rs.getTimestamp(3).toInstant(),
							rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
				}, processKey);
		return m;
	}

	/** Every deployed process with its headline KPIs over [from, to). */
	public List<Headline> overview(Instant from, Instant to) {
		List<Headline> out = new ArrayList<>();
		for (String key : owners.deployedKeys()) {
			ProcessInsight i = insight(key, null, from, to);
			out.add(new Headline(key, latest(key).getName(), i.owner(), i.pod(), i.endToEnd().started(),
					i.endToEnd().completed(), i.endToEnd().runningAtEnd(), currentKpis(i)));
		}
		return out;
	}

	/** One process in the overview. */
	public record Headline(String processKey, String name, String owner, String pod, long started, long completed,
			long runningAtEnd, Map<Kpi, Double> kpis) {
	}

	/** The plan's candidates, highest ROI first, and the improvements the owner accepted. */
	public record Improvements(List<ImprovementPlan.Improvement> candidates, List<Accepted> accepted,
			List<Finding> findings) {
	}

	/**
	 * An accepted improvement: its estimate, the KPIs when it was accepted ({@code before}) and,
	 * once a later version of the process runs, that version's KPIs over the window ({@code after}).
	 */
	public record Accepted(String improvementId, String title, double annualBenefit, double oneTimeCost, double roi,
			int acceptedVersion, String acceptedBy, Instant acceptedAt, Map<Kpi, Double> before, Integer afterVersion,
			Map<Kpi, Double> after) {
	}

	/** The owner accepts an item of the current plan: it is kept with the KPIs of now; accepting it twice → 409. */
	@Transactional
	public Accepted accept(String processKey, String improvementId, Instant from, Instant to, String acceptedBy) {
		Analysis analysis = analyse(processKey, null, from, to);
		ImprovementPlan.Improvement item = plan(analysis).stream().filter(i -> i.id().equals(improvementId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("the plan of " + processKey + " over " + from + " to " + to
					+ " has no improvement '" + improvementId + "'"));
		if (jdbc.queryForObject("select count(*) from smartops_improvement where process_key = ? and improvement_id = ?",
				Long.class, processKey, improvementId) > 0) {
			throw new ConflictException("improvement '" + improvementId + "' of " + processKey + " is accepted already");
		}
		Map<Kpi, Double> before = currentKpis(analysis.insight());
		int version = latest(processKey).getVersion();
		Instant at = Instant.now();
		jdbc.update("insert into smartops_improvement (process_key, improvement_id, title, annual_benefit, one_time_cost,"
				+ " roi, accepted_version, accepted_by, accepted_at, before_kpis) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				processKey, item.id(), item.title(), item.annualBenefit(), item.oneTimeCost(), item.roi(), version,
				acceptedBy, Timestamp.from(at), write(before));
		owners.audit(processKey, acceptedBy, "accepted improvement " + item.id() + " (" + item.title() + ")");
		return new Accepted(item.id(), item.title(), item.annualBenefit(), item.oneTimeCost(), item.roi(), version,
				acceptedBy, at, before, null, null);
	}

	private List<Accepted> accepted(String processKey, Instant from, Instant to) {
		ProcessDefinition latest = latest(processKey);
		List<Accepted> stored = jdbc.query("select improvement_id, title, annual_benefit, one_time_cost, roi,"
				+ " accepted_version, accepted_by, accepted_at, before_kpis from smartops_improvement where process_key = ?"
				+ " order by id", (rs, i) -> new Accepted(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getDouble(4),
						rs.getDouble(5), rs.getInt(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
						read(rs.getString(9)), null, null), processKey);
		Map<Kpi, Double> after = stored.stream().anyMatch(a -> latest.getVersion() > a.acceptedVersion())
				? currentKpis(insight(processKey, latest.getVersion(), from, to)) : null;
		return stored.stream()
			.map(a -> latest.getVersion() > a.acceptedVersion() ? new Accepted(a.improvementId(), a.title(),
					a.annualBenefit(), a.oneTimeCost(), a.roi(), a.acceptedVersion(), a.acceptedBy(), a.acceptedAt(),
					a.before(), latest.getVersion(), after) : a)
			.toList();
	}

	private static Map<Kpi, Double> currentKpis(ProcessInsight insight) {
		Map<Kpi, Double> m = new EnumMap<>(Kpi.class);
		insight.kpis().forEach(k -> m.put(k.kpi(), k.current()));
		return m;
	}

	private String write(Map<Kpi, Double> kpis) {
		try {
			return json.writeValueAsString(kpis);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	private Map<Kpi, Double> read(String kpis) {
		try {
			return json.readValue(kpis, new TypeReference<EnumMap<Kpi, Double>>() {
			});
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable KPIs of an accepted improvement: " + kpis, e);
		}
	}
}

package io.smartops.insight;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.smartops.api.InvalidRequestException;
import io.smartops.api.NotFoundException;
import io.smartops.insight.InsightCalculator.Best;
import io.smartops.insight.ProcessInsight.KpiStatus;
import io.smartops.process.ProcessOwners;

/**
 * The process insights: loads a process's history for a window, calculates, and sets each KPI
 * against its latest baseline, the owner's target and the entitlement. Keeps the targets and the
 * dated baseline snapshots; every change is audited with the process's owner changes.
 */
@Service
public class ProcessInsights {

	/** The target row that holds the SLA: a cycle time each instance should stay within, in milliseconds. */
	public static final String SLA_CYCLE_TIME = "SLA_CYCLE_TIME";

	private static final Logger log = LoggerFactory.getLogger(ProcessInsights.class);

	private final HistoryReader reader;
	private final InsightCalculator calculator;
	private final ProcessOwners owners;
	private final RepositoryService repository;
	private final JdbcTemplate jdbc;

	ProcessInsights(HistoryReader reader, InsightProperties properties, ProcessOwners owners,
			RepositoryService repository, JdbcTemplate jdbc) {
		this.reader = reader;
		this.calculator = new InsightCalculator(properties);
		this.owners = owners;
		this.repository = repository;
		this.jdbc = jdbc;
	}

	/** A KPI's dated baseline. */
	public record Baseline(Kpi kpi, double value, Instant from, Instant to, Instant measuredAt) {
	}

	/** The insight of one process (of one version when {@code version} is given) over [from, to). */
	public ProcessInsight insight(String processKey, Integer version, Instant from, Instant to) {
		owners.requireDeployed(processKey);
		String definitionId = version == null ? null : definitionId(processKey, version);
		long started = System.nanoTime();
		ProcessHistory history = reader.load(processKey, definitionId, from.toEpochMilli(), to.toEpochMilli());
		Map<String, Double> targets = targets(processKey);
		Double sla = targets.get(SLA_CYCLE_TIME);
		InsightCalculator.Result result = calculator.calculate(history, from.toEpochMilli(), to.toEpochMilli(),
				sla == null ? null : Math.round(sla));
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
		log.debug("insight of {} over {} instances and {} task executions in {} ms", processKey,
				history.instances().size(), history.executions().size(), (System.nanoTime() - started) / 1_000_000);
		return new ProcessInsight(processKey, version, from, to, owner.owner(), owner.pod(), result.endToEnd(), kpis,
				result.activities(), result.variants(), result.bottlenecks());
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
			if (!Double.isFinite(v) || v < 0) {
				problems.put(name, "must be a finite number, not negative; was " + raw);
			}
			else if ((kpi == Kpi.FIRST_PASS_YIELD || kpi == Kpi.SLA_ATTAINMENT) && v > 1) {
				problems.put(name, "is a share, at most 1; was " + raw);
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
			String name = repository.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
				.singleResult().getName();
			Map<Kpi, Double> kpis = new EnumMap<>(Kpi.class);
			i.kpis().forEach(k -> kpis.put(k.kpi(), k.current()));
			out.add(new Headline(key, name, i.owner(), i.pod(), i.endToEnd().started(), i.endToEnd().completed(),
					i.endToEnd().runningAtEnd(), kpis));
		}
		return out;
	}

	/** One process in the overview. */
	public record Headline(String processKey, String name, String owner, String pod, long started, long completed,
			long runningAtEnd, Map<Kpi, Double> kpis) {
	}
}

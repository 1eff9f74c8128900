package io.smartops.sense;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import io.smartops.coordinate.CoordinatorProcess;
import io.smartops.coordinate.PlanningRun;
import io.smartops.coordinate.PlanningRuns;
import io.smartops.coordinate.RunContext;
import io.smartops.plan.scenario.ScenarioJson;
import jakarta.annotation.PreDestroy;

/**
 * The one pipeline sensed events go through, from REST or MQTT: validated, de-duplicated by id,
 * judged against the plan in force ({@link ChangeDetector}), stored with the decision and its
 * reason, and, when they matter, debounced into one re-plan request to the running coordinator:
 * the message {@code ReplanRequested} goes out once no further event that matters has arrived for
 * the debounce window (and at the latest after ten windows).
 * <p>
 * The debounce lives in this node's memory, but the events are stored first: a node that crashed
 * before its request went out leaves them pending, and every node's sweep
 * ({@link #requestForgottenReplans}) asks for their re-plan once they have waited longer than any
 * debounce would. A request that finds nothing pending re-plans nothing, so a second one is harmless.
 */
@Service
public class SensePipeline {

	private static final Logger log = LoggerFactory.getLogger(SensePipeline.class);

	public record Result(SensedEventRecord event, boolean duplicate) {
	}

	private final SensedEventRepository events;
	private final PlanningRuns runs;
	private final RunContext context;
	private final RuntimeService runtime;
	private final SenseProperties properties;
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "smartops-sense-debounce");
		t.setDaemon(true);
		return t;
	});
	private final Map<String, Pending> pending = new ConcurrentHashMap<>();
	private volatile Detector detector;

	private record Detector(String scenarioDocument, String planDocument, ChangeDetector detector) {
	}

	private static final class Pending {
		final long firstAt = System.nanoTime();
		ScheduledFuture<?> flush;
	}

	SensePipeline(SensedEventRepository events, PlanningRuns runs, RunContext context, RuntimeService runtime,
			SenseProperties properties) {
		this.events = events;
		this.runs = runs;
		this.context = context;
		this.runtime = runtime;
		this.properties = properties;
	}

	/**
	 * Takes one event's JSON fields; throws {@link SensorEvent.InvalidEventException} (nothing
	 * stored) when a field is bad or the subject names nothing the plan has.
	 */
	public Result ingest(Map<String, Object> fields, String channel) {
		SensorEvent event = SensorEvent.from(fields);
		Optional<SensedEventRecord> known = events.findById(event.id());
		if (known.isPresent()) {
			return new Result(known.get(), true);
		}
		Optional<PlanningRun> current = runs.current()
			.filter(r -> runtime.createProcessInstanceQuery().processInstanceId(r.getProcessInstanceId()).active().count() == 1);
		SensedEventRecord record;
		if (current.isEmpty()) {
			record = new SensedEventRecord(event, channel, null, SensedEventRecord.Decision.NO_PLAN,
					"no plan is in force with a running coordinator", List.of());
		}
		else {
			ChangeDetector detect = detector(current.get());
			String unknown = detect.unknownSubject(event);
			if (unknown != null) {
				throw new SensorEvent.InvalidEventException(Map.of("subject", "'" + event.subject() + "' names " + unknown
						+ " of the plan in force"));
			}
			ChangeDetector.Decision d = detect.decide(event);
			record = new SensedEventRecord(event, channel, current.get().getId(),
					d.triggers() ? SensedEventRecord.Decision.TRIGGERED : SensedEventRecord.Decision.ABSORBED, d.reason(),
					d.touched());
		}
		try {
			record = events.saveAndFlush(record);
		}
		catch (DataIntegrityViolationException raced) {
			return new Result(events.findById(event.id()).orElseThrow(), true);
		}
		if (record.getDecision().equals(SensedEventRecord.Decision.TRIGGERED.name())) {
			request(current.get());
		}
		return new Result(record, false);
	}

	private ChangeDetector detector(PlanningRun run) {
		Detector cached = detector;
		if (cached != null && cached.scenarioDocument().equals(run.getScenarioDocument())
				&& cached.planDocument().equals(run.getPlanDocument())) {
			return cached.detector();
		}
		ChangeDetector d = new ChangeDetector(ScenarioJson.parse(context.document(run.getScenarioDocument())),
				context.plan(run.getPlanDocument()));
		detector = new Detector(run.getScenarioDocument(), run.getPlanDocument(), d);
		return d;
	}

	/** Trailing debounce per run: the request goes out after a quiet window, at the latest after ten windows. */
	private void request(PlanningRun run) {
		long window = properties.debounce().toMillis();
		pending.compute(run.getId(), (id, p) -> {
			Pending next = p == null ? new Pending() : p;
			long waited = (System.nanoTime() - next.firstAt) / 1_000_000;
			if (next.flush != null) {
				if (waited >= 10 * window) {
					return next;
				}
				next.flush.cancel(false);
			}
			next.flush = timer.schedule(() -> flush(run, 1), window, TimeUnit.MILLISECONDS);
			return next;
		});
	}

	/**
	 * Sends the re-plan request; the coordinator instance may be busy (its actions' instances
	 * completing), so a concurrent update is tried again, up to ten times.
	 */
	private void flush(PlanningRun run, int attempt) {
		pending.remove(run.getId());
		try {
			runtime.createMessageCorrelation(CoordinatorProcess.MESSAGE_REPLAN_REQUESTED)
				.processInstanceId(run.getProcessInstanceId())
				.correlate();
		}
		catch (org.camunda.bpm.engine.OptimisticLockingException busy) {
			if (attempt < 10) {
				timer.schedule(() -> flush(run, attempt + 1), 100L * attempt, TimeUnit.MILLISECONDS);
			}
			else {
				log.warn("re-plan request to run {} failed ten times on concurrent updates; the sensed changes wait for its next "
						+ "re-plan", run.getId());
			}
		}
		catch (RuntimeException e) {
			log.warn("re-plan request to run {} failed: {}; the sensed changes wait for its next re-plan", run.getId(),
					e.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${smartops.sense.recovery-interval:15s}",
			initialDelayString = "${smartops.sense.recovery-interval:15s}")
	void requestForgottenReplans() {
		requestForgottenReplans(Instant.now().minus(properties.debounce().multipliedBy(10)).minusSeconds(5));
	}

	/**
	 * Requests the re-plan of every running coordinator with changes that matter received before the
	 * moment and still pending, unless this node is debouncing it or the coordinator is re-planning now.
	 */
	void requestForgottenReplans(Instant before) {
		for (String runId : events.runsWithPendingChangesBefore(before)) {
			if (pending.containsKey(runId)) {
				continue;
			}
			runs.find(runId)
				.filter(run -> runtime.createProcessInstanceQuery().processInstanceId(run.getProcessInstanceId()).active()
					.count() == 1)
				.filter(run -> runtime.createExecutionQuery().processInstanceId(run.getProcessInstanceId())
					.activityId(CoordinatorProcess.TASK_REPLAN).count() == 0)
				.ifPresent(run -> {
					log.info("run {} has sensed changes that no re-plan took in (their node stopped before requesting it): "
							+ "requesting the re-plan", runId);
					flush(run, 1);
				});
		}
	}

	@PreDestroy
	void stop() {
		timer.shutdownNow();
	}
}

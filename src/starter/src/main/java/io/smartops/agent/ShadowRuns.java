package io.smartops.agent;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import io.micrometer.core.instrument.MeterRegistry;
import io.smartops.core.transaction.AfterCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;

/**
 * Shadow runs: for each task instance the incumbent serves, every SHADOW agent of the capability
 * gets a copy of the inputs it declares in a process instance of {@code agent-shadow-run.bpmn}, on
 * its own topic. The inputs are read in the incumbent's routing transaction; the shadow instance
 * is started only after that transaction commits, on a thread of its own with a bounded queue, so
 * the incumbent's path neither waits for it nor rolls back with it (a full queue drops the shadow
 * run and counts it in {@code smartops.agent.shadow.dropped}). The run's row maps the shadow
 * instance back to the task instance it shadowed: the shadow agent's call is recorded as a shadow
 * call of that task instance.
 */
@Service
public class ShadowRuns {

	private static final Logger log = LoggerFactory.getLogger(ShadowRuns.class);

	/** One shadow run: which task instance it shadowed, for which incumbent, with which agent. */
	public record Run(String shadowProcessInstanceId, String processInstanceId, String activityId, String capability,
			String incumbentAgentId, String shadowAgentId, Instant createdAt) {
	}

	private static final ThreadLocal<Boolean> INLINE = ThreadLocal.withInitial(() -> false);

	private final RuntimeService runtime;
	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;
	private final MeterRegistry meters;
	private final AtomicLong dropped = new AtomicLong();
	/** Shadow runs handed to the starter and not yet started (or given up). */
	private final AtomicLong pending = new AtomicLong();
	/** When this node last routed a task (nanoTime). */
	private final AtomicLong lastRouted = new AtomicLong(System.nanoTime());
	private final long quietNanos;
	private final long maxDelayNanos;
	private final ThreadPoolExecutor starter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
			new ArrayBlockingQueue<>(10_000), r -> {
				Thread t = new Thread(r, "agent-shadow-runs");
				t.setDaemon(true);
				return t;
			}, (r, pool) -> {
				pending.decrementAndGet();
				if (dropped.getAndIncrement() % 1000 == 0) {
					log.warn("shadow runs dropped: the queue of shadow runs to start is full ({} dropped so far)",
							dropped.get());
				}
				countDropped();
			});

	private final ExternalTaskService externalTasks;

	ShadowRuns(RuntimeService runtime, ExternalTaskService externalTasks, JdbcTemplate jdbc,
			PlatformTransactionManager transactions, MeterRegistry meters, AgentProperties properties) {
		this.externalTasks = externalTasks;
		this.quietNanos = properties.lifecycle().shadowQuiet().toNanos();
		this.maxDelayNanos = properties.lifecycle().shadowMaxDelay().toNanos();
		this.runtime = runtime;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.meters = meters;
	}

	private void countDropped() {
		meters.counter("smartops.agent.shadow.dropped").increment();
	}

	/**
	 * Gives each shadow agent a copy of the inputs from the routed execution, once the routing
	 * transaction commits. Called while routing the incumbent's task.
	 */
	/** A task was routed on this node: shadow starts wait for a quiet moment. */
	void routed() {
		lastRouted.set(System.nanoTime());
	}

	/**
	 * Waits until the node is quiet — no task routed for the quiet time and none of the incumbent's
	 * tasks waiting for a worker — or the run has waited its longest.
	 */
	private void awaitQuiet(long queuedAt, String incumbentTopic) {
		try {
			while (System.nanoTime() - queuedAt < maxDelayNanos) {
				if (System.nanoTime() - lastRouted.get() >= quietNanos && externalTasks.createExternalTaskQuery()
					.topicName(incumbentTopic).notLocked().withRetriesLeft().count() == 0) {
					return;
				}
				Thread.sleep(Math.max(10, quietNanos / 1_000_000 / 2));
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	void dispatch(DelegateExecution execution, String capability, Agent incumbent, List<Agent> shadows) {
		for (Agent shadow : shadows) {
			Map<String, Object> variables = new HashMap<>();
			// the inputs the shadow declares; one that declares none (a foreign agent) sees what the incumbent
			// would: its declared inputs, else every variable of the instance
			List<String> inputs = shadow.inputs().isEmpty() ? incumbent.inputs() : shadow.inputs();
			if (inputs.isEmpty()) {
				variables.putAll(execution.getVariables());
			}
			for (String name : inputs) {
				Object value = execution.getVariable(name);
				if (value != null) {
					variables.put(name, value);
				}
			}
			variables.put(ShadowRunProcess.VAR_SHADOW_TOPIC, shadow.getTopic());
			variables.put(ShadowRunProcess.VAR_SHADOW_AGENT_ID, shadow.getId());
			variables.put(ShadowRunProcess.VAR_SHADOWED_ACTIVITY, execution.getCurrentActivityId());
			Object floor = execution.getVariable("confidenceFloor");
			if (floor != null) {
				variables.put("confidenceFloor", floor);
			}
			String processInstanceId = execution.getProcessInstanceId();
			String activityId = execution.getCurrentActivityId();
			Runnable start = () -> start(processInstanceId, activityId, capability, incumbent.getId(), shadow.getId(),
					variables);
			if (INLINE.get()) {
				AfterCommit.run(start);
			}
			else {
				AfterCommit.run(() -> {
					long queuedAt = System.nanoTime();
					pending.incrementAndGet();
					starter.execute(() -> {
						try {
							awaitQuiet(queuedAt, incumbent.getTopic());
							start.run();
						}
						finally {
							pending.decrementAndGet();
						}
					});
				});
			}
		}
	}

	/** Starts the shadow instance and records the run in one transaction. */
	private void start(String processInstanceId, String activityId, String capability, String incumbentAgentId,
			String shadowAgentId, Map<String, Object> variables) {
		try {
			transaction.executeWithoutResult(status -> {
				String shadowInstance = runtime
					.startProcessInstanceByKey(ShadowRunProcess.KEY, processInstanceId, variables)
					.getId();
				jdbc.update("insert into smartops_shadow_run (shadow_process_instance_id, process_instance_id, activity_id,"
						+ " capability, incumbent_agent_id, shadow_agent_id, created_at) values (?, ?, ?, ?, ?, ?, ?)",
						shadowInstance, processInstanceId, activityId, capability, incumbentAgentId, shadowAgentId,
						Timestamp.from(ClockUtil.now().toInstant()));
			});
			meters.counter("smartops.agent.shadow.started", "agent", shadowAgentId).increment();
		}
		catch (RuntimeException e) {
			// the incumbent's task is untouched; a lost shadow run is only less evidence
			countDropped();
			log.warn("shadow run of {} for {} / {} not started: {}", shadowAgentId, processInstanceId, activityId,
					e.toString());
		}
	}

	/** The run a shadow process instance belongs to. */
	public Optional<Run> byShadowInstance(String shadowProcessInstanceId) {
		return jdbc.query("select shadow_process_instance_id, process_instance_id, activity_id, capability,"
				+ " incumbent_agent_id, shadow_agent_id, created_at from smartops_shadow_run"
				+ " where shadow_process_instance_id = ?", (rs, i) -> new Run(rs.getString(1), rs.getString(2),
						rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
						rs.getTimestamp(7).toInstant()), shadowProcessInstanceId)
			.stream()
			.findFirst();
	}

	/** How many shadow runs a shadow agent was given since an instant. */
	public long dispatchedSince(String shadowAgentId, Instant since) {
		Long n = jdbc.queryForObject("select count(*) from smartops_shadow_run where shadow_agent_id = ? and created_at >= ?",
				Long.class, shadowAgentId, Timestamp.from(since));
		return n == null ? 0 : n;
	}

	/**
	 * Runs {@code body} with shadow runs started on the calling thread right after each routing
	 * commits, not on the background thread: for work that must see them in order (the demo's
	 * history on its controlled clock).
	 */
	public void inline(Runnable body) {
		INLINE.set(true);
		try {
			body.run();
		}
		finally {
			INLINE.remove();
		}
	}

	/** Waits until the shadow runs queued so far have started (tests and benchmarks). */
	public void awaitQueued(long timeoutMillis) throws InterruptedException {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (pending.get() > 0 && System.currentTimeMillis() < deadline) {
			Thread.sleep(10);
		}
	}

	public long dropped() {
		return dropped.get();
	}


	@PreDestroy
	void stop() {
		starter.shutdownNow();
	}
}

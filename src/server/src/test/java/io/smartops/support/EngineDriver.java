package io.smartops.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ManagementService;
import org.awaitility.core.ConditionTimeoutException;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Runs the engine's due jobs of the named processes (the job executor is off in tests) until a
 * condition holds. Jobs that fail are left to their retries, as the job executor would.
 */
public final class EngineDriver {

	private final ManagementService management;
	private final List<String> processKeys;

	private org.camunda.bpm.engine.RuntimeService runtime;

	/** Names the waiting activities when a condition is not reached. */
	public EngineDriver describedBy(org.camunda.bpm.engine.RuntimeService runtime) {
		this.runtime = runtime;
		return this;
	}

	public EngineDriver(ManagementService management, String... processKeys) {
		this.management = management;
		this.processKeys = List.of(processKeys);
	}

	public void until(BooleanSupplier done) {
		until(Duration.ofSeconds(90), done);
	}

	public void until(Duration limit, BooleanSupplier done) {
		try {
			await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(() -> {
				runDueJobs();
				return done.getAsBoolean();
			});
		}
		catch (ConditionTimeoutException e) {
			List<String> incidents = management.createJobQuery().withException().list().stream()
				.map(j -> j.getProcessDefinitionKey() + "/" + j.getId() + ": " + j.getExceptionMessage()).toList();
			java.util.Map<String, Long> waiting = new java.util.TreeMap<>();
			if (runtime != null) {
				for (String key : processKeys) {
					runtime.createProcessInstanceQuery().processDefinitionKey(key).active().list().forEach(pi -> runtime
						.getActiveActivityIds(pi.getId()).forEach(a -> waiting.merge(key + ":" + a, 1L, Long::sum)));
				}
			}
			System.err.println("EngineDriver: not reached within " + limit + "; the threads at that moment:\n" + threadDump());
			throw new AssertionError("not reached within " + limit + "; failing jobs: " + incidents + "; waiting at: " + waiting, e);
		}
	}

	/** Every thread's stack, so that a condition never reached shows what the engine was waiting for. */
	static String threadDump() {
		StringBuilder out = new StringBuilder();
		for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			out.append('"').append(t.getThreadName()).append("\" ").append(t.getThreadState());
			if (t.getLockName() != null) {
				out.append(" on ").append(t.getLockName());
			}
			if (t.getLockOwnerName() != null) {
				out.append(" owned by \"").append(t.getLockOwnerName()).append('"');
			}
			out.append('\n');
			for (StackTraceElement frame : t.getStackTrace()) {
				out.append("    at ").append(frame).append('\n');
			}
		}
		return out.toString();
	}

	public void runDueJobs() {
		for (String key : processKeys) {
			for (Job job : management.createJobQuery().processDefinitionKey(key).executable().list()) {
				if (job.getDuedate() == null || job.getDuedate().getTime() <= System.currentTimeMillis()) {
					try {
						management.executeJob(job.getId());
					}
					catch (RuntimeException failed) {
						// the engine recorded the failure and decremented the retries, as the job executor does
					}
				}
			}
		}
	}
}

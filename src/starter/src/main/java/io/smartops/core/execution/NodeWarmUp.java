package io.smartops.core.execution;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.AcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Work a node does in the background after its port opens, during which it runs none of the
 * engine's work itself: its job executor acquires no job and its in-server agent workers do not
 * start until every warm-up has ended (the demo's history, which runs instances on a clock of its
 * own and must not see its jobs and agent tasks taken by live workers). The server answers
 * meanwhile; what arrives is stored and worked once the warm-up ends. Each warm-up says how far it
 * is, for the dashboard.
 * <p>
 * The job executor keeps running: its acquisition command finds nothing while a warm-up runs (a
 * gate around the engine's own command), and is woken when the last warm-up ends. Stopping and
 * starting it would race with Camunda's starter, which starts it once the application is ready.
 */
@Component
public class NodeWarmUp {

	private static final Logger log = LoggerFactory.getLogger(NodeWarmUp.class);

	/** One warm-up in progress: what it is and how far it has come. */
	public static final class Work {
		private final String name;
		private volatile String progress = "starting";
		private volatile double fraction;
		private final long startedAt = System.currentTimeMillis();

		private Work(String name) {
			this.name = name;
		}

		/** Says how far the work is: {@code fraction} of it done (0..1), in words. */
		public void progress(String text, double fraction) {
			this.progress = text;
			this.fraction = Math.max(0, Math.min(1, fraction));
		}

		public String name() {
			return name;
		}

		public String progress() {
			return progress;
		}

		public double fraction() {
			return fraction;
		}

		public long startedAt() {
			return startedAt;
		}
	}

	private final ObjectProvider<ProcessEngine> engine;
	private final List<Work> running = new CopyOnWriteArrayList<>();
	private final List<Runnable> whenDone = new CopyOnWriteArrayList<>();
	private boolean gated;

	NodeWarmUp(ObjectProvider<ProcessEngine> engine) {
		this.engine = engine;
	}

	/** Starts a warm-up: the node's job executor acquires nothing until it (and every other) has ended. */
	public synchronized Work begin(String name) {
		gateJobAcquisition();
		Work work = new Work(name);
		running.add(work);
		log.info("warm-up '{}' begins: the job executor and the in-server agent workers wait for it", name);
		return work;
	}

	/** Ends a warm-up; when it was the last, the job executor is woken and everything waiting starts. */
	public void end(Work work) {
		List<Runnable> start;
		synchronized (this) {
			running.remove(work);
			if (!running.isEmpty()) {
				return;
			}
			start = List.copyOf(whenDone);
			whenDone.clear();
		}
		JobExecutor jobExecutor = jobExecutor();
		if (jobExecutor != null && jobExecutor.isActive()) {
			jobExecutor.jobWasAdded();
		}
		log.info("warm-up '{}' ended after {} ms: the node works again", work.name(),
				System.currentTimeMillis() - work.startedAt());
		start.forEach(Runnable::run);
	}

	/** Runs {@code action} now, or when the warm-ups in progress have ended. */
	public void afterWarmUp(Runnable action) {
		synchronized (this) {
			if (!running.isEmpty()) {
				whenDone.add(action);
				return;
			}
		}
		action.run();
	}

	/** True while a warm-up runs. */
	public boolean warmingUp() {
		return !running.isEmpty();
	}

	/** The warm-ups in progress. */
	public List<Work> inProgress() {
		return List.copyOf(running);
	}

	/** Puts the gate around the job executor's acquisition, once. */
	private void gateJobAcquisition() {
		JobExecutor jobExecutor = jobExecutor();
		if (gated || jobExecutor == null) {
			return;
		}
		// the executor makes its default factory when it starts, unless one is set: set the default here
		AcquireJobsCommandFactory acquire = jobExecutor.getAcquireJobsCmdFactory() != null
				? jobExecutor.getAcquireJobsCmdFactory() : new DefaultAcquireJobsCommandFactory(jobExecutor);
		jobExecutor.setAcquireJobsCmdFactory(
				jobs -> warmingUp() ? context -> new AcquiredJobs(jobs) : acquire.getCommand(jobs));
		gated = true;
	}

	private JobExecutor jobExecutor() {
		ProcessEngine e = engine.getIfAvailable();
		return e == null ? null : ((ProcessEngineConfigurationImpl) e.getProcessEngineConfiguration()).getJobExecutor();
	}
}

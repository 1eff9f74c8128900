package io.smartops.agent.worker;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.util.SingleConsumerCondition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.agent.AgentCallSink;
import io.smartops.agent.AgentHandler;
import io.smartops.core.execution.InstanceTracing;

/**
 * The agent workers inside the engine's own process: they fetch, lock and end agent tasks through
 * the engine's Java API, not over HTTP to themselves, and are woken the moment a transaction on this
 * node commits a new external task (the signal Camunda's REST long polling waits on). One fetcher
 * thread locks as many tasks as there are free handler threads ({@code threads}), so a new task
 * costs one query, not one per idle thread; when none is waiting it sleeps until the signal or, for
 * tasks created on other nodes of a cluster, the long-poll interval. Each task is worked by the
 * same {@link AgentTaskHandler} as over REST: only the declared inputs are fetched, the lock is kept
 * while the agent works, every call is timed, traced and reported.
 */
public final class InProcessWorkers implements AgentServing {

	private static final Logger log = LoggerFactory.getLogger(InProcessWorkers.class);

	/** How the workers fetch: as whom, how long a lock lasts, how long to sleep without a signal. */
	public record Settings(String workerId, long lockDurationMillis, long longPollMillis, RetryPolicy retries, int threads) {
	}

	/** An agent being served: its handler and the variables its tasks are fetched with. */
	private record Served(String agentId, String topic, AgentTaskHandler handler, List<String> variables) {
	}

	private final ExternalTaskService externalTasks;
	private final Settings settings;
	private final Function<String, String> topicOf;
	private final MeterRegistry meters;
	private final AgentCallSink sink;
	private final InstanceTracing tracing;
	private final Map<String, Served> byTopic = new ConcurrentHashMap<>();
	private final Map<String, AgentHandler> served = new ConcurrentHashMap<>();
	private final Semaphore free;
	private final ExecutorService handlers;
	private final ScheduledExecutorService lockKeeper = Executors.newSingleThreadScheduledExecutor(r -> daemon(r,
			"agent-lock-keeper"));
	private final Thread fetcher;
	private volatile boolean running = true;
	private volatile SingleConsumerCondition wake;

	public InProcessWorkers(ExternalTaskService externalTasks, Settings settings, List<AgentHandler> served,
			Function<String, String> topicOf, MeterRegistry meters, AgentCallSink sink, InstanceTracing tracing) {
		this.externalTasks = externalTasks;
		this.settings = settings;
		this.topicOf = topicOf;
		this.meters = meters;
		this.sink = sink;
		this.tracing = tracing;
		int threads = Math.max(1, settings.threads());
		this.free = new Semaphore(threads);
		this.handlers = Executors.newFixedThreadPool(threads, r -> daemon(r, settings.workerId() + "-agent"));
		served.forEach(this::serve);
		this.fetcher = daemon(this::fetchLoop, settings.workerId() + "-fetcher");
		fetcher.start();
	}

	@Override
	public void serve(AgentHandler handler) {
		String topic = topicOf.apply(handler.agentId());
		if (byTopic.values().stream().anyMatch(s -> s.agentId().equals(handler.agentId()))) {
			return;
		}
		List<String> variables = AgentTaskHandler.fetchedVariables(handler);
		byTopic.put(topic, new Served(handler.agentId(), topic, new AgentTaskHandler(handler, settings.retries(), meters,
				sink, settings.workerId(), settings.lockDurationMillis(), lockKeeper, tracing), variables));
		served.put(handler.agentId(), handler);
		log.info("worker {} serves agent {} on topic {}", settings.workerId(), handler.agentId(), topic);
		signal();
	}

	@Override
	public AgentHandler handler(String agentId) {
		return served.get(agentId);
	}

	@Override
	public void stopServing(String agentId) {
		served.remove(agentId);
		if (byTopic.values().removeIf(s -> s.agentId().equals(agentId))) {
			log.info("worker {} no longer serves agent {}", settings.workerId(), agentId);
		}
	}

	private void fetchLoop() {
		SingleConsumerCondition condition = new SingleConsumerCondition(Thread.currentThread());
		wake = condition;
		ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(condition);
		long failures = 0;
		try {
			while (running) {
				free.acquireUninterruptibly();
				if (!running) {
					break;
				}
				int slots = 1 + free.drainPermits();
				List<LockedExternalTask> tasks = List.of();
				try {
					tasks = fetch(slots);
					failures = 0;
				}
				catch (RuntimeException e) {
					failures++;
					long backoff = Math.min(FetchBackoff.MAX_MILLIS, FetchBackoff.FIRST_MILLIS << Math.min(failures, 7));
					log.warn("worker {}: fetching agent tasks failed ({} in a row): {}; next attempt in {} ms",
							settings.workerId(), failures, e.toString(), backoff);
					free.release(slots);
					condition.await(backoff);
					continue;
				}
				free.release(slots - tasks.size());
				for (LockedExternalTask task : tasks) {
					Served served = byTopic.get(task.getTopicName());
					handlers.execute(() -> {
						try {
							if (served != null) {
								served.handler().handle(LockedTask.of(task, externalTasks, settings.workerId()));
							}
							else {
								// retired between fetch and work: hand the task back at once
								externalTasks.unlock(task.getId());
							}
						}
						finally {
							free.release();
						}
					});
				}
				if (tasks.isEmpty() && running) {
					condition.await(settings.longPollMillis());
				}
			}
		}
		finally {
			ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(condition);
		}
	}

	/** Locks up to {@code max} tasks of the served topics, with each topic's declared variables. */
	private List<LockedExternalTask> fetch(int max) {
		List<Served> topics = List.copyOf(byTopic.values());
		if (topics.isEmpty()) {
			return List.of();
		}
		ExternalTaskQueryBuilder query = externalTasks.fetchAndLock(max, settings.workerId());
		for (Served s : topics) {
			query = query.topic(s.topic(), settings.lockDurationMillis()).variables(s.variables());
		}
		return query.execute();
	}

	private void signal() {
		SingleConsumerCondition condition = wake;
		if (condition != null) {
			condition.signal();
		}
	}

	@Override
	public void close() {
		running = false;
		signal();
		try {
			fetcher.join(5_000);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		handlers.shutdown();
		try {
			handlers.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		lockKeeper.shutdownNow();
	}

	private static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}
}

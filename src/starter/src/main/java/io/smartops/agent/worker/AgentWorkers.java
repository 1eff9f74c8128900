package io.smartops.agent.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.ExternalTaskClientBuilder;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.topic.TopicSubscription;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCallSink;
import io.smartops.agent.AgentHandler;
import io.smartops.core.execution.InstanceTracing;

/**
 * External-task workers for a set of agents, on Camunda's external-task client against an
 * engine's REST API. Each of {@code threads} clients makes one long-polling fetch for every
 * agent's topic; each agent serves only its own topic, so only the chosen agent receives a routed
 * task. Only the declared input variables (and the task's confidence floor) are fetched; the
 * lock of a task is extended while its agent works.
 */
public final class AgentWorkers implements AgentServing {

	private static final Logger log = LoggerFactory.getLogger(AgentWorkers.class);

	/** Where the engine's REST API is and how workers fetch from it. */
	public record Settings(String baseUrl, String user, String password, String workerId, long lockDurationMillis,
			long longPollMillis, RetryPolicy retries, int threads) {

		public Settings(String baseUrl, String user, String password, String workerId, long lockDurationMillis,
				long longPollMillis, RetryPolicy retries) {
			this(baseUrl, user, password, workerId, lockDurationMillis, longPollMillis, retries, 1);
		}
	}

	private final List<ExternalTaskClient> clients = new ArrayList<>();
	private final List<String> workerIds = new ArrayList<>();
	/** Extends the locks of tasks whose agents are still working. */
	private final ScheduledExecutorService lockKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "agent-lock-keeper");
		t.setDaemon(true);
		return t;
	});
	/** Each served agent's subscriptions, one per client. */
	private final Map<String, List<TopicSubscription>> subscriptions = new ConcurrentHashMap<>();
	private final Map<String, AgentHandler> served = new ConcurrentHashMap<>();
	private final Settings settings;
	private final java.util.function.Function<String, String> topicOf;
	private final MeterRegistry meters;
	private final AgentCallSink sink;
	private final InstanceTracing tracing;

	/** Serves each handler on its agent's topic ({@link Agent#topicOf}), without tracing. */
	public AgentWorkers(Settings settings, List<AgentHandler> handlers, java.util.function.Function<String, String> topicOf,
			MeterRegistry meters, AgentCallSink sink) {
		this(settings, handlers, topicOf, meters, sink, InstanceTracing.none());
	}

	/**
	 * Serves each handler on its agent's topic ({@link Agent#topicOf}); each task is a span of its
	 * instance's trace, passed on to the engine with the calls that end the task.
	 */
	public AgentWorkers(Settings settings, List<AgentHandler> handlers, java.util.function.Function<String, String> topicOf,
			MeterRegistry meters, AgentCallSink sink, InstanceTracing tracing) {
		this.tracing = tracing;
		this.settings = settings;
		this.topicOf = topicOf;
		this.meters = meters;
		this.sink = sink;
		FetchBackoff.quietClientFetchErrors();
		for (int thread = 0; thread < Math.max(1, settings.threads()); thread++) {
			String workerId = settings.threads() > 1 ? settings.workerId() + "-" + thread : settings.workerId();
			ExternalTaskClientBuilder builder = ExternalTaskClient.create()
				.baseUrl(settings.baseUrl())
				.workerId(workerId)
				.addInterceptor(new BasicAuthProvider(settings.user(), settings.password()))
				.addInterceptor(request -> tracing.injectCurrent(request::addHeader))
				.asyncResponseTimeout(settings.longPollMillis())
				.lockDuration(settings.lockDurationMillis())
				.maxTasks(1);
			if (settings.longPollMillis() > 0) {
				// the engine holds each fetch open until a task arrives or the poll ends: a backoff when idle
				// would only delay pick-up, but a failing fetch (server down, a wrong password) backs off up to
				// a minute, so a misconfigured worker neither hammers the server nor floods its log
				builder.backoffStrategy(new FetchBackoff(settings.baseUrl()));
			}
			clients.add(builder.build());
			workerIds.add(workerId);
		}
		handlers.forEach(this::serve);
	}

	@Override
	public synchronized void serve(AgentHandler handler) {
		if (subscriptions.containsKey(handler.agentId())) {
			return;
		}
		String topic = topicOf.apply(handler.agentId());
		List<String> variables = AgentTaskHandler.fetchedVariables(handler);
		List<TopicSubscription> opened = new ArrayList<>();
		for (int i = 0; i < clients.size(); i++) {
			opened.add(clients.get(i).subscribe(topic)
				.variables(variables.toArray(String[]::new))
				.handler(new AgentTaskHandler(handler, settings.retries(), meters, sink, workerIds.get(i),
						settings.lockDurationMillis(), lockKeeper, tracing))
				.open());
		}
		subscriptions.put(handler.agentId(), opened);
		served.put(handler.agentId(), handler);
		log.info("worker {} serves agent {} on topic {}", settings.workerId(), handler.agentId(), topic);
	}

	@Override
	public synchronized void stopServing(String agentId) {
		List<TopicSubscription> closed = subscriptions.remove(agentId);
		served.remove(agentId);
		if (closed != null) {
			closed.forEach(TopicSubscription::close);
			log.info("worker {} no longer serves agent {}", settings.workerId(), agentId);
		}
	}

	@Override
	public AgentHandler handler(String agentId) {
		return served.get(agentId);
	}

	@Override
	public void close() {
		subscriptions.values().forEach(list -> list.forEach(TopicSubscription::close));
		clients.forEach(ExternalTaskClient::stop);
		lockKeeper.shutdownNow();
	}
}

package io.smartops.agent.worker;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.ExternalTaskClientBuilder;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.topic.TopicSubscription;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;

/**
 * External-task workers for a set of agents, on Camunda's external-task client against an
 * engine's REST API: one client, so one long-polling fetch covers every agent's topic; each agent
 * serves only its own topic, so only the chosen agent receives a routed task. Only the declared
 * input variables are fetched.
 */
public final class AgentWorkers implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AgentWorkers.class);

	/** Where the engine's REST API is and how workers fetch from it. */
	public record Settings(String baseUrl, String user, String password, String workerId, long lockDurationMillis,
			long longPollMillis, RetryPolicy retries) {
	}

	private final ExternalTaskClient client;
	private final List<TopicSubscription> subscriptions = new ArrayList<>();

	public AgentWorkers(Settings settings, AgentLibrary library, List<AgentHandler> handlers, MeterRegistry meters) {
		ExternalTaskClientBuilder builder = ExternalTaskClient.create()
			.baseUrl(settings.baseUrl())
			.workerId(settings.workerId())
			.addInterceptor(new BasicAuthProvider(settings.user(), settings.password()))
			.asyncResponseTimeout(settings.longPollMillis())
			.lockDuration(settings.lockDurationMillis())
			.maxTasks(1);
		if (settings.longPollMillis() > 0) {
			// the engine holds each fetch open until a task arrives or the poll ends: the client's
			// exponential backoff (up to a minute when idle) would only delay pick-up
			builder.disableBackoffStrategy();
		}
		this.client = builder.build();
		for (AgentHandler handler : handlers) {
			Agent agent = library.find(handler.agentId())
				.orElseThrow(() -> new IllegalStateException("agent " + handler.agentId() + " is not in the library"));
			subscriptions.add(client.subscribe(agent.getTopic())
				.variables(handler.inputs().toArray(String[]::new))
				.handler(new AgentTaskHandler(handler, settings.retries(), meters))
				.open());
			log.info("worker {} serves agent {} on topic {}", settings.workerId(), agent.getId(), agent.getTopic());
		}
	}

	@Override
	public void close() {
		subscriptions.forEach(TopicSubscription::close);
		client.stop();
	}
}

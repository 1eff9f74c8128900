package io.smartops.agent.llm;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.ai.chat.client.ChatClient;

import io.smartops.agent.LlmConnectionNames;

/**
 * The named connections of {@code smartops.llm.connections}, each made into a Spring AI
 * {@link ChatClient} the first time an agent calls it, and kept. Every model call is observed:
 * Spring AI's chat observation and the HTTP client's are children of the agent task's span.
 */
public final class LlmConnections implements LlmConnectionNames {

	/** One usable connection: its settings, its provider and its client. */
	public record Connected(String name, LlmProperties.Connection connection, ProviderClient provider, ChatClient chat) {
	}

	private final LlmProperties properties;
	private final ObservationRegistry observations;
	private final Map<String, Connected> connected = new ConcurrentHashMap<>();

	public LlmConnections(LlmProperties properties, ObservationRegistry observations) {
		this.properties = properties;
		this.observations = observations;
	}

	@Override
	public Collection<String> names() {
		return List.copyOf(properties.connections().keySet());
	}

	@Override
	public boolean usable(String name) {
		LlmProperties.Connection c = properties.connections().get(name);
		return c != null && c.missing() == null && c.provider().present();
	}

	/** Why a connection cannot be used, or null when it can. */
	public String problem(String name) {
		LlmProperties.Connection c = properties.connections().get(name);
		if (c == null) {
			return "no connection " + name;
		}
		if (c.missing() != null) {
			return "connection " + name + " has " + c.missing();
		}
		return c.provider().present() ? null
				: "connection " + name + " needs org.springframework.ai:" + c.provider().module() + " on the classpath";
	}

	/** The connection's client; an unusable connection fails, naming why. */
	public Connected connect(String name) {
		String problem = problem(name);
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
		return connected.computeIfAbsent(name, n -> {
			LlmProperties.Connection c = properties.connections().get(n);
			Duration timeout = c.timeout() != null ? c.timeout() : properties.timeout();
			ProviderClient provider = ProviderClient.of(c.provider());
			ChatClient chat = ChatClient.builder(provider.chatModel(c, timeout, observations), observations, null, null).build();
			return new Connected(n, c, provider, chat);
		});
	}

	public LlmProperties properties() {
		return properties;
	}
}

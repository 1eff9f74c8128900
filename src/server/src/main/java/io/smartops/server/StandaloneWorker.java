package io.smartops.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentCallSink;
import io.smartops.agent.builtin.BuiltinAgents;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.agent.worker.RetryPolicy;
import io.smartops.agent.worker.WorkerSettings;

/**
 * The agent workers as a process of their own, to scale out:
 * {@code java -jar target/smartops.jar --spring.profiles.active=worker}. No engine, no database,
 * no web server: it reads the agents' topics from the server's library over REST, serves the
 * built-in agents' topics with the external-task client against the server's engine REST API,
 * and reports every call to {@code POST /smartops/api/agent-calls}. Settings: {@link WorkerSettings}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@Profile(StandaloneWorker.PROFILE)
@EnableConfigurationProperties(WorkerSettings.class)
public class StandaloneWorker {

	private static final Logger log = LoggerFactory.getLogger(StandaloneWorker.class);

	static final String PROFILE = "worker";


	/** True when the worker profile is asked for on the command line or in SPRING_PROFILES_ACTIVE. */
	public static boolean requested(String[] args, String profilesFromEnvironment) {
		boolean inArgs = Arrays.stream(args)
			.filter(a -> a.startsWith("--spring.profiles.active="))
			.flatMap(a -> Arrays.stream(a.substring(a.indexOf('=') + 1).split(",")))
			.anyMatch(p -> p.strip().equals(PROFILE));
		return inArgs || (profilesFromEnvironment != null
				&& Arrays.stream(profilesFromEnvironment.split(",")).anyMatch(p -> p.strip().equals(PROFILE)));
	}

	public static void run(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(StandaloneWorker.class)
			.web(WebApplicationType.NONE)
			.run(args);
		CountDownLatch stopped = new CountDownLatch(1);
		context.addApplicationListener(e -> {
			if (e instanceof org.springframework.context.event.ContextClosedEvent) {
				stopped.countDown();
			}
		});
		stopped.await();
	}

	/** The built-in agents; declared LLM and MCP-tool agents are served by the server's own workers. */
	@Bean
	BuiltinAgents builtinAgents() {
		return new BuiltinAgents();
	}

	@Bean(destroyMethod = "close")
	AgentWorkers agentWorkers(WorkerSettings s, BuiltinAgents builtins) throws Exception {
		if (s.password().isBlank()) {
			throw new IllegalStateException("smartops.worker.password (SMARTOPS_WORKER_PASSWORD) is not set: the worker "
					+ "authenticates to " + s.serverUrl() + " as " + s.user());
		}
		ServerApi server = new ServerApi(s);
		Map<String, String> topics = server.topics();
		List<io.smartops.agent.AgentHandler> served = builtins.handlers()
			.stream()
			.filter(h -> topics.containsKey(h.agentId()))
			.toList();
		log.info("standalone worker {} serves {} agents of {} with {} thread(s)", s.workerId(), served.size(),
				s.serverUrl(), s.threads());
		return new AgentWorkers(new AgentWorkers.Settings(s.serverUrl() + "/engine-rest", s.user(), s.password(),
				s.workerId(), s.lockDuration().toMillis(), s.longPoll().toMillis(), new RetryPolicy(3, 5_000), s.threads()),
				served, topics::get, new SimpleMeterRegistry(), server);
	}

	/** The server's Smart Ops API as the worker uses it: the library's topics and call reports. */
	static final class ServerApi implements AgentCallSink {

		private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
			.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
		private final String base;
		private final String authorization;

		ServerApi(WorkerSettings s) {
			this.base = s.serverUrl() + "/smartops/api";
			this.authorization = "Basic " + Base64.getEncoder()
				.encodeToString((s.user() + ":" + s.password()).getBytes(StandardCharsets.UTF_8));
		}

		Map<String, String> topics() throws Exception {
			HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/agents"))
				.header("Authorization", authorization)
				.timeout(Duration.ofSeconds(30))
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("GET " + base + "/agents answered " + response.statusCode());
			}
			Map<String, String> topics = new HashMap<>();
			for (JsonNode agent : json.readTree(response.body())) {
				topics.put(agent.get("id").asText(), agent.get("topic").asText());
			}
			return topics;
		}

		@Override
		public void record(AgentCallReport report) {
			try {
				HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/agent-calls"))
					.header("Authorization", authorization)
					.header("Content-Type", "application/json")
					.timeout(Duration.ofSeconds(10))
					.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(report)))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 201) {
					throw new IllegalStateException("POST agent-calls answered " + response.statusCode() + ": " + response.body());
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(e);
			}
			catch (java.io.IOException e) {
				throw new IllegalStateException("agent call not reported: " + e.getMessage(), e);
			}
		}
	}
}

package io.smartops.agent.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * A worker whose fetches fail (here a real HTTP server that answers every fetch with 401, as the
 * engine does for a wrong password) backs off instead of retrying at once: a handful of fetches
 * in a few seconds, not hundreds, each logged as one line without a stack trace, so it neither
 * hammers the server nor floods its log.
 */
class WorkerBackoffTests {

	@Test
	void aWorkerThatIsRefusedBacksOffExponentially() throws Exception {
		AtomicInteger fetches = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			fetches.incrementAndGet();
			byte[] body = "{\"type\":\"AuthenticationException\",\"message\":\"wrong password\"}".getBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(401, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
		AgentHandler handler = new AgentHandler() {
			@Override
			public String agentId() {
				return "backoff-test";
			}

			@Override
			public List<String> inputs() {
				return List.of();
			}

			@Override
			public AgentOutput handle(Map<String, Object> inputs) {
				return AgentOutput.of(Map.of());
			}
		};
		ListAppender<ILoggingEvent> logged = new ListAppender<>();
		logged.start();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.addAppender(logged);
		AgentWorkers workers = new AgentWorkers(
				new AgentWorkers.Settings("http://127.0.0.1:" + server.getAddress().getPort() + "/engine-rest", "w", "wrong",
						"backoff-test", 30_000, 5_000, new RetryPolicy(3, 1_000)),
				List.of(handler), id -> "agent.test." + id, new SimpleMeterRegistry(), report -> {
				});
		try {
			Thread.sleep(6_000);
		}
		finally {
			workers.close();
			server.stop(0);
			root.detachAppender(logged);
		}
		// 0.5 + 1 + 2 s of waits fit in 6 s: about four fetches; without a backoff there were 129
		assertThat(fetches.get()).isBetween(2, 8);
		// one line per failure, with the reason and the next wait; no stack trace
		List<ILoggingEvent> lines = logged.list.stream().filter(e -> e.getFormattedMessage().contains("fetch")).toList();
		assertThat(lines).isNotEmpty().allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
		assertThat(lines).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("next attempt in"));
	}
}

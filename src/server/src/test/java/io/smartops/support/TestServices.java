package io.smartops.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import io.smartops.agent.llm.FakeLlmServer;
import com.icegreen.greenmail.util.ServerSetup;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real services the shared test context talks to: a GreenMail SMTP server, an MQTT broker,
 * and two LLM providers' endpoints (local servers speaking OpenAI's and Anthropic's protocols, as
 * connections {@code alpha} and {@code beta}). The broker is Moquette embedded in the test JVM, or, when the system property
 * {@code smartops.test.mqtt-url} names one (the services profile: Mosquitto on 127.0.0.1:1883),
 * that broker. Started once per JVM, before the context, and pointed to by its properties.
 */
public final class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	private static GreenMail smtp;
	private static String mqttUrl;
	private static FakeLlmServer alpha;
	private static FakeLlmServer beta;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		start();
		TestPropertyValues.of("spring.mail.host=127.0.0.1", "spring.mail.port=" + smtp.getSmtp().getPort(),
				"smartops.orchestrate.mail-mode=smtp", "smartops.mqtt.enabled=true", "smartops.mqtt.url=" + mqttUrl,
				// a session of its own per run: a persistent session from an earlier run must not deliver its old messages
				"smartops.mqtt.client-id=smartops-test-" + java.util.UUID.randomUUID(),
				// two LLM providers the declared LLM agents of the tests may name: an OpenAI and an Anthropic endpoint
				"smartops.llm.connections.alpha.provider=openai", "smartops.llm.connections.alpha.base-url=" + alpha.baseUrl(),
				"smartops.llm.connections.alpha.api-key=test-key-alpha", "smartops.llm.connections.beta.provider=anthropic",
				"smartops.llm.connections.beta.base-url=" + beta.baseUrl(), "smartops.llm.connections.beta.api-key=test-key-beta")
			.applyTo(context);
	}

	public static synchronized GreenMail smtp() {
		start();
		return smtp;
	}

	/** The e-mails the SMTP server received whose subject names the key. */
	public static java.util.List<jakarta.mail.internet.MimeMessage> mailsFor(String key) {
		return java.util.Arrays.stream(smtp().getReceivedMessages()).filter(m -> {
			try {
				return m.getSubject().contains(key);
			}
			catch (jakarta.mail.MessagingException e) {
				throw new IllegalStateException(e);
			}
		}).toList();
	}

	/** The OpenAI-protocol server behind connection {@code alpha}. */
	public static synchronized FakeLlmServer llmAlpha() {
		start();
		return alpha;
	}

	/** The Anthropic-protocol server behind connection {@code beta}. */
	public static synchronized FakeLlmServer llmBeta() {
		start();
		return beta;
	}

	public static synchronized String mqttUrl() {
		start();
		return mqttUrl;
	}

	private static synchronized void start() {
		if (smtp != null) {
			return;
		}
		smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		smtp.start();
		try {
			alpha = new FakeLlmServer(FakeLlmServer.Protocol.OPENAI);
			beta = new FakeLlmServer(FakeLlmServer.Protocol.ANTHROPIC);
		}
		catch (IOException e) {
			throw new IllegalStateException("the tests' LLM servers do not start", e);
		}
		String external = System.getProperty("smartops.test.mqtt-url", "");
		if (!external.isBlank()) {
			mqttUrl = external;
			return;
		}
		int port = freePort();
		Properties config = new Properties();
		config.setProperty("host", "127.0.0.1");
		config.setProperty("port", Integer.toString(port));
		config.setProperty("websocket_port", "disabled");
		config.setProperty("allow_anonymous", "true");
		config.setProperty("persistence_enabled", "false");
		try {
			config.setProperty("data_path", java.nio.file.Files.createTempDirectory("moquette").toString());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		Server broker = new Server();
		try {
			broker.startServer(new MemoryConfig(config));
		}
		catch (IOException e) {
			throw new IllegalStateException("the embedded MQTT broker did not start", e);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(broker::stopServer));
		mqttUrl = "tcp://127.0.0.1:" + port;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}

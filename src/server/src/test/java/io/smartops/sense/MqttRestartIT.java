package io.smartops.sense;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smartops.support.PackagedServer;

/**
 * Sensing over Mosquitto across a crash (services profile): 700 events are published (QoS 1) while
 * the packaged server is killed with {@code kill -9} and started again; every one of them is
 * recorded, because the server's session at the broker outlives it and a message is acknowledged
 * only after it is stored. (Before, with a clean session and a new client id per start, 190 of
 * 700 were lost.)
 */
@Tag("services")
class MqttRestartIT {

	static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
	static final int EVENTS = 700;

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void everyEventPublishedWhileTheServerCrashesAndRestartsIsRecorded(@TempDir Path data) throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String topic = "smartops-it/" + run + "/sensors/tms";
		List<String> settings = List.of("--smartops.mqtt.enabled=true", "--smartops.mqtt.url=tcp://127.0.0.1:1883",
				"--smartops.mqtt.client-id=restart-it-" + run, "--smartops.sense.mqtt-topic=smartops-it/" + run + "/sensors/#",
				"--smartops.demo.start-run=false");
		int port = PackagedServer.freePort();
		Process server = PackagedServer.start(data, port, "first", settings);
		MqttClient publisher = new MqttClient("tcp://127.0.0.1:1883", "publisher-" + run, new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		publisher.connect(options);
		Process restarted = null;
		try {
			// the server's session does not exist before its first start: the probe is sent until it is recorded
			waitUntilRecorded(port, publisher, topic, run + "-probe", server, data);
			for (int i = 0; i < EVENTS; i++) {
				publish(publisher, topic, run + "-" + i);
				if (i == 200) {
					server.destroyForcibly().waitFor();
					restarted = PackagedServer.start(data, port, "second", settings);
				}
				Thread.sleep(10);
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
			List<String> missing = missing(port, run);
			while (!missing.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(2000);
				missing = missing(port, run);
			}
			assertThat(missing).as("events not recorded; server log: %s", data.resolve("second.log")).isEmpty();
		}
		finally {
			publisher.disconnect();
			publisher.close();
			server.destroy();
			if (restarted != null) {
				restarted.destroy();
				restarted.waitFor();
			}
		}
	}

	private static void publish(MqttClient publisher, String topic, String id) throws Exception {
		String event = "{\"id\":\"" + id + "\",\"source\":\"tms\",\"type\":\"carrier-capacity\",\"subject\":\"3PL-A\","
				+ "\"value\":900,\"observedAt\":\"" + Instant.now() + "\"}";
		MqttMessage m = new MqttMessage(event.getBytes(StandardCharsets.UTF_8));
		m.setQos(1);
		publisher.publish(topic, m);
	}

	/** The events of this run the server has not recorded (yet), asked one by one over REST. */
	private List<String> missing(int port, String run) throws Exception {
		List<String> missing = new ArrayList<>();
		for (int i = 0; i < EVENTS; i++) {
			try {
				if (get(port, "/smartops/api/sensors/events/" + run + "-" + i).statusCode() != 200) {
					missing.add(run + "-" + i);
				}
			}
			catch (ConnectException down) {
				missing.add(run + "-" + i);
			}
		}
		return missing;
	}

	private void waitUntilRecorded(int port, MqttClient publisher, String topic, String id, Process server, Path data)
			throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline && server.isAlive()) {
			publish(publisher, topic, id);
			try {
				if (get(port, "/smartops/api/sensors/events/" + id).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException starting) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the probe event was not recorded: " + Files.readString(data.resolve("first.log")));
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", AUTH)
			.GET().build(), HttpResponse.BodyHandlers.ofString());
	}


}

package io.smartops.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

import io.smartops.support.TestServices;

/**
 * The gateway's session against a real broker (Moquette embedded, Mosquitto in the services
 * profile): what is published while the server is down arrives after it starts again, and a
 * message whose listener fails is not acknowledged, so the broker delivers it again.
 */
class MqttGatewayTests {

	@Test
	void messagesPublishedWhileTheServerIsDownArriveWhenItConnectsAgainWithItsClientId() throws Exception {
		String id = "gateway-test-" + UUID.randomUUID();
		String topic = "smartops/test/" + id + "/events";
		MqttProperties properties = new MqttProperties(true, TestServices.mqttUrl(), id, null, null);

		MqttGateway first = new MqttGateway(properties);
		List<String> before = new CopyOnWriteArrayList<>();
		first.subscribe(topic, (t, p) -> before.add(p));
		first.close();

		publish(topic, 50);

		MqttGateway second = new MqttGateway(properties);
		List<String> after = new CopyOnWriteArrayList<>();
		second.subscribe(topic, (t, p) -> after.add(p));
		try {
			waitFor(() -> after.size() >= 50);
			assertThat(after).hasSize(50).doesNotHaveDuplicates();
			assertThat(before).isEmpty();
		}
		finally {
			second.close();
		}
	}

	@Test
	void aMessageWhoseListenerFailedIsDeliveredAgainAfterAReconnect() throws Exception {
		String id = "gateway-test-" + UUID.randomUUID();
		String topic = "smartops/test/" + id + "/events";
		MqttProperties properties = new MqttProperties(true, TestServices.mqttUrl(), id, null, null);

		MqttGateway failing = new MqttGateway(properties);
		List<String> tried = new CopyOnWriteArrayList<>();
		failing.subscribe(topic, (t, p) -> {
			tried.add(p);
			throw new IllegalStateException("the database is down");
		});
		publish(topic, 1);
		waitFor(() -> tried.size() == 1);
		failing.close();

		MqttGateway healthy = new MqttGateway(properties);
		List<String> stored = new CopyOnWriteArrayList<>();
		healthy.subscribe(topic, (t, p) -> stored.add(p));
		try {
			waitFor(() -> stored.size() == 1);
			assertThat(stored).containsExactly("message-0");
		}
		finally {
			healthy.close();
		}
	}

	private static void publish(String topic, int count) throws Exception {
		MqttClient publisher = new MqttClient(TestServices.mqttUrl(), "publisher-" + UUID.randomUUID(), new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		// paho counts a QoS 1 message in flight a moment after publish() has returned for it: the
		// default limit (10) was reached under load ("Too many publishes in progress")
		options.setMaxInflight(count);
		publisher.connect(options);
		for (int i = 0; i < count; i++) {
			MqttMessage m = new MqttMessage(("message-" + i).getBytes(StandardCharsets.UTF_8));
			m.setQos(1);
			publisher.publish(topic, m);
		}
		publisher.disconnect();
		publisher.close();
	}

	private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (!condition.getAsBoolean() && System.nanoTime() < end) {
			Thread.sleep(50);
		}
	}
}

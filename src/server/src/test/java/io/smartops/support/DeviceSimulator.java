package io.smartops.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A warehouse device on the real MQTT broker: takes pick lists from
 * {@code smartops/devices/+/commands}, counts them per idempotency key (a device carries out each
 * key once), and acknowledges on {@code smartops/devices/<warehouse>/acks}.
 */
public final class DeviceSimulator implements AutoCloseable {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final MqttClient client;
	private final Map<String, Integer> received = new ConcurrentHashMap<>();
	private final List<String> topics = new CopyOnWriteArrayList<>();

	public DeviceSimulator(String url) throws MqttException {
		client = new MqttClient(url, "device-sim-" + System.nanoTime(), new MemoryPersistence());
		MqttConnectOptions options = new MqttConnectOptions();
		options.setCleanSession(true);
		client.connect(options);
		client.subscribe("smartops/devices/+/commands", 1, (topic, message) -> {
			JsonNode command = JSON.readTree(new String(message.getPayload(), StandardCharsets.UTF_8));
			String key = command.path("idempotencyKey").asText();
			topics.add(topic);
			if (received.merge(key, 1, Integer::sum) == 1) {
				String warehouse = topic.split("/")[2];
				MqttMessage ack = new MqttMessage(JSON.createObjectNode().put("idempotencyKey", key).put("status", "picked")
					.toString().getBytes(StandardCharsets.UTF_8));
				ack.setQos(1);
				new Thread(() -> {
					try {
						client.publish("smartops/devices/" + warehouse + "/acks", ack);
					}
					catch (MqttException e) {
						throw new IllegalStateException(e);
					}
				}).start();
			}
		});
	}

	public Map<String, Integer> received() {
		return received;
	}

	public List<String> topics() {
		return topics;
	}

	@Override
	public void close() throws MqttException {
		client.disconnect();
		client.close();
	}
}

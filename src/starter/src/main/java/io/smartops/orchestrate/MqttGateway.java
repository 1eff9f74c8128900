package io.smartops.orchestrate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiConsumer;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * The one MQTT connection of this server (Eclipse Paho): publishes device commands (QoS 1) and
 * serves the subscriptions of device acknowledgements and sensing, re-subscribing after a
 * reconnect. A listener that throws never stops the subscription.
 * <p>
 * Listeners run on a thread of their own, in arrival order, never on Paho's callback thread: a
 * listener waits for database locks (an acknowledgement correlates a message to a process
 * instance), and a publish inside an engine transaction holds such locks while it waits for its
 * PUBACK. Were the listener on Paho's thread, Paho's inbound queue would fill, its receiver would
 * stop reading, the PUBACK would never be read and both would wait for ever. A publish also waits
 * at most {@link #PUBLISH_TIMEOUT_MILLIS}, so a broker that does not answer fails the dispatch
 * (the job retries) instead of holding its transaction.
 * <p>
 * Nothing received is lost across a restart: the session is persistent (a stable client id,
 * {@code cleanSession=false}, QoS 1 subscriptions), so the broker keeps what arrives while the
 * server is down, and a message is acknowledged to the broker only after its listener returned
 * (it has stored what it needed); a message that arrives before a listener for its topic is
 * registered waits, unacknowledged, until one is.
 */
@Component
public class MqttGateway {

	private static final Logger log = LoggerFactory.getLogger(MqttGateway.class);

	static final long PUBLISH_TIMEOUT_MILLIS = 10_000;

	private final MqttProperties properties;
	private final Map<String, BiConsumer<String, String>> subscriptions = new ConcurrentHashMap<>();
	private final ExecutorService listeners = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "mqtt-listeners");
		t.setDaemon(true);
		return t;
	});
	private final java.util.List<Received> waiting = new java.util.ArrayList<>();
	private MqttClient client;

	/** A message no listener was registered for yet: delivered and acknowledged once one is. */
	private record Received(String topic, String payload, int id, int qos) {
	}

	MqttGateway(MqttProperties properties) {
		this.properties = properties;
	}

	public boolean enabled() {
		return properties.enabled();
	}

	public synchronized void publish(String topic, String payload) throws MqttException {
		MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
		message.setQos(1);
		connected().publish(topic, message);
	}

	/** Subscribes a listener (topic, payload) to a topic filter, now and after every reconnect. */
	public synchronized void subscribe(String filter, BiConsumer<String, String> listener) throws MqttException {
		subscriptions.put(filter, listener);
		MqttClient c = connected();
		c.subscribe(filter, 1);
		synchronized (waiting) {
			for (java.util.Iterator<Received> it = waiting.iterator(); it.hasNext();) {
				Received r = it.next();
				if (MqttTopic.isMatched(filter, r.topic())) {
					it.remove();
					listeners.execute(() -> deliver(r));
				}
			}
		}
	}

	/** Hands the message to every listener whose filter matches, then acknowledges it; keeps it when none does. */
	private void deliver(Received r) {
		boolean matched = false;
		for (Map.Entry<String, BiConsumer<String, String>> s : subscriptions.entrySet()) {
			if (MqttTopic.isMatched(s.getKey(), r.topic())) {
				matched = true;
				try {
					s.getValue().accept(r.topic(), r.payload());
				}
				catch (RuntimeException e) {
					// not acknowledged: the broker delivers it again after a reconnect
					log.warn("MQTT listener of {} failed on a message to {}: {}", s.getKey(), r.topic(), e.getMessage());
					return;
				}
			}
		}
		if (!matched) {
			synchronized (waiting) {
				waiting.add(r);
			}
			return;
		}
		try {
			client.messageArrivedComplete(r.id(), r.qos());
		}
		catch (MqttException e) {
			log.warn("acknowledging MQTT message {} on {} failed: {}", r.id(), r.topic(), e.getMessage());
		}
	}

	private MqttClient connected() throws MqttException {
		if (!properties.enabled()) {
			throw new IllegalStateException("the MQTT channel is off (smartops.mqtt.enabled=false)");
		}
		if (client == null) {
			client = new MqttClient(properties.url(), properties.clientId(), new MemoryPersistence());
			client.setTimeToWait(PUBLISH_TIMEOUT_MILLIS);
			client.setManualAcks(true);
			client.setCallback(new MqttCallbackExtended() {
				@Override
				public void connectComplete(boolean reconnect, String serverUri) {
					if (reconnect) {
						subscriptions.keySet().forEach(f -> {
							try {
								client.subscribe(f, 1);
							}
							catch (MqttException e) {
								log.warn("re-subscribing to {} failed: {}", f, e.getMessage());
							}
						});
					}
				}

				@Override
				public void connectionLost(Throwable cause) {
					log.warn("MQTT connection to {} lost: {}", serverUri(), cause.getMessage());
				}

				@Override
				public void messageArrived(String topic, MqttMessage message) {
					Received r = new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
							message.getId(), message.getQos());
					listeners.execute(() -> deliver(r));
				}

				@Override
				public void deliveryComplete(IMqttDeliveryToken token) {
				}
			});
		}
		if (!client.isConnected()) {
			MqttConnectOptions options = new MqttConnectOptions();
			options.setAutomaticReconnect(true);
			options.setCleanSession(false);
			options.setConnectionTimeout(5);
			if (properties.username() != null && !properties.username().isBlank()) {
				options.setUserName(properties.username());
				options.setPassword(properties.password() == null ? new char[0] : properties.password().toCharArray());
			}
			client.connect(options);
			log.info("connected to MQTT broker {} as {} (persistent session)", properties.url(), properties.clientId());
		}
		return client;
	}

	private String serverUri() {
		return properties.url();
	}

	@PreDestroy
	synchronized void close() {
		listeners.shutdownNow();
		if (client != null) {
			try {
				if (client.isConnected()) {
					client.disconnect(1000);
				}
				client.close();
			}
			catch (MqttException e) {
				log.debug("closing the MQTT client: {}", e.getMessage());
			}
		}
	}
}

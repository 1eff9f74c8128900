package io.smartops.sense;

import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.smartops.core.web.ClientMessages;
import io.smartops.core.web.Fields;
import io.smartops.orchestrate.MqttGateway;

/**
 * Sensor events over MQTT ({@code smartops.sense.mqtt-topic}, when MQTT is on): each message is
 * one event's JSON, fed to the same pipeline as REST. A message that is not a valid event goes to
 * the dead-letter store with the reason; nothing a message holds stops the subscription. The
 * gateway acknowledges a message to the broker only once this has stored it (as an event or a dead
 * letter): a crash in between makes the broker deliver it again, and the event's id keeps it once.
 */
@Component
class SensorSubscription {

	private static final Logger log = LoggerFactory.getLogger(SensorSubscription.class);
	private static final ObjectMapper JSON = new ObjectMapper();

	private final MqttGateway mqtt;
	private final SensePipeline pipeline;
	private final DeadLetterRepository deadLetters;
	private final SenseProperties properties;

	SensorSubscription(MqttGateway mqtt, SensePipeline pipeline, DeadLetterRepository deadLetters,
			SenseProperties properties) {
		this.mqtt = mqtt;
		this.pipeline = pipeline;
		this.deadLetters = deadLetters;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void subscribe() throws Exception {
		if (mqtt.enabled()) {
			mqtt.subscribe(properties.mqttTopic(), this::receive);
			log.info("listening for sensor events on {}", properties.mqttTopic());
		}
	}

	/** The longest topic a sensed event's channel keeps; a longer one is kept cut, with an ellipsis. */
	static final int MAX_TOPIC = 200;

	void receive(String topic, String payload) {
		try {
			Map<String, Object> fields = JSON.readValue(payload, new TypeReference<Map<String, Object>>() {
			});
			if (fields == null) {
				deadLetters.save(new DeadLetter(topic, payload, "the payload is null, not a JSON object"));
				return;
			}
			pipeline.ingest(fields, "mqtt:" + Fields.cut(topic, MAX_TOPIC));
		}
		catch (SensorEvent.InvalidEventException e) {
			deadLetters.save(new DeadLetter(topic, payload, e.getMessage()));
		}
		catch (java.io.IOException e) {
			deadLetters.save(new DeadLetter(topic, payload,
					"not a JSON object: " + ClientMessages.plain(e.getMessage(), "the payload cannot be read as JSON")));
		}
		catch (RuntimeException e) {
			log.warn("sensor event on {} failed: {}", topic, e.getMessage());
			deadLetters.save(new DeadLetter(topic, payload,
					"failed: " + ClientMessages.plain(e.getMessage(), "the server could not handle it; its log has the details")));
		}
	}
}

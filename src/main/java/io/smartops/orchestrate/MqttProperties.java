package io.smartops.orchestrate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smartops.mqtt.*}: the broker the device channel publishes to and sensing subscribes to
 * (Mosquitto in production). Off by default: the demo needs no broker.
 */
@ConfigurationProperties("smartops.mqtt")
public record MqttProperties(boolean enabled, String url, String clientId, String username, String password) {

	public MqttProperties {
		url = url == null || url.isBlank() ? "tcp://127.0.0.1:1883" : url;
		clientId = clientId == null || clientId.isBlank() ? "smartops-" + java.util.UUID.randomUUID() : clientId;
	}
}

package io.smartops.orchestrate;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smartops.mqtt.*}: the broker the device channel publishes to and sensing subscribes to
 * (Mosquitto in production). Off by default: the demo needs no broker. The client id names the
 * broker's persistent session, so it must stay the same across restarts of one node and differ
 * between nodes ({@code SMARTOPS_MQTT_CLIENT_ID}; default: host name and port).
 */
@ConfigurationProperties("smartops.mqtt")
public record MqttProperties(boolean enabled, String url, String clientId, String username, String password) {

	public MqttProperties {
		url = url == null || url.isBlank() ? "tcp://127.0.0.1:1883" : url;
		if (clientId == null || clientId.isBlank()) {
			throw new IllegalStateException("smartops.mqtt.client-id (SMARTOPS_MQTT_CLIENT_ID) is empty: the broker keeps "
					+ "this node's session under it, so it must be set and stay the same across restarts");
		}
		if (clientId.length() > 23 * 10) {
			throw new IllegalStateException("smartops.mqtt.client-id is longer than 230 characters");
		}
	}
}

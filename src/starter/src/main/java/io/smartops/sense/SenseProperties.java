package io.smartops.sense;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smartops.sense.*}.
 *
 * @param mqttTopic the topic filter sensor events arrive on (when MQTT is on)
 * @param debounce events that matter within this window make one re-plan
 * @param periodLength how long one plan period lasts (where "now" and the stability window fall)
 * @param stabilityWindow actions for people due to start within this window from now stay as they
 *        are unless a person approves the change
 * @param replanGainThreshold the relative margin gain above which a person is asked to approve a
 *        re-plan that changes people's actions inside the window
 */
@ConfigurationProperties("smartops.sense")
public record SenseProperties(String mqttTopic, Duration debounce, Duration periodLength, Duration stabilityWindow,
		Double replanGainThreshold) {

	public SenseProperties {
		mqttTopic = mqttTopic == null || mqttTopic.isBlank() ? "smartops/sensors/#" : mqttTopic;
		debounce = debounce == null ? Duration.ofMillis(200) : debounce;
		periodLength = periodLength == null ? Duration.ofHours(4) : periodLength;
		stabilityWindow = stabilityWindow == null ? Duration.ofHours(4) : stabilityWindow;
		replanGainThreshold = replanGainThreshold == null ? 0.02 : replanGainThreshold;
	}
}

package io.smartops.orchestrate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smartops.orchestrate.*}: where the channels send actions.
 *
 * @param storePosUrl the store POS price-change API (empty: the demo POS inside this server)
 * @param carrierBookingUrl the carriers' booking API (empty: the demo booking API inside this server)
 * @param appsApiKey the API key sent to those applications ({@code SMARTOPS_APPS_API_KEY}; empty: a
 *        random key per start shared with the demo applications)
 * @param mailMode {@code outbox} (the demo: e-mails are kept, readable over REST) or {@code smtp}
 *        (Spring Mail, {@code spring.mail.*})
 * @param mailFrom the sender of purchase orders
 * @param publicUrl the address suppliers' confirm links point to
 * @param confirmSecret the key that signs confirm links ({@code SMARTOPS_CONFIRM_SECRET}; empty: random
 *        per start, so links from before a restart no longer confirm)
 * @param confirmLinkValidity how long a confirm link confirms after it was sent ({@code SMARTOPS_CONFIRM_LINK_VALIDITY})
 * @param acknowledgementTimeout how long an action may wait for its acknowledgement before it is escalated
 * @param deviceTopic the MQTT topic pick lists go to; {@code {target}} is the warehouse
 * @param deviceAckTopic the MQTT topic filter devices acknowledge on
 */
@ConfigurationProperties("smartops.orchestrate")
public record OrchestrateProperties(String storePosUrl, String carrierBookingUrl, String appsApiKey, String mailMode,
		String mailFrom, String publicUrl, String confirmSecret, Duration confirmLinkValidity, Duration acknowledgementTimeout, String deviceTopic,
		String deviceAckTopic) {

	public OrchestrateProperties {
		mailMode = mailMode == null || mailMode.isBlank() ? "outbox" : mailMode;
		mailFrom = mailFrom == null || mailFrom.isBlank() ? "planning@smartops.example" : mailFrom;
		publicUrl = publicUrl == null ? "" : publicUrl;
		confirmLinkValidity = confirmLinkValidity == null ? Duration.ofDays(14) : confirmLinkValidity;
		acknowledgementTimeout = acknowledgementTimeout == null ? Duration.ofHours(24) : acknowledgementTimeout;
		deviceTopic = deviceTopic == null ? "smartops/devices/{target}/commands" : deviceTopic;
		deviceAckTopic = deviceAckTopic == null ? "smartops/devices/+/acks" : deviceAckTopic;
	}

	public boolean smtp() {
		return "smtp".equalsIgnoreCase(mailMode);
	}
}

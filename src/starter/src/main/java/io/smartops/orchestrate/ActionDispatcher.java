package io.smartops.orchestrate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends one action through its channel. Applications get an HTTP POST carrying the idempotency
 * key (header {@code Idempotency-Key}); their response acknowledges. Suppliers get an e-mail with
 * a signed confirm link; devices an MQTT message with the key; both acknowledge later. A channel
 * that refuses the action raises {@link ActionRejectedException}; any other failure is technical
 * (the engine retries, then raises an incident). An e-mail or device message already sent for
 * the key is not sent again.
 */
@Component
public class ActionDispatcher {

	private static final Logger log = LoggerFactory.getLogger(ActionDispatcher.class);
	private static final ObjectMapper JSON = new ObjectMapper();

	/** What the channel said: acknowledged already (with its reference) or dispatched, waiting for the acknowledgement. */
	public record Outcome(boolean acknowledged, String reference) {
	}

	private final OrchestrateProperties properties;
	private final ActionLedger ledger;
	private final Outbox outbox;
	private final ConfirmLinks links;
	private final MqttGateway mqtt;
	private final ObjectProvider<JavaMailSender> mail;
	private final ObjectProvider<ApplicationFallback> fallback;
	private final RestClient http;

	ActionDispatcher(OrchestrateProperties properties, ActionLedger ledger, Outbox outbox, ConfirmLinks links,
			MqttGateway mqtt, ObjectProvider<JavaMailSender> mail, ObjectProvider<ApplicationFallback> fallback) {
		this.properties = properties;
		this.ledger = ledger;
		this.outbox = outbox;
		this.links = links;
		this.mqtt = mqtt;
		this.mail = mail;
		this.fallback = fallback;
		SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
		factory.setConnectTimeout(Duration.ofSeconds(5));
		factory.setReadTimeout(Duration.ofSeconds(30));
		this.http = RestClient.builder().requestFactory(factory).build();
	}

	public Outcome dispatch(ActionItem action) {
		if (action.getStatus() == ActionItem.Status.ACKNOWLEDGED) {
			return new Outcome(true, action.getReference());
		}
		return switch (action.getChannel()) {
			case APPLICATION -> application(action);
			case SUPPLIER -> supplier(action);
			case DEVICE -> device(action);
			case OPERATOR -> throw new IllegalStateException("work orders for people are dispatched by their user task");
		};
	}

	/**
	 * Confirms an action's cancellation with its channel: the application is told to cancel the
	 * order it took under the key, the supplier gets a cancellation e-mail, the device a cancel
	 * command; a work order for people is withdrawn with its task. Returns what the channel said.
	 */
	public String cancel(ActionItem action, String reason) {
		if (action.getDispatchedAt() == null) {
			return "never dispatched: nothing to cancel";
		}
		switch (action.getChannel()) {
			case APPLICATION -> {
				String key = appsKey();
				return http.post()
					.uri(url(action.getAddress()) + "/cancellations")
					.contentType(MediaType.APPLICATION_JSON)
					.header("Idempotency-Key", action.getIdempotencyKey())
					.header("X-Api-Key", key)
					.body("{\"reason\": " + JSON.valueToTree(reason) + "}")
					.exchange((request, response) -> {
						String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
						if (!response.getStatusCode().is2xxSuccessful()) {
							throw new IllegalStateException(action.getAddress() + " did not confirm the cancellation of "
									+ action.getIdempotencyKey() + ": HTTP " + response.getStatusCode().value() + " " + body);
						}
						return "cancelled: " + body;
					});
			}
			case SUPPLIER -> {
				String subject = "Cancellation of purchase order " + action.getIdempotencyKey();
				String body = "Please cancel purchase order " + action.getIdempotencyKey() + ".\nReason: " + reason + "\n";
				if (!properties.smtp()) {
					outbox.keep(action.getId(), action.getAddress(), subject, body);
					return "cancellation kept in the outbox";
				}
				try {
					send(action, action.getAddress(), subject, body);
					return "cancellation e-mailed to " + action.getAddress();
				}
				catch (MessagingException e) {
					throw new IllegalStateException("the cancellation of " + action.getIdempotencyKey() + " cannot be e-mailed: "
							+ e.getMessage(), e);
				}
			}
			case DEVICE -> {
				String topic = properties.deviceTopic().replace("{target}", action.getTarget());
				try {
					mqtt.publish(topic, JSON.createObjectNode().put("idempotencyKey", action.getIdempotencyKey())
						.put("kind", "CANCEL").put("reason", reason).toString());
				}
				catch (org.eclipse.paho.client.mqttv3.MqttException e) {
					throw new IllegalStateException("publishing the cancellation to " + topic + " failed: " + e.getMessage(), e);
				}
				return "cancel command published to " + topic;
			}
			default -> {
				return "work order withdrawn from Tasklist";
			}
		}
	}

	private Outcome application(ActionItem action) {
		String url = url(action.getAddress());
		String key = appsKey();
		String reference = http.post()
			.uri(url)
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", action.getIdempotencyKey())
			.header("X-Api-Key", key)
			.body(action.getPayload())
			.exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
				if (status.is4xxClientError()) {
					throw new ActionRejectedException(action.getAddress() + " refused " + action.getKind() + " " + action.getTarget()
							+ " with HTTP " + status.value() + ": " + body);
				}
				if (!status.is2xxSuccessful()) {
					throw new IllegalStateException(action.getAddress() + " answered HTTP " + status.value() + ": " + body);
				}
				return JSON.readTree(body).path("reference").asText(null);
			});
		ledger.dispatched(action.getId(), reference);
		return new Outcome(true, reference);
	}

	private String url(String application) {
		String configured = switch (application) {
			case "store-pos" -> properties.storePosUrl();
			case "carrier-booking" -> properties.carrierBookingUrl();
			default -> throw new ActionRejectedException("no application " + application + " is configured");
		};
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		return demoApplications("no URL for the application " + application + ": set SMARTOPS_"
				+ application.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL (the demo's applications are off)")
			.url(application);
	}

	private Outcome supplier(ActionItem action) {
		if (action.getDispatchedAt() != null) {
			log.info("purchase order {} was e-mailed already; not sent again", action.getIdempotencyKey());
			return new Outcome(false, action.getReference());
		}
		String to = action.getAddress();
		if (to == null || to.isBlank()) {
			throw new ActionRejectedException("supplier " + action.getTarget() + " has no e-mail address");
		}
		String subject = "Purchase order " + action.getIdempotencyKey();
		String body = purchaseOrderText(action);
		if (!properties.smtp()) {
			outbox.deliver(action.getId(), to, subject, body);
			return new Outcome(false, null);
		}
		try {
			send(action, to, subject, body);
			ledger.dispatched(action.getId(), "smtp:" + to);
			return new Outcome(false, "smtp:" + to);
		}
		catch (MessagingException | MailParseException e) {
			throw new ActionRejectedException("the purchase order to " + action.getTarget() + " cannot be addressed to '" + to
					+ "': " + e.getMessage());
		}
		catch (MailSendException e) {
			if (e.getFailedMessages().values().stream().anyMatch(f -> f instanceof jakarta.mail.SendFailedException)) {
				throw new ActionRejectedException("the mail server rejected the purchase order to " + to + ": " + e.getMessage());
			}
			throw e;
		}
	}

	/** Sends one e-mail about an action with Spring Mail, its idempotency key in a header. */
	private void send(ActionItem action, String to, String subject, String body) throws MessagingException {
		JavaMailSender sender = mail.getIfAvailable();
		if (sender == null) {
			throw new IllegalStateException("mail mode is smtp but spring.mail.host is not set");
		}
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
		helper.setFrom(properties.mailFrom());
		helper.setTo(InternetAddress.parse(to, true));
		helper.setSubject(subject);
		helper.setText(body);
		message.setHeader("X-SmartOps-Idempotency-Key", action.getIdempotencyKey());
		sender.send(message);
	}

	/** The key the applications expect in {@code X-Api-Key}. */
	private String appsKey() {
		if (properties.appsApiKey() != null && !properties.appsApiKey().isBlank()) {
			return properties.appsApiKey();
		}
		return demoApplications("no key for the applications: set SMARTOPS_APPS_API_KEY").apiKey();
	}

	/** The demo's applications, which stand in for what the configuration does not name; else the problem. */
	private ApplicationFallback demoApplications(String problem) {
		ApplicationFallback demo = fallback.getIfAvailable();
		if (demo == null) {
			throw new IllegalStateException(problem);
		}
		return demo;
	}

	String purchaseOrderText(ActionItem action) {
		StringBuilder text = new StringBuilder();
		try {
			ObjectNode payload = (ObjectNode) JSON.readTree(action.getPayload());
			text.append("Dear ").append(payload.path("supplierName").asText(action.getTarget())).append(",\n\n")
				.append("please deliver, for order period ").append(payload.path("orderPeriod").asInt()).append(":\n\n");
			payload.path("lines").forEach(l -> text.append(String.format(java.util.Locale.ROOT, "  %-4s %10.1f units to %s, arriving in period %d (offer %s)%n",
					l.path("product").asText(), l.path("quantity").asDouble(), l.path("warehouse").asText(),
					l.path("arrivalPeriod").asInt(), l.path("offer").asText())));
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException("action " + action.getId() + " has an unreadable payload", e);
		}
		text.append("\nOrder reference (quote it, it identifies this order uniquely): ").append(action.getIdempotencyKey())
			.append("\nConfirm this order: ").append(links.link(action.getIdempotencyKey())).append("\n");
		return text.toString();
	}

	private Outcome device(ActionItem action) {
		if (action.getDispatchedAt() != null) {
			log.info("pick list {} was published already; not sent again", action.getIdempotencyKey());
			return new Outcome(false, action.getReference());
		}
		String topic = properties.deviceTopic().replace("{target}", action.getTarget());
		try {
			ObjectNode message = (ObjectNode) JSON.readTree(action.getPayload());
			message.put("idempotencyKey", action.getIdempotencyKey()).put("kind", action.getKind());
			mqtt.publish(topic, message.toString());
		}
		catch (java.io.IOException | org.eclipse.paho.client.mqttv3.MqttException e) {
			throw new IllegalStateException("publishing " + action.getKind() + " to " + topic + " failed: " + e.getMessage(), e);
		}
		ledger.dispatched(action.getId(), "mqtt:" + topic);
		return new Outcome(false, "mqtt:" + topic);
	}
}

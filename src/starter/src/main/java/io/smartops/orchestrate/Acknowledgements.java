package io.smartops.orchestrate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import jakarta.annotation.PreDestroy;

import io.smartops.core.security.CurrentUser;
import io.smartops.core.web.ConflictException;

/**
 * Closes actions: records the acknowledgement (once; a redelivered one changes nothing) and
 * tells the action's process instance. An acknowledgement can arrive before the instance waits
 * for it (a device answers within milliseconds of the publish): the instance checks the record
 * before it waits, and the message is offered again for a few seconds. Rejections reported by a
 * channel (a bounce, an action-taker who cannot carry out a work order) are recorded with their
 * reason and go the same way as the message {@code ActionRejected}: the instance escalates the
 * action to its owner, and a work order leaves Tasklist. The message goes to the engine as the
 * system: the caller's right to close the action was checked by Smart Ops, and the engine's own
 * rights (an action-taker may not update an instance) are not the question here.
 */
@Service
public class Acknowledgements {

	private static final Logger log = LoggerFactory.getLogger(Acknowledgements.class);
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final int OFFERS = 20;

	private final ActionLedger ledger;
	private final RuntimeService runtime;
	private final MqttGateway mqtt;
	private final OrchestrateProperties properties;
	private final CurrentUser user;
	private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "smartops-ack-retry");
		t.setDaemon(true);
		return t;
	});

	Acknowledgements(ActionLedger ledger, RuntimeService runtime, MqttGateway mqtt, OrchestrateProperties properties,
			CurrentUser user) {
		this.user = user;
		this.ledger = ledger;
		this.runtime = runtime;
		this.mqtt = mqtt;
		this.properties = properties;
	}

	@EventListener(ApplicationReadyEvent.class)
	void subscribeDevices() throws Exception {
		if (mqtt.enabled()) {
			mqtt.subscribe(properties.deviceAckTopic(), this::deviceMessage);
			log.info("listening for device acknowledgements on {}", properties.deviceAckTopic());
		}
	}

	/** A device's acknowledgement: {@code {"idempotencyKey": "...", "status": "done"}}; anything else is logged and dropped. */
	void deviceMessage(String topic, String payload) {
		JsonNode ack;
		try {
			ack = JSON.readTree(payload);
		}
		catch (java.io.IOException e) {
			log.warn("dropped a device acknowledgement on {} that is not JSON: {}", topic, e.getMessage());
			return;
		}
		String key = ack.path("idempotencyKey").asText("");
		ledger.byKey(key).ifPresentOrElse(
				a -> acknowledge(a.getId(), "mqtt:" + topic + (ack.has("status") ? ":" + ack.get("status").asText() : "")),
				() -> log.warn("dropped a device acknowledgement on {} for unknown action key '{}'", topic, key));
	}

	public ActionItem acknowledge(String actionId, String reference) {
		ActionItem item = ledger.acknowledged(actionId, reference);
		offer(item.getProcessInstanceId(), OrchestrateActionProcess.MESSAGE_ACKNOWLEDGED, null, OFFERS);
		return item;
	}

	/**
	 * Records a channel's rejection of a dispatched action and tells its instance, which escalates
	 * it; 409 for an action that is not out with its channel (planned, or closed already). The record
	 * comes first, in a transaction of its own: if the node stops before the instance hears of it,
	 * the action stays REJECTED and the same rejection may be reported again.
	 */
	public ActionItem reject(String actionId, String reason) {
		ActionItem item = ledger.get(actionId);
		// a rejection recorded before a crash, whose message never reached the instance, may be reported again
		if (item.getStatus() != ActionItem.Status.DISPATCHED && item.getStatus() != ActionItem.Status.REJECTED) {
			throw new ConflictException("action " + actionId + " is " + item.getStatus().name().toLowerCase(Locale.ROOT)
					+ ": only an action out with its channel (dispatched) can be rejected");
		}
		ledger.end(actionId, ActionItem.Status.REJECTED, reason);
		offer(item.getProcessInstanceId(), OrchestrateActionProcess.MESSAGE_REJECTED, reason, OFFERS);
		return ledger.get(actionId);
	}

	private void offer(String processInstanceId, String message, String reason, int left) {
		if (processInstanceId == null) {
			log.warn("{}: the action has no process instance yet; its instance reads the record when it gets there", message);
			return;
		}
		user.as(null, List.of(), () -> {
			deliver(processInstanceId, message, reason, left);
			return null;
		});
	}

	/** Correlates once the instance waits for the message; until then, offers it again a little later. */
	private void deliver(String processInstanceId, String message, String reason, int left) {
		boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(processInstanceId)
			.eventType("message").eventName(message).count() > 0;
		if (!waiting) {
			notWaiting(processInstanceId, message, reason, left);
			return;
		}
		try {
			var correlation = runtime.createMessageCorrelation(message).processInstanceId(processInstanceId);
			if (reason != null) {
				correlation.setVariable(OrchestrateActionProcess.VAR_ESCALATION_REASON, reason);
			}
			correlation.correlateWithResult();
		}
		catch (MismatchingMessageCorrelationException movedOn) {
			// the instance moved on between the check and the correlation: an expected race
			notWaiting(processInstanceId, message, reason, left);
		}
		catch (RuntimeException e) {
			if (left > 1) {
				offerLater(processInstanceId, message, reason, left);
			}
			else {
				log.warn("{} for instance {} could not be delivered: {}", message, processInstanceId, e.getMessage());
			}
		}
	}

	/** The instance does not wait for the message (yet): offered again unless it ended or the offers ran out. */
	private void notWaiting(String processInstanceId, String message, String reason, int left) {
		boolean ended = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
		if (!ended && left > 1) {
			offerLater(processInstanceId, message, reason, left);
		}
		else if (!ended) {
			log.warn("{} for instance {}: the instance did not wait for it; it reads the record instead", message,
					processInstanceId);
		}
	}

	private void offerLater(String processInstanceId, String message, String reason, int left) {
		retries.schedule(() -> offer(processInstanceId, message, reason, left - 1), 250, TimeUnit.MILLISECONDS);
	}

	@PreDestroy
	void stop() {
		retries.shutdownNow();
	}
}

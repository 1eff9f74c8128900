package io.smartops.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.smartops.support.FormWording;
import io.smartops.SmartOpsTest;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.coordinate.CoordinatorHarness;
import io.smartops.coordinate.CoordinatorProcess;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.Channel;
import io.smartops.demo.DemoAppRequestRepository;
import io.smartops.plan.Plan;
import io.smartops.support.Api;
import io.smartops.support.TestServices;

/**
 * Sense and re-optimize against a plan in force: a change on a binding constraint re-plans and
 * orchestrates only the difference, keeping in-flight work pinned and people's work inside the
 * stability window; a change the plan's slack absorbs does not; bad events are refused or
 * dead-lettered; duplicates are ignored; a burst makes one re-plan.
 */
@SmartOpsTest
class SenseAndReplanTests extends CoordinatorHarness {

	@Autowired
	ReplanRepository replans;

	@Autowired
	SensedEventRepository events;

	@Autowired
	DeadLetterRepository deadLetters;

	@Autowired
	DemoAppRequestRepository appRequests;

	@Autowired
	Replanner replanner;

	@Autowired
	SensePipeline pipeline;

	@Autowired
	PlatformTransactionManager transactions;

	static String event(String id, String type, String subject, double value) {
		return "{\"id\": \"" + id + "\", \"source\": \"test\", \"type\": \"" + type + "\", \"subject\": \"" + subject
				+ "\", \"value\": " + value + ", \"observedAt\": \"" + Instant.now() + "\"}";
	}

	static String unique(String prefix) {
		return prefix + "-" + System.nanoTime();
	}

	@Test
	void aChangeOnABindingConstraintReplansKeepingPinnedAndHeldWorkAndOrchestratesOnlyTheDiff() {
		try (AgentWorkers workers = workers("sense-binding")) {
			String runId = planInForce();
			Map<String, ActionItem> before = ledger.inForce(runId).stream()
				.collect(Collectors.toMap(ActionItem::getId, a -> a));
			double oldMargin = runs.find(runId).orElseThrow().getMargin();

			Api.Response r = api().post("/smartops/api/sensors/events", event(unique("cap"), "carrier-capacity", "3PL-A", 1000));
			assertThat(r.status()).isEqualTo(201);
			assertThat(r.json().path("event").path("decision").asText()).isEqualTo("TRIGGERED");
			assertThat(r.json().path("event").path("touched")).extracting(com.fasterxml.jackson.databind.JsonNode::asText).contains("carrier-capacity[3PL-A,1]");

			driver().until(() -> replans.findByRunIdOrderByRequestedAt(runId).stream()
				.anyMatch(p -> p.getStatus().equals("APPLIED")));
			Replan replan = replans.findByRunIdOrderByRequestedAt(runId).get(0);
			FormWording.assertInWords("approve-replan", SensingDelegates.formVariables(replan));
			assertThat(replan.getStableMargin()).isGreaterThan(oldMargin);
			assertThat(replan.getPinnedActions()).isPositive();
			assertThat(replan.getHeldActions()).isPositive();
			assertThat(replan.getPeopleChangesStable()).isZero();
			assertThat(replan.getModified() + replan.getAdded() + replan.getCancelled()).isPositive();

			List<ActionItem> after = ledger.ofRun(runId);
			// pinned (in flight) and held (people, inside the window) actions of period 1 are untouched
			for (ActionItem a : before.values()) {
				if (a.getPeriod() == 1) {
					ActionItem now = ledger.get(a.getId());
					assertThat(now.inForce()).as(a.slot()).isTrue();
					assertThat(now.getPayload()).as(a.slot()).isEqualTo(a.getPayload());
				}
			}
			// only the difference is orchestrated: every new revision is for a later period and is dispatched
			List<ActionItem> revisions = after.stream().filter(a -> a.getIdempotencyKey().endsWith(replan.getRevision())).toList();
			assertThat(revisions).isNotEmpty().allSatisfy(a -> assertThat(a.getPeriod()).isGreaterThan(1));
			assertThat(revisions).extracting(ActionItem::slot).anyMatch(s -> s.startsWith("CARRIER_BOOKING/3PL-A/"));
			driver().until(() -> ledger.ofRun(runId).stream().filter(a -> a.getIdempotencyKey().endsWith(replan.getRevision()))
				.allMatch(a -> a.getDispatchedAt() != null));
			// a superseded booking was cancelled with the carrier's system
			after.stream().filter(a -> a.getStatus() == ActionItem.Status.SUPERSEDED && a.getChannel() == Channel.APPLICATION)
				.forEach(a -> driver().until(() -> appRequests.findById(a.getIdempotencyKey()).orElseThrow().getCancelledAt() != null));
			// the run's plan in force is the re-plan's
			assertThat(runs.find(runId).orElseThrow().getMargin()).isEqualTo(
					replan.getChoice().equals("STABLE") ? replan.getStableMargin() : replan.getUnconstrainedMargin());
			JsonNode trace = api().get("/smartops/api/replans/" + replan.getId()).json();
			assertThat(trace.path("triggers").asText()).contains("carrier-capacity of 3PL-A rises");
			assertThat(trace.path("changesByChannel").path("forPeople").isNumber()).isTrue();
		}
	}

	@Test
	void aChangeTheSlackAbsorbsIsRecordedWithItsReasonAndReplansNothing() {
		try (AgentWorkers workers = workers("sense-slack")) {
			String runId = planInForce();
			Plan plan = plan(runId);
			double used = plan.shipments().stream().filter(s -> s.carrier().equals("OWN") && s.period() == 1)
				.mapToDouble(Plan.Shipment::quantity).max().orElse(0);
			double maxUsed = java.util.stream.IntStream.rangeClosed(1, 3).mapToDouble(t -> plan.shipments().stream()
				.filter(s -> s.carrier().equals("OWN") && s.period() == t).mapToDouble(Plan.Shipment::quantity).sum()).max()
				.orElse(used);
			assertThat(maxUsed).isLessThan(900);
			double cut = (900 + maxUsed) / 2;
			Api.Response r = api().post("/smartops/api/sensors/events", event(unique("own"), "carrier-capacity", "OWN", cut));
			assertThat(r.status()).isEqualTo(201);
			assertThat(r.json().path("event").path("decision").asText()).isEqualTo("ABSORBED");
			assertThat(r.json().path("event").path("reason").asText()).contains("slack");
			driver().runDueJobs();
			assertThat(replans.findByRunIdOrderByRequestedAt(runId)).isEmpty();
		}
	}

	@Test
	void aBurstOfAHundredEventsMakesOneReplan() {
		try (AgentWorkers workers = workers("sense-burst")) {
			String runId = planInForce();
			for (int i = 0; i < 100; i++) {
				Api.Response r = api().post("/smartops/api/sensors/events",
						event(unique("burst" + i), "carrier-capacity", "3PL-A", 1000 + i));
				assertThat(r.json().path("event").path("decision").asText()).isEqualTo("TRIGGERED");
			}
			driver().until(() -> replans.findByRunIdOrderByRequestedAt(runId).stream()
				.anyMatch(p -> p.getStatus().equals("APPLIED")));
			driver().runDueJobs();
			assertThat(replans.findByRunIdOrderByRequestedAt(runId)).hasSize(1);
			assertThat(replans.findByRunIdOrderByRequestedAt(runId).get(0).getEventIds().split(",")).hasSize(100);
		}
	}

	@Test
	void aReplanWhoseJobRollsBackLeavesItsEventsPendingAndTheRetryAppliesOneReplan() {
		try (AgentWorkers workers = workers("sense-rollback")) {
			String runId = planInForce();
			String id = unique("cap");
			assertThat(api().post("/smartops/api/sensors/events", event(id, "carrier-capacity", "3PL-A", 1000)).status())
				.isEqualTo(201);
			// the re-plan job's transaction rolls back after the solve, as on a concurrent update of the coordinator
			new TransactionTemplate(transactions).executeWithoutResult(tx -> {
				assertThat(replanner.solve(runId)).isNotNull();
				tx.setRollbackOnly();
			});
			assertThat(replans.findByRunIdOrderByRequestedAt(runId)).isEmpty();
			assertThat(events.findById(id).orElseThrow().getReplanId()).isNull();

			driver().until(() -> replans.findByRunIdOrderByRequestedAt(runId).stream()
				.anyMatch(p -> p.getStatus().equals("APPLIED")));
			assertThat(replans.findByRunIdOrderByRequestedAt(runId)).hasSize(1);
			assertThat(events.findById(id).orElseThrow().getReplanId())
				.isEqualTo(replans.findByRunIdOrderByRequestedAt(runId).get(0).getId());
		}
	}

	@Test
	void aChangeStoredByANodeThatCrashedBeforeRequestingItsReplanIsReplannedByTheSweep() {
		try (AgentWorkers workers = workers("sense-sweep")) {
			String runId = planInForce();
			String id = unique("orphan");
			// what a node leaves when it stops between storing a change that matters and its debounced request
			SensorEvent change = SensorEvent.from(Map.of("id", id, "source", "test", "type", "carrier-capacity", "subject",
					"3PL-A", "value", 1000, "observedAt", Instant.now().toString()));
			events.saveAndFlush(new SensedEventRecord(change, "rest", runId, SensedEventRecord.Decision.TRIGGERED,
					"stored before a crash", java.util.List.of("carrier-capacity[3PL-A,1]")));
			pipeline.requestForgottenReplans(Instant.now().plusSeconds(1));
			driver().until(() -> replans.findByRunIdOrderByRequestedAt(runId).stream()
				.anyMatch(p -> p.getStatus().equals("APPLIED")));
			assertThat(events.findById(id).orElseThrow().getReplanId())
				.isEqualTo(replans.findByRunIdOrderByRequestedAt(runId).get(0).getId());
			// nothing is pending any more: a further sweep asks for nothing
			pipeline.requestForgottenReplans(Instant.now().plusSeconds(1));
			driver().runDueJobs();
			assertThat(replans.findByRunIdOrderByRequestedAt(runId)).hasSize(1);
		}
	}

	@Test
	void aMalformedEventIsRefusedWithEveryFieldNamedAndNothingIsStored() {
		Api.Response r = api().post("/smartops/api/sensors/events",
				"{\"id\": \"bad-1\", \"type\": \"weather\", \"subject\": \"\", \"value\": \"warm\", \"observedAt\": \"yesterday\"}");
		assertThat(r.status()).isEqualTo(400);
		JsonNode fields = r.json().path("fields");
		assertThat(fields.path("source").asText()).isEqualTo("is required");
		assertThat(fields.path("type").asText()).contains("'weather' is not one of");
		assertThat(fields.path("subject").asText()).isEqualTo("is required");
		assertThat(fields.path("value").asText()).contains("'warm' is not a finite number");
		assertThat(fields.path("observedAt").asText()).contains("not an ISO-8601 instant");
		assertThat(events.findById("bad-1")).isEmpty();
		assertThat(new Api(port, null, null).post("/smartops/api/sensors/events", event("x", "policy", "co2-cap", 1)).status())
			.isEqualTo(401);
	}

	@Test
	void aDuplicateEventIdIsIgnored() {
		String id = unique("dup");
		Api.Response first = api().post("/smartops/api/sensors/events", event(id, "policy", "carbon-price", 0.05));
		Api.Response second = api().post("/smartops/api/sensors/events", event(id, "policy", "carbon-price", 0.07));
		assertThat(first.status()).isEqualTo(201);
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().path("duplicate").asBoolean()).isTrue();
		assertThat(events.findById(id).orElseThrow().getValue()).isEqualTo(0.05);
	}

	@Test
	void aMalformedMqttPayloadIsDeadLetteredAndTheSubscriberKeepsGoing() throws Exception {
		MqttClient sensor = new MqttClient(TestServices.mqttUrl(), "sensor-" + System.nanoTime(), new MemoryPersistence());
		sensor.connect();
		try {
			String garbage = "not json " + System.nanoTime();
			sensor.publish("smartops/sensors/dock-1", new MqttMessage(garbage.getBytes(StandardCharsets.UTF_8)));
			sensor.publish("smartops/sensors/dock-1", new MqttMessage(
					"{\"id\": \"m1\", \"type\": \"stock-level\"}".getBytes(StandardCharsets.UTF_8)));
			String good = unique("mqtt");
			sensor.publish("smartops/sensors/dock-1", new MqttMessage(
					event(good, "policy", "carbon-price", 0.05).getBytes(StandardCharsets.UTF_8)));
			await().atMost(Duration.ofSeconds(10)).until(() -> events.findById(good).isPresent());
			assertThat(deadLetters.findTop200ByOrderByIdDesc()).anySatisfy(d -> {
				assertThat(d.getPayload()).isEqualTo(garbage);
				assertThat(d.getError()).startsWith("not a JSON object");
			});
			assertThat(deadLetters.findTop200ByOrderByIdDesc()).anySatisfy(d -> assertThat(d.getError()).contains("source is required"));
			assertThat(events.findById(good).orElseThrow().getChannel()).isEqualTo("mqtt:smartops/sensors/dock-1");
			assertThat(api().get("/smartops/api/sensors/dead-letters").json().findValuesAsText("payload")).contains(garbage);
		}
		finally {
			sensor.disconnect();
			sensor.close();
		}
	}

	/** A run approved and dispatched: its plan is the one in force, its coordinator waits. */
	String planInForce() {
		String runId = startRun("{}");
		driver().until(() -> !tasksOf(runId, CoordinatorProcess.TASK_APPROVE).isEmpty());
		submit(tasksOf(runId, CoordinatorProcess.TASK_APPROVE).get(0).getId(), "{\"approved\": {\"value\": true}}");
		driver().until(() -> {
			List<ActionItem> items = ledger.ofRun(runId);
			return !items.isEmpty() && items.size() == runs.find(runId).orElseThrow().getActionCount()
					&& items.stream().allMatch(a -> a.getDispatchedAt() != null);
		});
		return runId;
	}
}

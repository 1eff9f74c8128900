package io.smartops.orchestrate;

import io.smartops.support.FormWording;
import io.smartops.coordinate.ActionPlanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.demo.DemoAppRequestRepository;
import io.smartops.support.Api;
import io.smartops.support.EngineDriver;
import io.smartops.support.TestServices;

/**
 * One plan action through {@code orchestrate-action.bpmn} and its real channel: idempotent under a
 * forced retry of the dispatch, escalated to a person when the channel refuses it. A rejection
 * reported later does what it says on every channel: recorded with its reason, escalated to the
 * process owner, a work order withdrawn from Tasklist; an action that is not out with its channel
 * is refused with 409; no stack trace for the race between a rejection and the instance about to
 * wait for it.
 */
@SmartOpsTest
@ExtendWith(OutputCaptureExtension.class)
class OrchestrateActionTests {

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@Autowired
	HistoryService history;

	@Autowired
	ActionLedger ledger;

	@Autowired
	Acknowledgements acknowledgements;

	@Autowired
	DemoAppRequestRepository appRequests;

	EngineDriver driver() {
		return new EngineDriver(management, OrchestrateActionProcess.KEY).describedBy(runtime);
	}

	ActionItem action(Channel channel, String kind, String target, String address, String payload) {
		return action(channel, kind, target, null, address, payload);
	}

	ActionItem action(Channel channel, String kind, String target, String group, String address, String payload) {
		return ledger.create("t-" + UUID.randomUUID().toString().substring(0, 8),
				List.of(new ActionDraft(kind, target, 1, channel, group, address, payload))).get(0);
	}

	ProcessInstance orchestrate(ActionItem action) {
		return runtime.startProcessInstanceByKey(OrchestrateActionProcess.KEY, action.getRunId(),
				Map.of(OrchestrateActionProcess.VAR_ACTION_ID, action.getId()));
	}

	boolean waitingAt(ProcessInstance pi, String activity) {
		return runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 1
				&& runtime.getActiveActivityIds(pi.getId()).contains(activity);
	}

	boolean ended(ProcessInstance pi) {
		return runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0;
	}

	@Test
	void aSupplierOrderIsEmailedOnceEvenWhenItsDispatchIsForcedToRunAgain() {
		ActionItem order = action(Channel.SUPPLIER, ActionPlanner.PURCHASE_ORDER, "V1", "orders@northwind.example",
				"{\"supplier\":\"V1\",\"supplierName\":\"Northwind Foods\",\"orderPeriod\":1,\"lines\":[{\"offer\":\"V1-P1-W1\",\"product\":\"P1\",\"warehouse\":\"W1\",\"quantity\":40.0,\"arrivalPeriod\":2}]}");
		ProcessInstance pi = orchestrate(order);
		driver().until(() -> waitingAt(pi, "Gateway_WaitForAcknowledgement"));
		assertThat(TestServices.mailsFor(order.getIdempotencyKey())).hasSize(1);
		assertThat(ledger.get(order.getId()).getProcessInstanceId()).isEqualTo(pi.getId());

		// an operator restarts the dispatch in Cockpit, as after a suspected failure
		runtime.createProcessInstanceModification(pi.getId()).cancelAllForActivity("Gateway_WaitForAcknowledgement")
			.startBeforeActivity(OrchestrateActionProcess.TASK_DISPATCH).execute();
		driver().until(() -> waitingAt(pi, "Gateway_WaitForAcknowledgement"));
		assertThat(TestServices.mailsFor(order.getIdempotencyKey())).hasSize(1);

		acknowledgements.acknowledge(order.getId(), "test");
		driver().until(() -> ended(pi));
		assertThat(ledger.get(order.getId()).getStatus()).isEqualTo(ActionItem.Status.ACKNOWLEDGED);
	}

	@Test
	void aPriceChangeSentTwiceIsOneOrderInTheStorePos() {
		ActionItem change = action(Channel.APPLICATION, ActionPlanner.PRICE_CHANGE, "S1", "store-pos",
				"{\"store\":\"S1\",\"period\":1,\"prices\":[{\"product\":\"P1\",\"price\":15.0,\"newUnits\":90.0,\"committedUnits\":0.0}]}");
		ProcessInstance first = orchestrate(change);
		driver().until(() -> ended(first));
		// the dispatch is forced to run again: a second instance for the same action
		ledger.retry(change.getId());
		ProcessInstance second = orchestrate(change);
		driver().until(() -> ended(second));

		assertThat(appRequests.findById(change.getIdempotencyKey())).hasValueSatisfying(r -> {
			assertThat(r.getDeliveries()).isEqualTo(2);
			assertThat(r.getReference()).isEqualTo(ledger.get(change.getId()).getReference());
		});
		assertThat(appRequests.findAll().stream().filter(r -> r.getIdempotencyKey().equals(change.getIdempotencyKey())))
			.hasSize(1);
	}

	@Test
	void anActionTheApplicationRefusesIsEscalatedToTheProcessOwnerAndPodWithTheReason() {
		ActionItem change = action(Channel.APPLICATION, ActionPlanner.PRICE_CHANGE, "S9", "store-pos",
				"{\"store\":\"S9\",\"period\":1,\"prices\":[]}");
		ProcessInstance pi = orchestrate(change);
		driver().until(() -> waitingAt(pi, OrchestrateActionProcess.TASK_RESOLVE));

		Task resolve = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(resolve.getAssignee()).as("the process's owner").isEqualTo("olivia");
		assertThat(tasks.getIdentityLinksForTask(resolve.getId())).as("its pod").anySatisfy(l -> assertThat(l.getGroupId())
			.isEqualTo("smartops-operators"));
		assertThat((String) tasks.getVariable(resolve.getId(), OrchestrateActionProcess.VAR_ESCALATION_REASON))
			.contains("HTTP 422", "S9");
		assertThat(ledger.get(change.getId()).getStatus()).isEqualTo(ActionItem.Status.ESCALATED);

		tasks.complete(resolve.getId(), Map.of(OrchestrateActionProcess.VAR_RESOLUTION, "cancel"));
		assertThat(ended(pi)).isTrue();
		assertThat(ledger.get(change.getId()).getStatus()).isEqualTo(ActionItem.Status.CANCELLED);
	}

	@Test
	void aPurchaseOrderTheMailServerCannotAddressIsEscalatedNotLost() {
		ActionItem order = action(Channel.SUPPLIER, ActionPlanner.PURCHASE_ORDER, "V9", "no address at all",
				"{\"supplier\":\"V9\",\"orderPeriod\":1,\"lines\":[]}");
		ProcessInstance pi = orchestrate(order);
		driver().until(() -> waitingAt(pi, OrchestrateActionProcess.TASK_RESOLVE));
		assertThat((String) runtime.getVariable(pi.getId(), OrchestrateActionProcess.VAR_ESCALATION_REASON))
			.contains("no address at all");
	}

	@Test
	void aBounceReportedLaterEscalatesTheWaitingOrder() {
		ActionItem order = action(Channel.SUPPLIER, ActionPlanner.PURCHASE_ORDER, "V2", "po@contoso.example",
				"{\"supplier\":\"V2\",\"orderPeriod\":1,\"lines\":[]}");
		ProcessInstance pi = orchestrate(order);
		driver().until(() -> waitingAt(pi, "Gateway_WaitForAcknowledgement"));
		acknowledgements.reject(order.getId(), "550 mailbox unavailable");
		driver().until(() -> waitingAt(pi, OrchestrateActionProcess.TASK_RESOLVE));
		assertThat((String) runtime.getVariable(pi.getId(), OrchestrateActionProcess.VAR_ESCALATION_REASON))
			.contains("550 mailbox unavailable");
	}

	@Test
	void anOrderNotConfirmedInTimeIsEscalated() {
		ActionItem order = action(Channel.SUPPLIER, ActionPlanner.PURCHASE_ORDER, "V1", "orders@northwind.example",
				"{\"supplier\":\"V1\",\"orderPeriod\":1,\"lines\":[]}");
		ProcessInstance pi = orchestrate(order);
		driver().until(() -> waitingAt(pi, "Gateway_WaitForAcknowledgement"));
		// the acknowledgement timeout passes: its timer fires
		var timer = management.createJobQuery().processInstanceId(pi.getId()).timers().singleResult();
		assertThat(timer.getDuedate()).isAfter(new java.util.Date(System.currentTimeMillis() + 23 * 3600_000L));
		management.executeJob(timer.getId());
		assertThat(waitingAt(pi, OrchestrateActionProcess.TASK_RESOLVE)).isTrue();
		assertThat((String) runtime.getVariable(pi.getId(), OrchestrateActionProcess.VAR_ESCALATION_REASON))
			.isEqualTo("no acknowledgement within PT24H");
		assertThat(ledger.get(order.getId()).getStatus()).isEqualTo(ActionItem.Status.ESCALATED);
	}

	Api.Response reject(ActionItem action, String reason) {
		return new Api(port).post("/smartops/api/actions/" + action.getId() + "/rejection",
				"{\"reason\": \"" + reason + "\"}");
	}

	/** The action escalated with the reason, and its instance waiting for the owner's resolution. */
	void escalated(ActionItem action, ProcessInstance pi, String reason) {
		ActionItem now = ledger.get(action.getId());
		assertThat(now.getStatus()).isEqualTo(ActionItem.Status.ESCALATED);
		assertThat(now.getReason()).isEqualTo(reason);
		assertThat(runtime.getActiveActivityIds(pi.getId())).containsExactly("Task_ResolveEscalation");
		assertThat(runtime.getVariable(pi.getId(), OrchestrateActionProcess.VAR_ESCALATION_REASON)).isEqualTo(reason);
	}

	@Test
	void aRejectedWorkOrderLeavesTasklistAndIsEscalatedWithItsReason(CapturedOutput output) {
		ActionItem pick = action(Channel.OPERATOR, "pick-list", "W1", "warehouse-operators", null,
				"{\"picks\":[{\"product\":\"P1\",\"quantity\":4}]}");
		ProcessInstance pi = orchestrate(pick);
		driver().until(() -> waitingAt(pi, "Task_CarryOutWorkOrder"));
		assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CarryOutWorkOrder").count())
			.isEqualTo(1);
		FormWording.assertInWords("carry-out-work-order", tasks.getVariables(
				tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId()));

		Api.Response r = reject(pick, "forklift broken in W1");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().path("status").asText()).isEqualTo("ESCALATED");
		assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CarryOutWorkOrder").count())
			.isZero();
		escalated(pick, pi, "forklift broken in W1");
		FormWording.assertInWords("resolve-action-escalation", tasks.getVariables(
				tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId()));
		assertThat(output.getAll()).doesNotContain("MismatchingMessageCorrelationException").doesNotContain("ENGINE-16004");

		assertThat(reject(pick, "again").status()).isEqualTo(409);
	}

	@Test
	void aWorkOrderThatCannotBeDoneGoesToTheOwnerWithThePersonsReason() {
		ActionItem pick = action(Channel.OPERATOR, "PICK_LIST", "W3", "warehouse-operators", null,
				"{\"picks\":[{\"product\":\"P1\",\"store\":\"S1\",\"carrier\":\"3PL-A\",\"quantity\":12}]}");
		ProcessInstance pi = orchestrate(pick);
		driver().until(() -> waitingAt(pi, "Task_CarryOutWorkOrder"));
		String shown = FormWording.assertInWords("carry-out-work-order", tasks.getVariables(
				tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId()));
		assertThat(shown).contains("Pick list for warehouse W3, period 1", "| P1 | S1 | 3PL-A | 12 |");
		tasks.complete(tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
				Map.of("workOrderOutcome", "cannot", "workOrderProblem", "aisle 4 is closed"));
		ActionItem now = ledger.get(pick.getId());
		assertThat(now.getStatus()).isEqualTo(ActionItem.Status.ESCALATED);
		assertThat(now.getReason()).contains("could not carry it out: aisle 4 is closed");
		assertThat(runtime.getActiveActivityIds(pi.getId())).containsExactly("Task_ResolveEscalation");
	}

	@Test
	void aRejectionRecordedBeforeACrashCanBeReportedAgainAndIsEscalated() {
		ActionItem pick = action(Channel.OPERATOR, "PICK_LIST", "W4", "warehouse-operators", null,
				"{\"picks\":[{\"product\":\"P2\",\"store\":\"S2\",\"carrier\":\"OWN\",\"quantity\":3}]}");
		ProcessInstance pi = orchestrate(pick);
		driver().until(() -> waitingAt(pi, "Task_CarryOutWorkOrder"));
		// the node recorded the rejection and stopped before the instance heard of it
		ledger.end(pick.getId(), ActionItem.Status.REJECTED, "pallet damaged");
		assertThat(runtime.getActiveActivityIds(pi.getId())).containsExactly("Task_CarryOutWorkOrder");

		Api.Response again = reject(pick, "pallet damaged");
		assertThat(again.status()).as(again.body()).isEqualTo(200);
		escalated(pick, pi, "pallet damaged");
	}

	@Test
	void aSupplierBounceAfterDispatchIsEscalatedWithItsReason() {
		ActionItem order = action(Channel.SUPPLIER, ActionPlanner.PURCHASE_ORDER, "V1", "procurement-buyers",
				"orders@northwind.example",
				"{\"supplier\":\"V1\",\"supplierName\":\"Northwind Foods\",\"orderPeriod\":1,\"lines\":[{\"offer\":\"V1-P1-W1\",\"product\":\"P1\",\"warehouse\":\"W1\",\"quantity\":40.0,\"arrivalPeriod\":2}]}");
		ProcessInstance pi = orchestrate(order);
		driver().until(() -> waitingAt(pi, "Gateway_WaitForAcknowledgement"));
		Api.Response r = reject(order, "mailbox full");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		escalated(order, pi, "mailbox full");
	}

	@Test
	void aDeviceThatRefusesAPickListAfterThePublishIsEscalatedWithItsReason() {
		ActionItem pick = action(Channel.DEVICE, "pick-list", "W2", "warehouse-operators", null,
				"{\"picks\":[{\"product\":\"P2\",\"quantity\":2}]}");
		ProcessInstance pi = orchestrate(pick);
		driver().until(() -> waitingAt(pi, "Gateway_WaitForAcknowledgement"));
		Api.Response r = reject(pick, "robot offline");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		escalated(pick, pi, "robot offline");
	}

	@Test
	void anApplicationsActionIsAcknowledgedAtDispatchAndALaterRejectionIsRefused() {
		ActionItem change = action(Channel.APPLICATION, ActionPlanner.PRICE_CHANGE, "S1", null, "store-pos",
				"{\"store\":\"S1\",\"period\":1,\"prices\":[{\"product\":\"P1\",\"price\":15.0,\"newUnits\":90.0,\"committedUnits\":0.0}]}");
		ProcessInstance pi = orchestrate(change);
		driver().until(() -> runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0);
		Api.Response r = reject(change, "too late");
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.body()).contains("acknowledged");
		assertThat(ledger.get(change.getId()).getStatus()).isEqualTo(ActionItem.Status.ACKNOWLEDGED);
	}

	@Test
	void aPlannedActionCannotBeRejectedBeforeItIsSent() {
		ActionItem planned = action(Channel.SUPPLIER, ActionPlanner.PURCHASE_ORDER, "V2", "procurement-buyers",
				"orders@v2.example", "{\"lines\":[]}");
		Api.Response r = reject(planned, "not yet");
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.body()).contains("planned");
		assertThat(ledger.get(planned.getId()).getStatus()).isEqualTo(ActionItem.Status.PLANNED);
	}
}

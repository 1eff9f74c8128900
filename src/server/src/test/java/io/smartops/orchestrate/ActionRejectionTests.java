package io.smartops.orchestrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;
import io.smartops.coordinate.ActionPlanner;
import io.smartops.support.Api;
import io.smartops.support.EngineDriver;

/**
 * A rejection reported for an action does what it says on every channel: recorded with its
 * reason, escalated to the process owner, and a work order withdrawn from Tasklist; an action that
 * is not out with its channel any more is refused with 409. No stack trace for the race between a
 * rejection and the instance that is about to wait for it.
 */
@SmartOpsTest
@ExtendWith(OutputCaptureExtension.class)
class ActionRejectionTests {

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@Autowired
	ActionLedger ledger;

	EngineDriver driver() {
		return new EngineDriver(management, OrchestrateActionProcess.KEY).describedBy(runtime);
	}

	ActionItem action(Channel channel, String kind, String target, String group, String address, String payload) {
		return ledger.create("rej-" + UUID.randomUUID().toString().substring(0, 8),
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

		Api.Response r = reject(pick, "forklift broken in W1");
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().path("status").asText()).isEqualTo("ESCALATED");
		assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey("Task_CarryOutWorkOrder").count())
			.isZero();
		escalated(pick, pi, "forklift broken in W1");
		assertThat(output.getAll()).doesNotContain("MismatchingMessageCorrelationException").doesNotContain("ENGINE-16004");

		assertThat(reject(pick, "again").status()).isEqualTo(409);
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

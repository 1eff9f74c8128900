package io.smartops.coordinate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.SmartOpsTest;
import io.smartops.agent.worker.AgentWorkers;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.Channel;
import io.smartops.demo.DemoAppRequestRepository;
import io.smartops.orchestrate.OrchestrateActionProcess;
import io.smartops.plan.Plan;
import io.smartops.support.FormWording;
import io.smartops.support.Api;
import io.smartops.support.DeviceSimulator;
import io.smartops.support.TestServices;

/**
 * A coordinator run end to end with every channel real: the agents gather over the external-task
 * REST API, the optimizer plans, a person approves through the task API, and each action reaches
 * its action-taker — the demo store POS and carrier booking over HTTP, suppliers through a real
 * SMTP server (GreenMail) and their signed confirm links, the automated warehouse through a real
 * MQTT broker, operators in Tasklist — until the run is carried out.
 */
@SmartOpsTest
class CoordinatorEndToEndTests extends CoordinatorHarness {

	@Autowired
	DemoAppRequestRepository appRequests;

	@Test
	void aRunGathersOptimizesIsApprovedAndEveryActionReachesItsActionTaker() throws Exception {
		String runId;
		try (AgentWorkers workers = workers("e2e-coordinator"); DeviceSimulator device = new DeviceSimulator(TestServices.mqttUrl())) {
			runId = startRun("{}");
			driver().until(() -> !tasksOf(runId, CoordinatorProcess.TASK_APPROVE).isEmpty());

			// every part of the scenario came from its agent, with provenance
			JsonNode facts = api().get("/smartops/api/coordinator/runs/" + runId + "/facts").json();
			assertThat(facts.findValuesAsText("name")).contains("demand", "inventory", "supply:V1", "supply:V2", "supply:V3",
					"logistics", "policy", "objective");
			assertThat(facts.findValuesAsText("agentId")).contains("demand-gathering-forecast", "supply-offers-v3",
					"constraint-generation-policies", "objective-building-pnl");
			Plan plan = delegates.plan(runId);
			assertThat(plan.status()).isEqualTo(Plan.Status.OPTIMAL);
			assertThat(plan.pnl()).containsKey("handlingCost");

			// the approval form's figures, and approval through the task API
			Task approval = tasksOf(runId, CoordinatorProcess.TASK_APPROVE).get(0);
			Map<String, Object> form = tasks.getVariables(approval.getId());
			assertThat((String) form.get("pnlTable")).contains("Purchases from suppliers", "Handling cost", "**Operating margin**")
				.doesNotContain("purchaseCost", "handlingCost");
			// the lines add up to the optimizer's margin, and the form shows everything in words
			double lines = 0;
			for (String row : ((String) form.get("pnlTable")).split("\n")) {
				java.util.regex.Matcher amount = java.util.regex.Pattern.compile("^\\| [^*|][^|]* \\| ([+−])([\\d,.]+) \\|")
					.matcher(row);
				if (amount.find()) {
					lines += (amount.group(1).equals("−") ? -1 : 1) * Double.parseDouble(amount.group(2).replace(",", ""));
				}
			}
			assertThat(lines).isCloseTo(plan.margin(), org.assertj.core.data.Offset.offset(0.05));
			assertThat((String) form.get("pnlTable")).contains(
					"**Operating margin** | **+" + String.format(java.util.Locale.ROOT, "%,.2f", plan.margin()) + "**");
			String shown = FormWording.assertInWords("approve-operating-plan", form);
			assertThat(shown).contains("Purchase orders to suppliers", "Carrier", "months of sales history");
			assertThat((String) form.get("approvalReason")).contains("actions for people");
			assertThat(form.get("marginText")).isNotNull();
			submit(approval.getId(), "{\"approved\": {\"value\": true}, \"approvalComment\": {\"value\": \"go\"}}");

			// fan-out: one orchestrate-action instance per action the plan asks for
			int expected = delegates.drafts(plan).size();
			driver().until(() -> ledger.ofRun(runId).size() == expected
					&& ledger.ofRun(runId).stream().allMatch(a -> a.getDispatchedAt() != null));
			List<ActionItem> actions = ledger.ofRun(runId);
			assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey(OrchestrateActionProcess.KEY)
				.processInstanceBusinessKey(runId).count()).isEqualTo(expected);
			assertThat(actions).extracting(ActionItem::getChannel).contains(Channel.APPLICATION, Channel.SUPPLIER,
					Channel.DEVICE, Channel.OPERATOR);

			// applications answered at once; each request arrived once per key
			driver().until(() -> ledger.ofRun(runId).stream().filter(a -> a.getChannel() == Channel.APPLICATION)
				.allMatch(a -> a.getStatus() == ActionItem.Status.ACKNOWLEDGED));
			for (ActionItem a : of(actions, Channel.APPLICATION)) {
				assertThat(appRequests.findById(a.getIdempotencyKey())).hasValueSatisfying(r -> {
					assertThat(r.getDeliveries()).isEqualTo(1);
					assertThat(r.getReference()).isEqualTo(ledger.get(a.getId()).getReference());
				});
			}

			// the automated warehouse took its pick lists by MQTT and acknowledged them
			driver().until(() -> of(ledger.ofRun(runId), Channel.DEVICE).stream()
				.allMatch(a -> a.getStatus() == ActionItem.Status.ACKNOWLEDGED));
			assertThat(device.received().keySet()).containsAll(of(actions, Channel.DEVICE).stream()
				.map(ActionItem::getIdempotencyKey).toList());

			// suppliers got one e-mail each and confirm with its link
			for (ActionItem a : of(actions, Channel.SUPPLIER)) {
				List<MimeMessage> mails = TestServices.mailsFor(a.getIdempotencyKey());
				assertThat(mails).hasSize(1);
				assertThat(mails.get(0).getAllRecipients()[0].toString()).isEqualTo(a.getAddress());
				Matcher link = Pattern.compile("(http://\\S+/smartops/actions/confirm\\S+)")
					.matcher(GreenMailUtil.getBody(mails.get(0)).replace("=\r\n", "").replace("=3D", "="));
				assertThat(link.find()).isTrue();
				assertThat(new Api(port, null, null).get(link.group(1)).status()).isEqualTo(200);
			}

			// operators complete their work orders in Tasklist
			driver().until(() -> history.createHistoricProcessInstanceQuery().processDefinitionKey(OrchestrateActionProcess.KEY)
				.processInstanceBusinessKey(runId).unfinished().count() == of(ledger.ofRun(runId), Channel.OPERATOR).size());
			for (Task workOrder : tasks.createTaskQuery().processDefinitionKey(OrchestrateActionProcess.KEY)
				.processInstanceBusinessKey(runId).taskDefinitionKey(OrchestrateActionProcess.TASK_WORK_ORDER).list()) {
				assertThat((String) tasks.getVariable(workOrder.getId(), OrchestrateActionProcess.VAR_ACTION_SUMMARY))
					.containsAnyOf("Pick list for warehouse", "Dispatch of the own fleet");
				submit(workOrder.getId(), "{\"workOrderNote\": {\"value\": \"done\"}}");
			}

			driver().until(() -> runs.find(runId).orElseThrow().getStatus() == PlanningRun.Status.COMPLETED);
		}
		PlanningRun run = runs.find(runId).orElseThrow();
		assertThat(ledger.ofRun(runId)).allSatisfy(a -> assertThat(a.getStatus()).isEqualTo(ActionItem.Status.ACKNOWLEDGED));
		assertThat(run.getApproval()).isEqualTo("PERSON");
		assertThat(run.getApprovedBy()).isEqualTo("demo");
		assertThat(run.isCurrent()).isTrue();
		assertThat(run.getDataCost()).isGreaterThan(0);
		JsonNode view = api().get("/smartops/api/coordinator/runs/" + runId).json();
		assertThat(view.path("stages").path("dispatchMillis").isNumber()).isTrue();
		assertThat(ActionPlanner.anyForPeople(delegates.drafts(delegates.plan(runId)))).isTrue();
	}

	static List<ActionItem> of(List<ActionItem> actions, Channel channel) {
		return actions.stream().filter(a -> a.getChannel() == channel).toList();
	}
}

package io.smartops.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.support.FormWording;
import io.smartops.SmartOpsTest;
import io.smartops.core.execution.TaskExecution;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;
import io.smartops.core.execution.TaskExecutionRepository;

/**
 * The sales process as deployed from {@code processes/}, walked with camunda-bpm-assert. Agent
 * steps are completed through the external task API, as an agent worker would.
 */
@SmartOpsTest
class SalesOperationsProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ExternalTaskService externalTasks;

	@Autowired
	CustomerRepository customers;

	@Autowired
	TaskExecutionRepository executions;

	@Autowired
	io.smartops.agent.AgentLibrary library;

	@Autowired
	io.smartops.agent.builtin.BuiltinAgents builtins;

	@BeforeEach
	void init() {
		BpmnAwareTests.init(engine);
		builtins.register(library);
	}

	static Map<String, Object> lead(String company, String email, String country, Integer employees) {
		Map<String, Object> v = new HashMap<>();
		v.put("companyName", company);
		v.put("contactName", "Pat Doe");
		v.put("email", email);
		v.put("country", country);
		v.put("employees", employees);
		return v;
	}

	ProcessInstance receive(Map<String, Object> lead) {
		return runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED).setVariables(lead).correlateStartMessage();
	}

	/** Completes the instance's routed agent task of the capability, as the chosen agent would. */
	void agentCompletes(ProcessInstance pi, String capability, Map<String, Object> output) {
		String id = lockedTaskOf(pi, capability);
		externalTasks.complete(id, "test-agent", output);
	}

	/**
	 * Runs the agent task's asynchronous routing step, then locks the routed task: it waits on the
	 * topic of the agent the library chose for the capability.
	 */
	String lockedTaskOf(ProcessInstance pi, String capability) {
		execute(BpmnAwareTests.jobQuery().processInstanceId(pi.getId()).singleResult());
		ExternalTask task = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(task.getTopicName()).as("routed topic").startsWith("agent." + capability + ".");
		externalTasks.lock(task.getId(), "test-agent", 10_000);
		return task.getId();
	}

	ProcessInstance reachReview(String company, String email, String country, int employees) {
		ProcessInstance pi = receive(lead(company, email, country, employees));
		assertThat(pi).isWaitingAt(SalesProcess.TASK_ENRICH_COMPANY);
		agentCompletes(pi, SalesProcess.CAPABILITY_COMPANY_ENRICHMENT, Map.of("industry", "Manufacturing"));
		agentCompletes(pi, SalesProcess.CAPABILITY_LEAD_SCORING, Map.of("leadScore", 0.82));
		agentCompletes(pi, SalesProcess.CAPABILITY_PROPOSAL_DRAFTING, Map.of("proposal", "Dear Pat, ..."));
		assertThat(pi).isWaitingAt(SalesProcess.TASK_REVIEW_PROPOSAL);
		return pi;
	}

	@Test
	void approvedProposalRegistersTheCustomerAndRecordsEveryTask() {
		ProcessInstance pi = reachReview("Globex  Corporation ", "Hank@Globex.example", "de", 5000);

		assertThat(pi).hasVariables("territory", "owner", "candidateGroup");
		assertThat(task()).hasCandidateGroup("sales-emea-enterprise");
		assertThat(pi).variables().containsEntry("email", "hank@globex.example").containsEntry("country", "DE")
			.containsEntry("companyName", "Globex Corporation").containsEntry("region", "EMEA");
		complete(task(), withVariables("reviewDecision", "approve", "proposal", "Dear Pat, edited"));

		assertThat(pi).isEnded().hasPassed(SalesProcess.TASK_REGISTER_CUSTOMER).hasPassed(SalesProcess.END_PROPOSAL_ACCEPTED);
		assertThat(customers.findByEmailDomain("globex.example")).hasSize(1);

		List<TaskExecution> recorded = executions.findByProcessInstanceIdOrderByStartedAt(pi.getId());
		assertThat(recorded).extracting(TaskExecution::getActivityId)
			.containsExactlyInAnyOrder(SalesProcess.TASK_VALIDATE_LEAD, SalesProcess.TASK_DEDUPLICATE_LEAD,
					SalesProcess.TASK_ASSIGN_TERRITORY, SalesProcess.TASK_ENRICH_COMPANY, SalesProcess.TASK_SCORE_LEAD,
					SalesProcess.TASK_DRAFT_PROPOSAL, SalesProcess.TASK_REVIEW_PROPOSAL, SalesProcess.TASK_REGISTER_CUSTOMER);
		assertThat(recorded).allSatisfy(e -> {
			assertThat(e.getOutcome()).isEqualTo(Outcome.COMPLETED);
			assertThat(e.getDurationMillis()).isNotNull().isGreaterThanOrEqualTo(0);
			assertThat(e.getEndedAt()).isAfterOrEqualTo(e.getStartedAt());
		});
		assertThat(kindOf(recorded, SalesProcess.TASK_VALIDATE_LEAD)).isEqualTo(ExecutorKind.AUTOMATION);
		assertThat(kindOf(recorded, SalesProcess.TASK_ASSIGN_TERRITORY)).isEqualTo(ExecutorKind.AUTOMATION);
		assertThat(kindOf(recorded, SalesProcess.TASK_SCORE_LEAD)).isEqualTo(ExecutorKind.AGENT);
		assertThat(kindOf(recorded, SalesProcess.TASK_REVIEW_PROPOSAL)).isEqualTo(ExecutorKind.HUMAN);
	}

	private static ExecutorKind kindOf(List<TaskExecution> recorded, String activityId) {
		return recorded.stream().filter(e -> e.getActivityId().equals(activityId)).findFirst().orElseThrow().getExecutorKind();
	}

	@Test
	void rejectedProposalEndsWithoutACustomer() {
		ProcessInstance pi = reachReview("Initech", "bill@initech.example", "US", 200);
		assertThat(task()).hasCandidateGroup("sales-americas");
		FormWording.assertInWords("review-proposal", taskService().getVariables(task().getId()));
		complete(task(), withVariables("reviewDecision", "reject"));
		assertThat(pi).isEnded().hasPassed(SalesProcess.END_PROPOSAL_REJECTED);
		assertThat(customers.findByEmailDomain("initech.example")).isEmpty();
	}

	@Test
	void badLeadDataGoesToAPersonAndIsValidatedAgain() {
		ProcessInstance pi = receive(lead("Umbrella", "not-an-email", "JP", 40));

		assertThat(pi).isWaitingAt(SalesProcess.TASK_FIX_LEAD_DATA);
		assertThat(task()).hasCandidateGroup("sales-data-stewards");
		assertThat((String) runtime.getVariable(pi.getId(), "leadErrors")).contains("e-mail");
		FormWording.assertInWords("fix-lead-data", taskService().getVariables(task().getId()));
		List<TaskExecution> recorded = executions.findByProcessInstanceIdOrderByStartedAt(pi.getId());
		assertThat(recorded.get(0).getActivityId()).isEqualTo(SalesProcess.TASK_VALIDATE_LEAD);
		assertThat(recorded.get(0).getOutcome()).isEqualTo(Outcome.BPMN_ERROR);

		complete(task(), withVariables("email", "ada@umbrella.example"));

		assertThat(pi).isWaitingAt(SalesProcess.TASK_ENRICH_COMPANY).hasNotPassed(SalesProcess.END_DUPLICATE_LEAD);
		assertThat(pi).variables().doesNotContainKey("leadErrors").containsEntry("region", "APAC");
	}

	@Test
	void leadFromAnExistingCustomerIsAttachedToIt() {
		Customer existing = customers.save(new Customer("Soylent Corp", "soylent.example", "FR"));

		ProcessInstance pi = receive(lead("Soylent Green Foods", "mia@soylent.example", "FR", 120));

		assertThat(pi).isEnded().hasPassed(SalesProcess.TASK_ATTACH_TO_CUSTOMER, SalesProcess.END_DUPLICATE_LEAD)
			.hasNotPassed(SalesProcess.TASK_ASSIGN_TERRITORY);
		assertThat(pi).variables().containsEntry("duplicate", true).containsEntry("customerId", existing.getId());
		assertThat(customers.findById(existing.getId()).orElseThrow().getLeadCount()).isEqualTo(2);
	}

	@Test
	void lowScoreDisqualifiesTheLead() {
		ProcessInstance pi = receive(lead("Tiny Shop", "joe@tinyshop.example", "GB", 3));
		agentCompletes(pi, SalesProcess.CAPABILITY_COMPANY_ENRICHMENT, Map.of("industry", "Retail"));
		agentCompletes(pi, SalesProcess.CAPABILITY_LEAD_SCORING, Map.of("leadScore", 0.1));
		assertThat(pi).isEnded().hasPassed(SalesProcess.END_LEAD_DISQUALIFIED).hasNotPassed(SalesProcess.TASK_DRAFT_PROPOSAL);
	}

	@Test
	void reviewPastItsSlaIsEscalatedToTheProcessOwner() {
		ProcessInstance pi = reachReview("Hooli", "gavin@hooli.example", "US", 20000);
		assertThat(job().getDuedate()).isAfter(java.util.Date.from(java.time.Instant.now().plusSeconds(4 * 3600 - 60)));

		execute(job());

		assertThat(pi).isWaitingAt(SalesProcess.TASK_REVIEW_PROPOSAL, SalesProcess.TASK_CHASE_OVERDUE_REVIEW);
		assertThat(task(SalesProcess.TASK_CHASE_OVERDUE_REVIEW)).isAssignedTo("olivia");
		FormWording.assertInWords("chase-overdue-review",
				taskService().getVariables(task(SalesProcess.TASK_CHASE_OVERDUE_REVIEW).getId()));
		complete(task(SalesProcess.TASK_CHASE_OVERDUE_REVIEW));
		complete(task(SalesProcess.TASK_REVIEW_PROPOSAL), withVariables("reviewDecision", "approve"));
		assertThat(pi).isEnded();
	}

	@Test
	void anAgentTaskOutOfRetriesIsRecordedAsAnIncident() {
		ProcessInstance pi = receive(lead("Vandelay", "art@vandelay.example", "US", 50));
		String id = lockedTaskOf(pi, SalesProcess.CAPABILITY_COMPANY_ENRICHMENT);

		externalTasks.handleFailure(id, "test-agent", "reference data unavailable", 0, 0);

		assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count()).isEqualTo(1);
		TaskExecution enrich = executions.findByProcessInstanceIdOrderByStartedAt(pi.getId()).stream()
			.filter(e -> e.getActivityId().equals(SalesProcess.TASK_ENRICH_COMPANY)).findFirst().orElseThrow();
		assertThat(enrich.getOutcome()).isEqualTo(Outcome.INCIDENT);
		assertThat(enrich.getEndedAt()).isNull();
	}
}

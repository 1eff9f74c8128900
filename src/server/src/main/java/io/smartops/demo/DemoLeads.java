package io.smartops.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;

import io.smartops.agent.ShadowRunProcess;
import io.smartops.agent.builtin.ReferenceDataEnricher;
import io.smartops.demo.sales.SalesProcess;

/**
 * The leads of the demo's history: each arrives with made-up or reference-data company details (a
 * few with a broken address) and runs through {@code sales-operations} step by step, its jobs
 * executed, its agent steps and their shadows' copies worked by {@link DemoAgentSteps}, its tasks by
 * {@link DemoPeople}.
 */
final class DemoLeads {

	private final RuntimeService runtime;
	private final TaskService tasks;
	private final ExternalTaskService externalTasks;
	private final ManagementService management;
	private final DemoAgentSteps agents;
	private final DemoPeople people;
	private final DemoClock clock;
	private final List<String[]> companies = companies();

	DemoLeads(ProcessEngine engine, DemoAgentSteps agents, DemoPeople people, DemoClock clock) {
		this.runtime = engine.getRuntimeService();
		this.tasks = engine.getTaskService();
		this.externalTasks = engine.getExternalTaskService();
		this.management = engine.getManagementService();
		this.agents = agents;
		this.people = people;
		this.clock = clock;
	}

	/** One lead from its arrival to its end (or, for a recent one, as far as the review); returns the steps taken. */
	int run(int n, long arrival, boolean recent) {
		clock.at(arrival);
		String businessKey = "demo-lead-" + n;
		Map<String, Object> lead = new HashMap<>();
		boolean broken = clock.nextDouble() < 0.06;
		// three leads in ten come from the companies of the reference data (enriched, often customers already)
		String[] known = clock.nextDouble() < 0.3 ? companies.get(clock.nextInt(companies.size())) : null;
		String domain = known != null ? known[0] : "company" + n + ".example";
		lead.put(SalesProcess.VAR_COMPANY_NAME, known != null ? known[1] : "Company " + n);
		lead.put(SalesProcess.VAR_CONTACT_NAME, "Contact " + n);
		lead.put(SalesProcess.VAR_EMAIL, broken ? "contact" + n + "-at-" + domain : "contact" + n + "@" + domain);
		lead.put(SalesProcess.VAR_COUNTRY, List.of("DE", "FR", "GB", "US", "BR", "JP", "IN", "NL").get(clock.nextInt(8)));
		if (clock.nextDouble() < 0.85) {
			lead.put(SalesProcess.VAR_EMPLOYEES, known != null ? Integer.parseInt(known[3])
					: (int) Math.round(Math.exp(2 + clock.nextDouble() * 7)));
		}
		lead.put(SalesProcess.VAR_SOURCE, List.of("web", "event", "referral").get(clock.nextInt(3)));
		ProcessInstance pi = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
			.processInstanceBusinessKey(businessKey).setVariables(lead).correlateStartMessage();
		int steps = 1;
		for (int guard = 0; guard < 20; guard++) {
			if (runtime.createProcessInstanceQuery().processInstanceId(pi.getId()).count() == 0) {
				return steps;
			}
			Job job = management.createJobQuery().processInstanceId(pi.getId()).messages().singleResult();
			if (job != null) {
				management.executeJob(job.getId());
				steps++;
				continue;
			}
			ExternalTask agentTask = externalTasks.createExternalTaskQuery().processInstanceId(pi.getId()).singleResult();
			if (agentTask != null) {
				agents.work(agentTask, businessKey);
				steps++;
				// the shadows of the task work on their copies of its inputs
				for (ProcessInstance shadowRun : runtime.createProcessInstanceQuery()
					.processDefinitionKey(ShadowRunProcess.KEY).processInstanceBusinessKey(pi.getId()).list()) {
					for (ExternalTask shadowTask : externalTasks.createExternalTaskQuery()
						.processInstanceId(shadowRun.getId()).notLocked().list()) {
						if (agents.serves(shadowTask.getTopicName())) {
							agents.work(shadowTask, pi.getId());
						}
					}
				}
				continue;
			}
			Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
			if (task == null || (recent && SalesProcess.TASK_REVIEW_PROPOSAL.equals(task.getTaskDefinitionKey()))) {
				return steps;
			}
			people.work(task, pi);
			steps++;
		}
		return steps;
	}

	/**
	 * The companies of the reference data the enrichment agent knows (domain, name, industry,
	 * employees, city), except the one of the README's example lead: that lead should still reach
	 * review on the demo rather than find its company a customer already.
	 */
	static List<String[]> companies() {
		return ReferenceDataEnricher.companies().stream().filter(f -> !f[0].equals(DemoHistory.README_EXAMPLE_DOMAIN)).toList();
	}

}

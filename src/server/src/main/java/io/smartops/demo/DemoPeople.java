package io.smartops.demo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;

import io.smartops.demo.sales.SalesProcess;

/**
 * The people of the demo's history: someone of the task's group (or its assignee) claims it after
 * a realistic wait and completes it after the work; they fix most broken leads, judge scores and
 * proposals about as the leads turn out (as leads like them did in the shipped history), rewrite
 * some proposals, and let a few reviews pass their SLA.
 */
final class DemoPeople {

	private final RuntimeService runtime;
	private final TaskService tasks;
	private final ManagementService management;
	private final DemoLeadOutcomes outcomes = new DemoLeadOutcomes();
	private final DemoClock clock;

	DemoPeople(ProcessEngine engine, DemoClock clock) {
		this.runtime = engine.getRuntimeService();
		this.tasks = engine.getTaskService();
		this.management = engine.getManagementService();
		this.clock = clock;
	}

	/** A person of the task's group (or its assignee) claims it after a wait and completes it after the work. */
	void work(Task task, ProcessInstance pi) {
		String activity = task.getTaskDefinitionKey();
		String group = tasks.getIdentityLinksForTask(task.getId()).stream()
			.filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
			.map(IdentityLink::getGroupId).findFirst().orElse(null);
		long wait;
		long work;
		Map<String, Object> result = new HashMap<>();
		switch (activity) {
			case SalesProcess.TASK_FIX_LEAD_DATA -> {
				wait = (long) clock.lognormal(4 * DemoClock.HOUR, 0.9);
				work = (long) clock.lognormal(6 * DemoClock.MINUTE, 0.5);
				String email = (String) runtime.getVariable(pi.getId(), SalesProcess.VAR_EMAIL);
				// one fix in six still leaves the address broken: the lead comes back (rework)
				result.put(SalesProcess.VAR_EMAIL, clock.nextDouble() < 0.17 ? email : email.replace("-at-", "@"));
			}
			case SalesProcess.TASK_CHECK_LEAD_SCORE -> {
				wait = (long) clock.lognormal(2 * DemoClock.HOUR, 0.8);
				work = (long) clock.lognormal(8 * DemoClock.MINUTE, 0.6);
				// the person judges the lead about as it will turn out, give or take
				double judged = winRate(pi) + 0.1 * clock.gaussian();
				result.put(SalesProcess.VAR_LEAD_SCORE, Math.round(Math.min(1, Math.max(0, judged)) * 100) / 100.0);
			}
			case SalesProcess.TASK_REVIEW_PROPOSAL -> {
				wait = (long) clock.lognormal(9 * DemoClock.HOUR, 1.1);
				work = (long) clock.lognormal(25 * DemoClock.MINUTE, 0.6);
				boolean approve = clock.nextDouble() < winRate(pi);
				result.put(SalesProcess.VAR_REVIEW_DECISION, approve ? SalesProcess.DECISION_APPROVE
						: SalesProcess.DECISION_REJECT);
				if (clock.nextDouble() < 0.35) {
					result.put(SalesProcess.VAR_PROPOSAL, runtime.getVariable(pi.getId(), SalesProcess.VAR_PROPOSAL)
							+ "\n\nP.S. We would be glad to show you a live demo.");
				}
			}
			default -> {
				wait = (long) clock.lognormal(DemoClock.HOUR, 0.7);
				work = (long) clock.lognormal(10 * DemoClock.MINUTE, 0.5);
			}
		}
		long created = task.getCreateTime().getTime();
		fireTimersDueBefore(pi, created + wait);
		clock.at(Math.max(clock.now(), created + wait));
		String person = task.getAssignee() != null ? task.getAssignee() : personOf(group);
		if (task.getAssignee() == null) {
			tasks.claim(task.getId(), person);
		}
		clock.at(clock.now() + work);
		tasks.complete(task.getId(), result);
	}

	/** How likely the lead of this instance is to win, as leads like it did in the shipped history. */
	private double winRate(ProcessInstance pi) {
		Map<String, Object> v = runtime.getVariables(pi.getId(),
				List.of(SalesProcess.VAR_EMPLOYEES, SalesProcess.VAR_INDUSTRY, SalesProcess.VAR_SOURCE));
		return outcomes.winRate(v.get(SalesProcess.VAR_EMPLOYEES), v.get(SalesProcess.VAR_INDUSTRY),
				v.get(SalesProcess.VAR_SOURCE));
	}

	/** Fires the timers (the review's SLA) that fall due before {@code until}: the clock passes them. */
	private void fireTimersDueBefore(ProcessInstance pi, long until) {
		for (Job timer : management.createJobQuery().processInstanceId(pi.getId()).timers().list()) {
			if (timer.getDuedate() != null && timer.getDuedate().getTime() < until) {
				clock.at(timer.getDuedate().getTime());
				management.executeJob(timer.getId());
				Task chase = tasks.createTaskQuery().processInstanceId(pi.getId())
					.taskDefinitionKey(SalesProcess.TASK_CHASE_OVERDUE_REVIEW).singleResult();
				if (chase != null) {
					clock.at(clock.now() + (long) clock.lognormal(DemoClock.HOUR, 0.6));
					clock.at(clock.now() + (long) clock.lognormal(10 * DemoClock.MINUTE, 0.5));
					tasks.complete(chase.getId());
				}
			}
		}
	}

	private String personOf(String group) {
		String team = group == null ? "sales" : group.replace("sales-", "");
		return team + "-" + (1 + clock.nextInt(3));
	}

}

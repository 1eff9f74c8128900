package io.smartops.demo;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.externaltask.LockedExternalTask;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentCall;
import io.smartops.agent.AgentCallReport;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.ShadowRunProcess;
import io.smartops.agent.ShadowRuns;
import io.smartops.agent.builtin.MlLeadScorer;
import io.smartops.agent.builtin.ReferenceDataEnricher;
import io.smartops.agent.lifecycle.AgentPromotions;
import io.smartops.core.web.ConflictException;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.demo.sales.SalesProcess;

/**
 * The demo's history: months of {@code sales-operations} instances run through the real engine on
 * a controlled clock ({@link ClockUtil}) before anything else starts, so that the process
 * insights have something to say from the first minute. Leads arrive on working days; the
 * library's own agents do the agent steps (their real handlers on the real inputs; latencies drawn
 * around each agent's expected latency, a few calls fail and are retried); people claim and
 * complete their tasks after realistic waits, rewrite some proposals, and let a few reviews pass
 * their SLA. The engine, its history and the task-execution records see every step as it would
 * happen. Done once per database (a cluster claim); off unless {@code smartops.demo.history.enabled}.
 * <p>
 * The controlled clock is the engine's, global to the JVM, so the seeding runs while nothing else
 * can use the engine: as a lifecycle step just before the web server opens its port, before the
 * scheduled tasks, the job executor (paused if it is already running) and the agent workers start.
 */
@Component
@ConditionalOnProperty(name = "smartops.demo.history.enabled", havingValue = "true")
class DemoHistory implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

	static final String CLAIM = "demo-history";
	static final String WORKER = "demo-history";
	static final String README_EXAMPLE_DOMAIN = "globex.example";
	private static final long MINUTE = 60_000;
	private static final long HOUR = 60 * MINUTE;

	private final ProcessEngine engine;
	private final RuntimeService runtime;
	private final TaskService tasks;
	private final ExternalTaskService externalTasks;
	private final ManagementService management;
	private final List<AgentProvider> providers;
	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final ClusterClaims claims;
	private final DemoHistoryProperties properties;
	private final SplittableRandom random;
	private final Map<String, AgentHandler> handlers = new HashMap<>();
	/** The library's agents by topic: nothing registers or changes one while the history is seeded. */
	private final Map<String, Agent> byTopic = new HashMap<>();
	private final List<String[]> companies = companies();
	private final DemoLeadOutcomes outcomes = new DemoLeadOutcomes();
	private final ShadowRuns shadowRuns;
	private final AgentPromotions promotions;
	private long now;

	DemoHistory(ProcessEngine engine, List<AgentProvider> providers, AgentLibrary library, AgentTelemetry telemetry,
			ClusterClaims claims, ShadowRuns shadowRuns, AgentPromotions promotions, DemoHistoryProperties properties) {
		this.shadowRuns = shadowRuns;
		this.promotions = promotions;
		this.engine = engine;
		this.runtime = engine.getRuntimeService();
		this.tasks = engine.getTaskService();
		this.externalTasks = engine.getExternalTaskService();
		this.management = engine.getManagementService();
		this.providers = providers;
		this.library = library;
		this.telemetry = telemetry;
		this.claims = claims;
		this.properties = properties;
		this.random = new SplittableRandom(properties.seed());
	}

	private volatile boolean running;

	@Override
	public void start() {
		seed();
		running = true;
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Before the web server's start (its phase is {@code Integer.MAX_VALUE - 2048}): no request can reach the engine meanwhile. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4096;
	}

	void seed() {
		if (engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY)
			.count() > 0 || !claims.claim(CLAIM)) {
			return;
		}
		JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getJobExecutor();
		boolean active = jobExecutor != null && jobExecutor.isActive();
		if (active) {
			jobExecutor.shutdown();
		}
		try {
			// agents registered now enter their stages when the history begins (the ML scorer's shadow stage)
			at(LocalDate.now(ZoneOffset.UTC).minusDays(properties.days()).atStartOfDay(ZoneOffset.UTC).toInstant()
				.toEpochMilli());
			providers.forEach(p -> p.register(library));
			runFor(providers);
		}
		finally {
			if (active) {
				jobExecutor.start();
			}
		}
	}

	/** Seeds the history with the providers' agent handlers; the clock is real again afterwards. */
	void runFor(List<AgentProvider> agentProviders) {
		agentProviders.forEach(p -> p.handlers().forEach(h -> handlers.put(h.agentId(), h)));
		library.all().forEach(a -> byTopic.put(a.getTopic(), a));
		try {
			shadowRuns.inline(this::run);
		}
		finally {
			ClockUtil.reset();
		}
	}

	private void run() {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate first = today.minusDays(properties.days());
		long started = System.nanoTime();
		int leads = 0;
		int steps = 0;
		log.info("demo history: {} days of {} leads a working day through {}, on a controlled clock", properties.days(),
				properties.leadsPerDay(), SalesProcess.KEY);
		LocalDate canaryDay = first.plusDays(properties.days() / 2);
		for (LocalDate day = first; day.isBefore(today); day = day.plusDays(1)) {
			if (day.equals(canaryDay)) {
				at(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 6 * HOUR);
				promoteChallenger(true);
			}
			boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
			double mean = properties.leadsPerDay() * (weekend ? 0.15 : 1.0);
			int count = poisson(mean);
			List<Long> arrivals = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				arrivals.add(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 7 * HOUR
						+ (long) (random.nextDouble() * 11 * HOUR));
			}
			arrivals.sort(Long::compare);
			boolean recent = !day.isBefore(today.minusDays(2));
			for (long arrival : arrivals) {
				steps += lead(leads++, arrival, recent);
			}
			if (day.getDayOfWeek() == DayOfWeek.SUNDAY || !day.plusDays(1).isBefore(today)) {
				double seconds = (System.nanoTime() - started) / 1e9;
				log.info("demo history: {} leads, {} steps up to {} in {} s ({} leads/s)", leads, steps, day,
						String.format("%.1f", seconds), String.format("%.1f", leads / Math.max(seconds, 1e-9)));
			}
		}
		at(System.currentTimeMillis());
		promoteChallenger(false);
	}

	/**
	 * The lifecycle the demo shows: the ML lead scorer starts as the rules scorer's shadow; halfway
	 * through the history its promotion to canary is asked for, and if the gate passes on the shadow
	 * evidence the owner approves (half the instances go to it from then on); at the end its
	 * promotion to active is asked for, and if the gate passes on the canary's evidence the approval
	 * waits in Tasklist for the process owner.
	 */
	private void promoteChallenger(boolean ownerApproves) {
		if (!properties.lifecycle()) {
			return;
		}
		Agent challenger = library.find(MlLeadScorer.ID).orElse(null);
		if (challenger == null || (challenger.getStatus() != AgentStatus.SHADOW && challenger.getStatus() != AgentStatus.CANARY)) {
			return;
		}
		AgentPromotions.Started started;
		try {
			started = promotions.start(challenger.getId(), 0.5, WORKER);
		}
		catch (ConflictException running) {
			log.info("demo history: no promotion of {}: {}", challenger.getId(), running.getMessage());
			return;
		}
		Task approval = tasks.createTaskQuery().processInstanceId(started.processInstanceId()).singleResult();
		log.info("demo history: promotion of {} from {} to {}: {}", challenger.getId(), started.from(), started.to(),
				approval == null ? "refused by the gate, " + gateReasons(started.processInstanceId())
						: ownerApproves ? "the gate passed; the owner approves" : "the gate passed; awaiting the owner in Tasklist");
		if (approval != null && ownerApproves) {
			String owner = promotions.approvers(challenger.getCapability()).get(0);
			tasks.claim(approval.getId(), owner);
			at(now + 20 * MINUTE);
			tasks.complete(approval.getId(), Map.of("promotionApproved", true, "approvalComment",
					"the shadow's evidence is convincing; let it serve half the leads"));
		}
	}

	private Object gateReasons(String processInstanceId) {
		return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
			.variableName("gateReasons").list().stream().findFirst().map(v -> v.getValue()).orElse("");
	}

	/** One lead from its arrival to its end (or, for a recent one, as far as the review); returns the steps taken. */
	private int lead(int n, long arrival, boolean recent) {
		at(arrival);
		String businessKey = "demo-lead-" + n;
		Map<String, Object> lead = new HashMap<>();
		boolean broken = random.nextDouble() < 0.06;
		// three leads in ten come from the companies of the reference data (enriched, often customers already)
		String[] known = random.nextDouble() < 0.3 ? companies.get(random.nextInt(companies.size())) : null;
		String domain = known != null ? known[0] : "company" + n + ".example";
		lead.put(SalesProcess.VAR_COMPANY_NAME, known != null ? known[1] : "Company " + n);
		lead.put(SalesProcess.VAR_CONTACT_NAME, "Contact " + n);
		lead.put(SalesProcess.VAR_EMAIL, broken ? "contact" + n + "-at-" + domain : "contact" + n + "@" + domain);
		lead.put(SalesProcess.VAR_COUNTRY, List.of("DE", "FR", "GB", "US", "BR", "JP", "IN", "NL").get(random.nextInt(8)));
		if (random.nextDouble() < 0.85) {
			lead.put(SalesProcess.VAR_EMPLOYEES, known != null ? Integer.parseInt(known[3])
					: (int) Math.round(Math.exp(2 + random.nextDouble() * 7)));
		}
		lead.put(SalesProcess.VAR_SOURCE, List.of("web", "event", "referral").get(random.nextInt(3)));
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
				agent(agentTask, businessKey);
				steps++;
				// the shadows of the task work on their copies of its inputs
				for (ProcessInstance shadowRun : runtime.createProcessInstanceQuery()
					.processDefinitionKey(ShadowRunProcess.KEY).processInstanceBusinessKey(pi.getId()).list()) {
					for (ExternalTask shadowTask : externalTasks.createExternalTaskQuery()
						.processInstanceId(shadowRun.getId()).notLocked().list()) {
						Agent shadow = byTopic.get(shadowTask.getTopicName());
						if (shadow != null && handlers.containsKey(shadow.getId())) {
							agent(shadowTask, pi.getId());
						}
					}
				}
				continue;
			}
			Task task = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
			if (task == null || (recent && SalesProcess.TASK_REVIEW_PROPOSAL.equals(task.getTaskDefinitionKey()))) {
				return steps;
			}
			person(task, pi);
			steps++;
		}
		return steps;
	}

	/** The routed agent's real handler works the task; its call is recorded like a worker's. */
	private void agent(ExternalTask routed, String businessKey) {
		Agent agent = byTopic.get(routed.getTopicName());
		if (agent == null) {
			throw new IllegalStateException("no agent serves " + routed.getTopicName());
		}
		AgentHandler handler = handlers.get(agent.getId());
		List<String> names = new ArrayList<>(handler.inputs());
		names.add("confidenceFloor");
		at(now + (long) (lognormal(20_000, 0.8)));
		LockedExternalTask task = externalTasks.fetchAndLock(1, WORKER).topic(routed.getTopicName(), 3_600_000)
			.businessKey(businessKey).variables(names).execute().get(0);
		Map<String, Object> inputs = new HashMap<>();
		handler.inputs().forEach(name -> inputs.put(name, task.getVariables().get(name)));
		long start = now;
		long latency = Math.max(50, (long) lognormal(agent.getExpectedLatencyMillis(), 0.35));
		at(start + latency);
		if (random.nextDouble() < 0.03) {
			record(agent, task, start, latency, AgentCall.Outcome.FAILURE, null, null, "timed out");
			externalTasks.handleFailure(task.getId(), WORKER, "timed out", "the demo's simulated timeout", 2, 0);
			return;
		}
		AgentOutput output;
		try {
			output = handler.handle(inputs);
		}
		catch (Exception e) {
			throw new IllegalStateException(agent.getId() + " failed on the demo's lead: " + e.getMessage(), e);
		}
		Object floor = task.getVariables().get("confidenceFloor");
		double confidenceFloor = floor == null ? 0 : Double.parseDouble(floor.toString());
		if (output.confidence() != null && output.confidence() < confidenceFloor) {
			record(agent, task, start, latency, AgentCall.Outcome.LOW_CONFIDENCE, output, null, null);
			externalTasks.handleBpmnError(task.getId(), WORKER, "AGENT_LOW_CONFIDENCE",
					String.format("%s answered with confidence %.2f, below the floor %.2f", agent.getId(),
							output.confidence(), confidenceFloor));
			return;
		}
		record(agent, task, start, latency, AgentCall.Outcome.COMPLETED, output, null, null);
		Map<String, Object> variables = new HashMap<>(output.variables());
		if (output.confidence() != null) {
			variables.put("agentConfidence", output.confidence());
		}
		externalTasks.complete(task.getId(), WORKER, variables);
	}

	private void record(Agent agent, LockedExternalTask task, long start, long latency, AgentCall.Outcome outcome,
			AgentOutput output, String fallback, String error) {
		AgentOutput.ModelUsage usage = output == null ? null : output.usage();
		telemetry.record(new AgentCallReport(agent.getId(), task.getId(), task.getProcessInstanceId(), task.getActivityId(),
				WORKER, Instant.ofEpochMilli(start), latency, outcome, output == null ? null : output.confidence(),
				usage == null ? null : usage.model(), usage == null ? 0 : usage.modelCalls(),
				usage == null ? 0 : usage.promptTokens(), usage == null ? 0 : usage.completionTokens(),
				usage == null ? null : usage.prompt(), usage == null ? null : usage.response(), fallback, error,
				output == null ? null : output.variables()));
	}

	/** A person of the task's group (or its assignee) claims it after a wait and completes it after the work. */
	private void person(Task task, ProcessInstance pi) {
		String activity = task.getTaskDefinitionKey();
		String group = tasks.getIdentityLinksForTask(task.getId()).stream()
			.filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
			.map(IdentityLink::getGroupId).findFirst().orElse(null);
		long wait;
		long work;
		Map<String, Object> result = new HashMap<>();
		switch (activity) {
			case SalesProcess.TASK_FIX_LEAD_DATA -> {
				wait = (long) lognormal(4 * HOUR, 0.9);
				work = (long) lognormal(6 * MINUTE, 0.5);
				String email = (String) runtime.getVariable(pi.getId(), SalesProcess.VAR_EMAIL);
				// one fix in six still leaves the address broken: the lead comes back (rework)
				result.put(SalesProcess.VAR_EMAIL, random.nextDouble() < 0.17 ? email : email.replace("-at-", "@"));
			}
			case SalesProcess.TASK_CHECK_LEAD_SCORE -> {
				wait = (long) lognormal(2 * HOUR, 0.8);
				work = (long) lognormal(8 * MINUTE, 0.6);
				// the person judges the lead about as it will turn out, give or take
				double judged = winRate(pi) + 0.1 * gaussian();
				result.put(SalesProcess.VAR_LEAD_SCORE, Math.round(Math.min(1, Math.max(0, judged)) * 100) / 100.0);
			}
			case SalesProcess.TASK_REVIEW_PROPOSAL -> {
				wait = (long) lognormal(9 * HOUR, 1.1);
				work = (long) lognormal(25 * MINUTE, 0.6);
				boolean approve = random.nextDouble() < winRate(pi);
				result.put(SalesProcess.VAR_REVIEW_DECISION, approve ? SalesProcess.DECISION_APPROVE
						: SalesProcess.DECISION_REJECT);
				if (random.nextDouble() < 0.35) {
					result.put(SalesProcess.VAR_PROPOSAL, runtime.getVariable(pi.getId(), SalesProcess.VAR_PROPOSAL)
							+ "\n\nP.S. We would be glad to show you a live demo.");
				}
			}
			default -> {
				wait = (long) lognormal(HOUR, 0.7);
				work = (long) lognormal(10 * MINUTE, 0.5);
			}
		}
		long created = task.getCreateTime().getTime();
		fireTimersDueBefore(pi, created + wait);
		at(Math.max(now, created + wait));
		String person = task.getAssignee() != null ? task.getAssignee() : personOf(group);
		if (task.getAssignee() == null) {
			tasks.claim(task.getId(), person);
		}
		at(now + work);
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
				at(timer.getDuedate().getTime());
				management.executeJob(timer.getId());
				Task chase = tasks.createTaskQuery().processInstanceId(pi.getId())
					.taskDefinitionKey(SalesProcess.TASK_CHASE_OVERDUE_REVIEW).singleResult();
				if (chase != null) {
					at(now + (long) lognormal(HOUR, 0.6));
					at(now + (long) lognormal(10 * MINUTE, 0.5));
					tasks.complete(chase.getId());
				}
			}
		}
	}

	/**
	 * The companies of the reference data the enrichment agent knows (domain, name, industry,
	 * employees, city), except the one of the README's example lead: that lead should still reach
	 * review on the demo rather than find its company a customer already.
	 */
	static List<String[]> companies() {
		return ReferenceDataEnricher.companies().stream().filter(f -> !f[0].equals(README_EXAMPLE_DOMAIN)).toList();
	}

	private String personOf(String group) {
		String team = group == null ? "sales" : group.replace("sales-", "");
		return team + "-" + (1 + random.nextInt(3));
	}

	private void at(long millis) {
		now = millis;
		ClockUtil.setCurrentTime(new Date(millis));
	}

	private double lognormal(double median, double sigma) {
		return median * Math.exp(sigma * gaussian());
	}

	private double gaussian() {
		double u = 1 - random.nextDouble();
		double v = random.nextDouble();
		return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	private int poisson(double mean) {
		double limit = Math.exp(-mean);
		double p = 1;
		int k = 0;
		do {
			k++;
			p *= random.nextDouble();
		}
		while (p > limit);
		return k - 1;
	}
}

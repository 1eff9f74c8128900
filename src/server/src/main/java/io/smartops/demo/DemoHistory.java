package io.smartops.demo;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.smartops.agent.Agent;
import io.smartops.agent.AgentLibrary;
import io.smartops.agent.AgentProvider;
import io.smartops.agent.AgentStatus;
import io.smartops.agent.AgentTelemetry;
import io.smartops.agent.ShadowRuns;
import io.smartops.agent.builtin.MlLeadScorer;
import io.smartops.agent.lifecycle.AgentPromotions;
import io.smartops.core.web.ConflictException;
import io.smartops.core.cluster.ClusterClaims;
import io.smartops.core.execution.NodeWarmUp;
import io.smartops.demo.sales.SalesProcess;

/**
 * The demo's history: months of {@code sales-operations} instances run through the real engine on
 * a controlled clock ({@link DemoClock}), so that the process insights have something to say from
 * the first minutes. Leads arrive on working days; the library's own agents do the agent steps
 * (their real handlers on the real inputs; latencies drawn around each agent's expected latency, a
 * few calls fail and are retried); people claim and complete their tasks after realistic waits,
 * rewrite some proposals, and let a few reviews pass their SLA. The engine, its history and the
 * task-execution records see every step as it would happen. Done once per database (a cluster
 * claim); off unless {@code smartops.demo.history.enabled}.
 * <p>
 * It runs on a thread of its own while the server starts and answers: a node warm-up
 * ({@link NodeWarmUp}), so the node's job executor and agent workers, which would take the
 * history's jobs and agent tasks on the real clock, wait until it ends; live leads meanwhile are
 * stored and worked after it. The dashboard shows its progress.
 */
@Component
@ConditionalOnProperty(name = "smartops.demo.history.enabled", havingValue = "true")
class DemoHistory implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DemoHistory.class);

	static final String CLAIM = "demo-history";
	static final String WORKER = "demo-history";
	static final String README_EXAMPLE_DOMAIN = "globex.example";

	private final ProcessEngine engine;
	private final TaskService tasks;
	private final List<AgentProvider> providers;
	private final AgentLibrary library;
	private final AgentTelemetry telemetry;
	private final ClusterClaims claims;
	private final DemoHistoryProperties properties;
	private final ShadowRuns shadowRuns;
	private final AgentPromotions promotions;
	private final NodeWarmUp warmUp;
	private final DemoClock clock;
	private volatile Thread seeding;

	DemoHistory(ProcessEngine engine, List<AgentProvider> providers, AgentLibrary library, AgentTelemetry telemetry,
			ClusterClaims claims, ShadowRuns shadowRuns, AgentPromotions promotions, NodeWarmUp warmUp,
			DemoHistoryProperties properties) {
		this.shadowRuns = shadowRuns;
		this.promotions = promotions;
		this.warmUp = warmUp;
		this.engine = engine;
		this.tasks = engine.getTaskService();
		this.providers = providers;
		this.library = library;
		this.telemetry = telemetry;
		this.claims = claims;
		this.properties = properties;
		this.clock = new DemoClock(properties.seed());
	}

	/** Begins the warm-up before the web server opens its port, and seeds on a thread of its own. */
	@Override
	public void start() {
		if (!needed()) {
			return;
		}
		NodeWarmUp.Work work = warmUp.begin("demo history");
		Thread thread = new Thread(() -> {
			try {
				seed(work);
			}
			catch (RuntimeException e) {
				log.error("demo history: seeding stopped: {}", e.toString(), e);
			}
			finally {
				warmUp.end(work);
				seeding = null;
			}
		}, "demo-history");
		thread.setDaemon(true);
		seeding = thread;
		thread.start();
	}

	@Override
	public void stop() {
		Thread thread = seeding;
		if (thread != null) {
			thread.interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return seeding != null;
	}

	/** Before the web server's start (its phase is {@code Integer.MAX_VALUE - 2048}). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4096;
	}

	/** True when this database has no demo history and this node claims it. */
	private boolean needed() {
		return engine.getHistoryService().createHistoricProcessInstanceQuery().processDefinitionKey(SalesProcess.KEY)
			.count() == 0 && claims.claim(CLAIM);
	}

	/** Seeds the history now, on the calling thread (tests); nothing when the database has one. */
	void seed() {
		if (!needed()) {
			return;
		}
		NodeWarmUp.Work work = warmUp.begin("demo history");
		try {
			seed(work);
		}
		finally {
			warmUp.end(work);
		}
	}

	private void seed(NodeWarmUp.Work work) {
		// agents registered now enter their stages when the history begins (the ML scorer's shadow stage)
		clock.at(LocalDate.now(ZoneOffset.UTC).minusDays(properties.days()).atStartOfDay(ZoneOffset.UTC).toInstant()
			.toEpochMilli());
		providers.forEach(p -> p.register(library));
		runFor(providers, work);
	}

	/** Seeds the history with the providers' agent handlers as a warm-up of this node (tests). */
	void runFor(List<AgentProvider> agentProviders) {
		NodeWarmUp.Work work = warmUp.begin("demo history");
		try {
			runFor(agentProviders, work);
		}
		finally {
			warmUp.end(work);
		}
	}

	/** Seeds the history with the providers' agent handlers; the clock is real again afterwards. */
	private void runFor(List<AgentProvider> agentProviders, NodeWarmUp.Work work) {
		DemoAgentSteps agents = new DemoAgentSteps(engine, agentProviders, library, telemetry, clock);
		DemoLeads leads = new DemoLeads(engine, agents, new DemoPeople(engine, clock), clock);
		try {
			shadowRuns.inline(() -> run(leads, work));
		}
		finally {
			clock.reset();
		}
	}

	private void run(DemoLeads seeded, NodeWarmUp.Work work) {
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
				clock.at(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 6 * DemoClock.HOUR);
				promoteChallenger(true);
			}
			boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
			double mean = properties.leadsPerDay() * (weekend ? 0.15 : 1.0);
			int count = clock.poisson(mean);
			List<Long> arrivals = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				arrivals.add(day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + 7 * DemoClock.HOUR
						+ (long) (clock.nextDouble() * 11 * DemoClock.HOUR));
			}
			arrivals.sort(Long::compare);
			boolean recent = !day.isBefore(today.minusDays(2));
			for (long arrival : arrivals) {
				if (Thread.currentThread().isInterrupted()) {
					log.info("demo history: stopped with the server after {} leads", leads);
					return;
				}
				steps += seeded.run(leads++, arrival, recent);
			}
			int done = properties.days() - (int) ChronoUnit.DAYS.between(day, today) + 1;
			work.progress(String.format(Locale.ROOT, "%d of %d days, %d leads", done, properties.days(), leads),
					done / (double) properties.days());
			if (day.getDayOfWeek() == DayOfWeek.SUNDAY || !day.plusDays(1).isBefore(today)) {
				double seconds = (System.nanoTime() - started) / 1e9;
				log.info("demo history: {} leads, {} steps up to {} in {} s ({} leads/s)", leads, steps, day,
						String.format("%.1f", seconds), String.format("%.1f", leads / Math.max(seconds, 1e-9)));
			}
		}
		clock.at(System.currentTimeMillis());
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
			clock.at(clock.now() + 20 * DemoClock.MINUTE);
			tasks.complete(approval.getId(), Map.of("promotionApproved", true, "approvalComment",
					"the shadow's evidence is convincing; let it serve half the leads"));
		}
	}

	private Object gateReasons(String processInstanceId) {
		return engine.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
			.variableName("gateReasons").list().stream().findFirst().map(v -> v.getValue()).orElse("");
	}

	/** The companies the demo's leads may come from (see {@link DemoLeads}). */
	static List<String[]> companies() {
		return DemoLeads.companies();
	}


}

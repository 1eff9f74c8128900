package io.smartops.sense;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.smartops.coordinate.PlanSolver;
import io.smartops.coordinate.PlanningRun;
import io.smartops.coordinate.PlanningRuns;
import io.smartops.coordinate.RunContext;
import io.smartops.coordinate.Scope;
import io.smartops.orchestrate.ActionDiff;
import io.smartops.orchestrate.ActionDraft;
import io.smartops.coordinate.ActionDrafts;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;
import io.smartops.orchestrate.Channel;
import io.smartops.orchestrate.OrchestrateActionProcess;
import io.smartops.plan.Plan;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * Re-optimizes a run's plan with the changes sensed since its last plan, keeping in-flight work
 * pinned and people's work inside the stability window held ({@link StabilityRules}); solves the
 * stable re-plan and the unconstrained one (pins only), chooses by the rules of the stability
 * window, and orchestrates only the difference to the plan in force: cancellations go to the
 * actions' instances (which confirm with their channel), modifications supersede an action with a
 * new revision, additions start new instances.
 */
@Service
public class Replanner {

	private static final Logger log = LoggerFactory.getLogger(Replanner.class);

	private final RunContext context;
	private final PlanningRuns runs;
	private final PlanSolver solver;
	private final ActionLedger ledger;
	private final SensedEventRepository events;
	private final ReplanRepository replans;
	private final SenseProperties properties;
	private final RuntimeService runtime;
	private final TaskService tasks;
	private final ActionDrafts actionDrafts;
	private final java.util.concurrent.ExecutorService solving = java.util.concurrent.Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "smartops-replan-solver");
		t.setDaemon(true);
		return t;
	});

	Replanner(RunContext context, PlanningRuns runs, PlanSolver solver, ActionLedger ledger, SensedEventRepository events,
			ReplanRepository replans, SenseProperties properties, RuntimeService runtime, TaskService tasks,
			ActionDrafts actionDrafts) {
		this.context = context;
		this.runs = runs;
		this.solver = solver;
		this.ledger = ledger;
		this.events = events;
		this.replans = replans;
		this.properties = properties;
		this.runtime = runtime;
		this.tasks = tasks;
		this.actionDrafts = actionDrafts;
	}

	/** What a re-plan found: its trace, and whether a person must choose between its two plans. */
	public record Outcome(Replan replan, boolean personNeeded) {
	}

	/**
	 * Solves the stable and the unconstrained re-plan; returns null when no sensed change is left to
	 * take in. Joins the caller's transaction, the engine job that also applies the re-plan: should
	 * that job roll back (a concurrent update of the coordinator instance, such as a second re-plan
	 * request arriving while this one is solved), the events are still pending and the retried job
	 * re-plans from them, instead of finding them taken by a re-plan that is never applied.
	 */
	@Transactional
	public Outcome solve(String runId) {
		List<SensedEventRecord> pending = events.findByRunIdAndReplanIdIsNullAndDecisionInOrderByObservedAt(runId,
				List.of(SensedEventRecord.Decision.TRIGGERED.name(), SensedEventRecord.Decision.ABSORBED.name()));
		if (pending.stream().noneMatch(e -> e.getDecision().equals(SensedEventRecord.Decision.TRIGGERED.name()))) {
			return null;
		}
		PlanningRun run = context.run(runId);
		String revision = "@r" + (replans.countByRunId(runId) + 2);
		Replan replan = new Replan(UUID.randomUUID().toString(), runId, revision,
				pending.stream().map(SensedEventRecord::getReceivedAt).min(Instant::compareTo).orElse(Instant.now()));
		List<String> triggers = new ArrayList<>();
		Set<String> touched = new java.util.TreeSet<>();
		int listed = 0;
		for (SensedEventRecord e : pending) {
			if (e.getDecision().equals(SensedEventRecord.Decision.TRIGGERED.name())) {
				if (listed++ < 10) {
					triggers.add(e.getId() + ": " + e.getReason());
				}
				touched.addAll(e.getTouched());
			}
		}
		if (listed > 10) {
			triggers.add("… and " + (listed - 10) + " more events that matter");
		}
		replan.triggeredBy(String.join(",", pending.stream().map(SensedEventRecord::getId).toList()), String.join("\n", triggers),
				List.copyOf(touched), run.getMargin());

		ObjectNode json = (ObjectNode) RunContext.read(context.document(run.getScenarioDocument()));
		pending.forEach(e -> ScenarioPatch.apply(json, e.event()));
		Scenario scenario = ScenarioJson.read(json);
		Plan current = context.plan(run.getPlanDocument());
		Scope scope = context.scope(runId);
		List<ActionItem> inForce = ledger.inForce(runId);
		Instant start = run.getApprovedAt() == null ? run.getStartedAt() : run.getApprovedAt();
		int currentPeriod = period(start, Instant.now(), scenario.periods());
		int lastWindowPeriod = period(start, Instant.now().plus(properties.stabilityWindow()).minusNanos(1), scenario.periods());
		StabilityRules.Selection keep = StabilityRules.select(scenario, current, inForce, currentPeriod, lastWindowPeriod,
				inProgress(runId, inForce));

		// the two re-plans are independent: solved side by side
		java.util.concurrent.CompletableFuture<Plan> stableFuture = keep.held().isEmpty() ? null
				: java.util.concurrent.CompletableFuture.supplyAsync(() -> solver.solve(runId, scenario, scope, keep.all(), false),
						solving);
		Plan free = solver.solve(runId, scenario, scope, keep.pinnedDecisions(), false);
		Plan stable = stableFuture == null ? free : stableFuture.join();
		String scenarioDoc = context.store(runId, "scenario", json.toString());
		String freeDoc = free.hasPlan() ? context.store(runId, "plan", RunContext.write(free)) : null;
		String stableDoc = stable == free ? freeDoc : stable.hasPlan() ? context.store(runId, "plan", RunContext.write(stable)) : null;
		int peopleFree = free.hasPlan() ? peopleChanges(keep.held(), diff(inForce, free)) : -1;
		int peopleStable = stable.hasPlan() ? peopleChanges(keep.held(), diff(inForce, stable)) : -1;
		replan.solved(scenarioDoc, stableDoc, stable.margin(), stable.solveMillis(), freeDoc, free.margin(), free.solveMillis(),
				keep.pinned().size(), keep.held().size(), peopleStable, peopleFree);

		boolean personNeeded = false;
		if (!free.hasPlan()) {
			replan.choose(null, "no plan keeps the in-flight work: " + (free.conflict() == null ? free.status()
					: "constraint groups " + free.conflict() + " cannot hold together"), Replan.Status.INFEASIBLE);
		}
		else if (!stable.hasPlan()) {
			personNeeded = true;
			replan.choose(null, "no plan keeps the actions for people in the stability window; the unconstrained re-plan changes "
					+ peopleFree + " of them", Replan.Status.AWAITING_APPROVAL);
		}
		else if (peopleFree == 0) {
			replan.choose(Replan.Choice.UNCONSTRAINED, "the unconstrained re-plan changes no action for people in the window",
					Replan.Status.REQUESTED);
		}
		else {
			double gain = (free.margin() - stable.margin()) / Math.max(1e-9, Math.abs(stable.margin()));
			if (gain > properties.replanGainThreshold()) {
				personNeeded = true;
				replan.choose(null, String.format(Locale.ROOT,
						"the unconstrained re-plan earns %.2f%% more but changes %d actions for people in the window", 100 * gain,
						peopleFree), Replan.Status.AWAITING_APPROVAL);
			}
			else {
				replan.choose(Replan.Choice.STABLE, String.format(Locale.ROOT,
						"the stable re-plan keeps %d actions for people and is within %.2f%% of the unconstrained one", keep.held()
							.size(), 100 * gain), Replan.Status.REQUESTED);
			}
		}
		replans.save(replan);
		pending.forEach(e -> e.appliedIn(replan.getId()));
		events.saveAll(pending);
		log.info("re-plan {} of run {}: {} events, {} pinned, {} held, margin {} -> stable {} / unconstrained {}; {}",
				replan.getId(), runId, pending.size(), keep.pinned().size(), keep.held().size(), run.getMargin(),
				stable.margin(), free.margin(), replan.getChoiceReason());
		return new Outcome(replan, personNeeded);
	}

	/**
	 * Puts the chosen plan into force and orchestrates only the difference: cancels, supersedes and
	 * adds actions. Must run inside the engine's command (it starts and messages process instances).
	 */
	public Replan apply(String replanId, Replan.Choice requested) {
		Replan replan = replans.findById(replanId).orElseThrow();
		if (replan.getStatus().equals(Replan.Status.INFEASIBLE.name())) {
			return replan;
		}
		Replan.Choice choice = requested != null ? requested : Replan.Choice.valueOf(replan.getChoice());
		if (requested != null) {
			replan.choose(choice, replan.getChoiceReason() + "; a person chose the " + choice.name().toLowerCase(Locale.ROOT)
					+ " re-plan", Replan.Status.REQUESTED);
		}
		String planDoc = choice == Replan.Choice.STABLE ? replan.getStablePlanDocument() : replan.getUnconstrainedPlanDocument();
		if (planDoc == null) {
			replan.choose(choice, replan.getChoiceReason() + "; no such plan: the plan in force stays", Replan.Status.INFEASIBLE);
			return replans.save(replan);
		}
		Plan chosen = context.plan(planDoc);
		String runId = replan.getRunId();
		List<ActionItem> inForce = ledger.inForce(runId);
		ActionDiff diff = diff(inForce, chosen);
		String why = "re-plan " + replan.getId();
		for (ActionItem gone : diff.cancel()) {
			cancel(gone, ActionItem.Status.CANCELLED, why + ": no longer in the plan");
		}
		List<ActionDraft> fresh = new ArrayList<>(diff.add());
		for (ActionDiff.Modification m : diff.modify()) {
			cancel(m.current(), ActionItem.Status.SUPERSEDED, why + ": replaced by revision " + replan.getRevision());
			fresh.add(m.replacement());
		}
		for (ActionItem item : ledger.createRevision(runId, replan.getRevision(), fresh)) {
			runtime.startProcessInstanceByKey(OrchestrateActionProcess.KEY, runId,
					Map.of(OrchestrateActionProcess.VAR_ACTION_ID, item.getId()));
		}
		runs.replanned(runId, replan.getScenarioDocument(), planDoc, chosen.margin());
		Map<String, Object> byChannel = new LinkedHashMap<>();
		diff.changesByChannel().forEach((c, n) -> byChannel.put(c.name(), n));
		byChannel.put("forPeople", diff.changesByChannel().entrySet().stream().filter(e -> e.getKey().forPeople())
			.mapToInt(Map.Entry::getValue).sum());
		replan.applied(diff.cancel().size(), diff.modify().size(), diff.add().size(), RunContext.write(byChannel));
		replans.save(replan);
		log.info("re-plan {} applied ({}): {}", replan.getId(), choice, diff.summary());
		return replan;
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		solving.shutdownNow();
	}

	/** Cancels an action in force: its instance confirms with the channel; an ended one gets a new instance to do so. */
	private void cancel(ActionItem item, ActionItem.Status status, String reason) {
		ledger.end(item.getId(), status, reason);
		boolean running = item.getProcessInstanceId() != null
				&& runtime.createEventSubscriptionQuery().processInstanceId(item.getProcessInstanceId())
					.eventName(OrchestrateActionProcess.MESSAGE_CANCEL).count() > 0;
		if (running) {
			runtime.createMessageCorrelation(OrchestrateActionProcess.MESSAGE_CANCEL).processInstanceId(item.getProcessInstanceId())
				.setVariable("cancelReason", reason).correlate();
		}
		else if (item.getDispatchedAt() != null) {
			runtime.startProcessInstanceByKey(OrchestrateActionProcess.KEY, item.getRunId(),
					Map.of(OrchestrateActionProcess.VAR_ACTION_ID, item.getId(), "operation", "cancel", "cancelReason", reason));
		}
	}

	ActionDiff diff(List<ActionItem> inForce, Plan plan) {
		return ActionDiff.of(inForce, actionDrafts.of(plan));
	}

	/** How many of the held actions for people a diff cancels or modifies. */
	static int peopleChanges(List<ActionItem> held, ActionDiff diff) {
		Set<String> heldIds = new HashSet<>(held.stream().map(ActionItem::getId).toList());
		int n = 0;
		for (ActionItem a : diff.cancel()) {
			n += heldIds.contains(a.getId()) ? 1 : 0;
		}
		for (ActionDiff.Modification m : diff.modify()) {
			n += heldIds.contains(m.current().getId()) ? 1 : 0;
		}
		return n;
	}

	/** Ids of actions a person has started: work orders whose task is claimed. */
	private Set<String> inProgress(String runId, List<ActionItem> inForce) {
		Map<String, String> byInstance = new LinkedHashMap<>();
		inForce.stream().filter(a -> a.getChannel() == Channel.OPERATOR && a.getProcessInstanceId() != null)
			.forEach(a -> byInstance.put(a.getProcessInstanceId(), a.getId()));
		Set<String> started = new HashSet<>();
		tasks.createTaskQuery().processDefinitionKey(OrchestrateActionProcess.KEY).processInstanceBusinessKey(runId)
			.taskAssigned().list().forEach(t -> {
				String id = byInstance.get(t.getProcessInstanceId());
				if (id != null) {
					started.add(id);
				}
			});
		return started;
	}

	/** The plan period an instant falls in, periods of {@code smartops.sense.period-length} from the start. */
	int period(Instant start, Instant at, int horizon) {
		long elapsed = Math.max(0, Duration.between(start, at).toMillis());
		int t = 1 + (int) (elapsed / Math.max(1, properties.periodLength().toMillis()));
		return Math.min(horizon, t);
	}

}

package io.smartops.coordinate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.smartops.agent.AgentTelemetry;
import io.smartops.coordinate.source.SupplierDirectory;
import io.smartops.coordinate.source.SupplierSource;
import io.smartops.orchestrate.ActionDiff;
import io.smartops.orchestrate.ActionDraft;
import io.smartops.orchestrate.ActionItem;
import io.smartops.orchestrate.ActionLedger;
import io.smartops.plan.Plan;

/**
 * The delegates of {@code operating-plan-coordinator.bpmn}, called by expression
 * ({@code ${coordinator.assembleScenario(execution)}}): thin steps over the run context, the
 * approval policy and the action planner.
 */
@Component("coordinator")
public class CoordinatorDelegates {

	private static final Logger log = LoggerFactory.getLogger(CoordinatorDelegates.class);
	static final ObjectMapper JSON = new ObjectMapper();

	/** Binding rows the approval form lists (Camunda keeps string variables of up to 4,000 characters). */
	static final int BINDING_LISTED = 60;

	private final RunContext context;
	private final PlanningRuns runs;
	private final CoordinatorProperties properties;
	private final SupplierDirectory suppliers;
	private final ActionDrafts actionDrafts;
	private final ActionLedger ledger;
	private final AgentTelemetry telemetry;

	CoordinatorDelegates(RunContext context, PlanningRuns runs, CoordinatorProperties properties,
			SupplierDirectory suppliers, ActionDrafts actionDrafts, ActionLedger ledger, AgentTelemetry telemetry) {
		this.context = context;
		this.runs = runs;
		this.properties = properties;
		this.suppliers = suppliers;
		this.actionDrafts = actionDrafts;
		this.ledger = ledger;
		this.telemetry = telemetry;
	}

	/** "Open planning run": the run record with its scope (variable {@code scope}, else the defaults). */
	public void openRun(DelegateExecution execution) {
		Object requested = execution.getVariable(CoordinatorProcess.VAR_SCOPE);
		Map<String, Object> scopeFields = requested == null ? Map.of() : scopeMap(requested);
		Scope scope = Scope.from(scopeFields, properties.defaultScope());
		String runId = UUID.randomUUID().toString().substring(0, 8);
		runs.open(runId, execution.getProcessInstanceId(), scope);
		execution.setVariable(CoordinatorProcess.VAR_RUN_ID, runId);
		execution.setVariable("scopeLabel", scope.label());
		execution.getProcessInstance().setVariable("approverGroup", properties.approverGroup());
		execution.getProcessInstance().setVariable("planInForceFor", properties.planInForceFor().toString());
		log.info("planning run {} opened with scope {}", runId, scope.label());
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> scopeMap(Object requested) {
		if (requested instanceof Map<?, ?> m) {
			return (Map<String, Object>) m;
		}
		try {
			return JSON.readValue(requested.toString(), Map.class);
		}
		catch (java.io.IOException e) {
			throw new IllegalArgumentException("variable scope is not a JSON object: " + e.getMessage());
		}
	}

	/**
	 * The capabilities of the supplier agents to ask (the multi-instance collection): one per
	 * supplier source; external feeds only when the run's scope takes them in (they are paid per query).
	 */
	public List<String> supplyCapabilities(DelegateExecution execution) {
		boolean external = context.scope(runId(execution)).external();
		return suppliers.suppliers().stream().map(SupplierSource::supplier).filter(s -> external || !s.external())
			.map(s -> CoordinatorAgents.supplyCapability(s.id())).toList();
	}

	/** "Assemble scenario": facts → scenario document, validated with the contract's rules. */
	public void assembleScenario(DelegateExecution execution) {
		String runId = runId(execution);
		Scope scope = context.scope(runId);
		ObjectNode scenario = ScenarioAssembler.assemble(context, runId, scope);
		ScenarioAssembler.validate(scenario);
		String document = context.store(runId, "scenario", scenario.toString());
		runs.gathered(runId, document);
		execution.setVariable(CoordinatorProcess.VAR_SCENARIO_DOCUMENT, document);
	}

	/**
	 * After "Relax constraints": the person's values become the run's policy fact (provenance: the
	 * person), and the scenario is assembled and optimized again.
	 */
	public void applyRelaxation(DelegateExecution execution) {
		String runId = runId(execution);
		ObjectNode fact = (ObjectNode) context.fact(runId, CoordinatorProcess.FACT_POLICY).deepCopy();
		ObjectNode policy = fact.with("policy");
		Map<String, Object> changes = new LinkedHashMap<>();
		relax(execution, policy, "co2Cap", Double.MAX_VALUE, changes);
		relax(execution, policy, "minCommittedFillRate", 1.0, changes);
		relax(execution, policy, "carbonPrice", Double.MAX_VALUE, changes);
		Authentication who = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		changes.put("by", who == null ? "unknown" : who.getUserId());
		changes.put("task", CoordinatorProcess.TASK_RELAX);
		context.put(runId, CoordinatorProcess.FACT_POLICY, fact, new RunContext.Provenance("person", "-", changes));
		log.info("run {}: policy relaxed {}", runId, changes);
	}

	private static void relax(DelegateExecution execution, ObjectNode policy, String field, double max,
			Map<String, Object> changes) {
		Object value = execution.getVariable(field);
		if (value == null || value.toString().isBlank()) {
			policy.remove(field);
			changes.put(field, "removed");
			return;
		}
		double v = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
		if (!Double.isFinite(v) || v < 0 || v > max) {
			throw new IllegalArgumentException(field + ": " + value + " is outside 0.." + (max == 1.0 ? "1" : "unlimited"));
		}
		policy.put(field, v);
		changes.put(field, v);
	}

	/** "Decide approval": needs a person? Sets the figures the approval form shows. */
	public void decideApproval(DelegateExecution execution) {
		String runId = runId(execution);
		Plan plan = plan(runId);
		List<ActionDraft> drafts = drafts(plan);
		var current = runs.current().filter(r -> !r.getId().equals(runId));
		Double currentMargin = current.map(PlanningRun::getMargin).orElse(null);
		int forPeople = (int) drafts.stream().filter(d -> d.channel().forPeople()).count();
		ApprovalPolicy.Decision decision = ApprovalPolicy.decide(plan.margin(), currentMargin, forPeople,
				properties.approvalMarginChange());
		List<ActionItem> inForce = current.map(r -> ledger.ofRun(r.getId())).orElse(List.of());
		ActionDiff diff = ActionDiff.of(inForce, drafts);
		execution.setVariable(CoordinatorProcess.VAR_APPROVAL_REQUIRED, decision.personNeeded());
		execution.setVariable("approvalReason", decision.reason());
		execution.setVariable("marginText", String.format(Locale.ROOT, "%,.2f", plan.margin()));
		// the form's parts, in the planner's words (PlanApprovalView)
		Plan inForcePlan = current.map(r -> r.getPlanDocument() == null ? null : context.plan(r.getPlanDocument())).orElse(null);
		execution.setVariable("approvalDecision", PlanApprovalView.decision(decision.reason(), plan.margin(), drafts.size()));
		execution.setVariable("scopeText", PlanApprovalView.scope(context.scope(runId)));
		execution.setVariable("pnlTable", PlanApprovalView.pnl(plan.pnl(), plan.margin(),
				inForcePlan == null ? null : inForcePlan.pnl()));
		execution.setVariable("actionsTable", PlanApprovalView.actions(drafts, offerUnitCosts(execution),
				actionDrafts.storeNames()));
		execution.setVariable("bindingText", PlanApprovalView.binding(plan.constraints(), drafts));
		execution.setVariable("changesText", PlanApprovalView.changes(diff, currentMargin, plan.margin()));
		execution.setVariable("runPage", "[Open the run's page on the dashboard](/smartops/dashboard/run.html#run=" + runId
				+ ") for the same with charts: margin by period, the capacity each carrier and warehouse uses, the binding"
				+ " limits.");
		if (decision.personNeeded()) {
			runs.status(runId, PlanningRun.Status.AWAITING_APPROVAL);
		}
		else {
			runs.approval(runId, "AUTOMATIC", decision.reason(), null);
		}
	}

	/** After "Approve operating plan": the person's decision and comment. */
	public void recordApproval(DelegateExecution execution) {
		String runId = runId(execution);
		boolean approved = Boolean.TRUE.equals(execution.getVariable(CoordinatorProcess.VAR_APPROVED));
		Object comment = execution.getVariable("approvalComment");
		Authentication who = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		runs.approval(runId, approved ? "PERSON" : "REJECTED",
				(approved ? "approved" : "rejected") + (comment == null || comment.toString().isBlank() ? "" : ": " + comment),
				who == null ? null : who.getUserId());
	}

	/** "Create action items": the plan's actions, stored with their idempotency keys; the plan comes into force. */
	public void createActions(DelegateExecution execution) {
		String runId = runId(execution);
		List<ActionItem> items = ledger.create(runId, drafts(plan(runId)));
		runs.dispatching(runId, items.size());
		var previous = runs.current().filter(r -> !r.getId().equals(runId));
		runs.makeCurrent(runId);
		previous.ifPresent(r -> supersede(execution, r));
		log.info("run {}: {} actions to orchestrate", runId, items.size());
	}

	/** Tells the previous plan's coordinator, if it still waits, that a newer plan is in force. */
	private static void supersede(DelegateExecution execution, PlanningRun previous) {
		var runtime = execution.getProcessEngineServices().getRuntimeService();
		boolean waiting = runtime.createEventSubscriptionQuery().processInstanceId(previous.getProcessInstanceId())
			.eventName(CoordinatorProcess.MESSAGE_PLAN_SUPERSEDED).count() > 0;
		if (waiting) {
			runtime.createMessageCorrelation(CoordinatorProcess.MESSAGE_PLAN_SUPERSEDED)
				.processInstanceId(previous.getProcessInstanceId()).correlate();
		}
	}

	/** "Close run": the cost of data and compute, from the agents' call records. */
	public void closeRun(DelegateExecution execution) {
		String runId = runId(execution);
		runs.ended(runId, PlanningRun.Status.COMPLETED, telemetry.costOfProcessInstance(execution.getProcessInstanceId()));
	}

	public void rejectRun(DelegateExecution execution) {
		runs.ended(runId(execution), PlanningRun.Status.REJECTED,
				telemetry.costOfProcessInstance(execution.getProcessInstanceId()));
	}

	/** Each supply offer's unit cost, from the run's scenario (what a purchase order's lines are worth). */
	private Map<String, Double> offerUnitCosts(DelegateExecution execution) {
		Object document = execution.getVariable(CoordinatorProcess.VAR_SCENARIO_DOCUMENT);
		Map<String, Double> costs = new java.util.HashMap<>();
		if (document != null) {
			context.document(document.toString(), "scenario").ifPresent(json -> RunContext.read(json).path("supplyOffers")
				.forEach(o -> costs.put(o.path("id").asText(), o.path("unitCost").asDouble())));
		}
		return costs;
	}

	Plan plan(String runId) {
		PlanningRun run = context.run(runId);
		if (run.getPlanDocument() == null) {
			throw new IllegalStateException("run " + runId + " has no plan yet");
		}
		return context.plan(run.getPlanDocument());
	}

	List<ActionDraft> drafts(Plan plan) {
		return actionDrafts.of(plan);
	}

	static String runId(DelegateExecution execution) {
		Object id = execution.getVariable(CoordinatorProcess.VAR_RUN_ID);
		if (id == null) {
			throw new IllegalStateException("variable runId is missing");
		}
		return id.toString();
	}
}

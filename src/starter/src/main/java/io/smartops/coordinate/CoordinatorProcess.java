package io.smartops.coordinate;

/** The names {@code processes/operating-plan-coordinator.bpmn} and its agents share. */
public final class CoordinatorProcess {

	public static final String KEY = "operating-plan-coordinator";
	public static final String MESSAGE_PLAN_REQUESTED = "PlanRequested";
	public static final String MESSAGE_REPLAN_REQUESTED = "ReplanRequested";
	public static final String MESSAGE_PLAN_SUPERSEDED = "PlanSuperseded";
	public static final String TASK_REPLAN = "Task_Replan";
	public static final String TASK_APPROVE_REPLAN = "Task_ApproveReplan";
	public static final String TASK_APPLY_REPLAN = "Task_ApplyReplan";

	public static final String TASK_OPEN_RUN = "Task_OpenRun";
	public static final String TASK_GATHER_DEMAND = "Task_GatherDemand";
	public static final String TASK_GATHER_INVENTORY = "Task_GatherInventory";
	public static final String TASK_GATHER_SUPPLY = "Task_GatherSupply";
	public static final String TASK_GATHER_LOGISTICS = "Task_GatherLogistics";
	public static final String TASK_GENERATE_CONSTRAINTS = "Task_GenerateConstraints";
	public static final String TASK_BUILD_OBJECTIVE = "Task_BuildObjective";
	public static final String TASK_ASSEMBLE_SCENARIO = "Task_AssembleScenario";
	public static final String TASK_OPTIMIZE = "Task_OptimizePlan";
	public static final String TASK_RELAX = "Task_RelaxConstraints";
	public static final String TASK_DECIDE_APPROVAL = "Task_DecideApproval";
	public static final String TASK_APPROVE = "Task_ApprovePlan";
	public static final String TASK_CREATE_ACTIONS = "Task_CreateActions";
	public static final String CALL_ORCHESTRATE = "Call_OrchestrateActions";
	public static final String TASK_CLOSE_RUN = "Task_CloseRun";

	public static final String CAPABILITY_DEMAND = "demand-gathering";
	public static final String CAPABILITY_INVENTORY = "inventory-gathering";
	public static final String CAPABILITY_LOGISTICS = "logistics-gathering";
	public static final String CAPABILITY_CONSTRAINTS = "constraint-generation";
	public static final String CAPABILITY_OBJECTIVE = "objective-building";
	public static final String CAPABILITY_OPTIMIZE = "plan-optimization";

	public static final String ERROR_INFEASIBLE = "PLAN_INFEASIBLE";

	public static final String VAR_RUN_ID = "runId";
	public static final String VAR_SCOPE = "scope";
	public static final String VAR_SUPPLY_CAPABILITIES = "supplyCapabilities";
	public static final String VAR_SCENARIO_DOCUMENT = "scenarioDocument";
	public static final String VAR_PLAN_DOCUMENT = "planDocument";
	public static final String VAR_PLAN_STATUS = "planStatus";
	public static final String VAR_MARGIN = "margin";
	public static final String VAR_APPROVAL_REQUIRED = "approvalRequired";
	public static final String VAR_APPROVED = "approved";
	public static final String VAR_ACTION_IDS = "actionIds";

	public static final String FACT_DEMAND = "demand";
	public static final String FACT_INVENTORY = "inventory";
	public static final String FACT_SUPPLY_PREFIX = "supply:";
	public static final String FACT_LOGISTICS = "logistics";
	public static final String FACT_POLICY = "policy";
	public static final String FACT_OBJECTIVE = "objective";

	/** The model-row group of contractual commitments the constraint agent adds. */
	public static final String GROUP_COMMITMENT = "commitment";

	private CoordinatorProcess() {
	}
}

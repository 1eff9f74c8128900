package io.smartops.mcp;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.smartops.coordinate.CoordinatorRuns;
import io.smartops.core.security.Roles;

/** The agentic coordinator over MCP: start a run with a scope; read a run, its facts and its actions. */
@Component
class CoordinatorTools implements ToolSet {

	private static final String RUN_ID = """
			{"type":"object","required":["runId"],"properties":{
			  "runId":{"type":"string","maxLength":100,"description":"the run's id, as start_coordinator_run gives it (run.id)"}},
			 "additionalProperties":false}""";

	private static final String RUN_VIEW = """
			{"type":"object","required":["run","stages","actions"],"properties":{
			  "run":{"type":"object","required":["id","status"],"properties":{"id":{"type":"string"},"status":{"type":"string"},
			    "margin":{"type":["number","null"]},"planStatus":{"type":["string","null"]},"scenarioDocument":{"type":["string","null"]},
			    "planDocument":{"type":["string","null"]}}},
			  "stages":{"type":"object"},"actions":{"type":"object"},"cost":{"type":"number"}}}""";

	private final CoordinatorRuns runs;

	CoordinatorTools(CoordinatorRuns runs) {
		this.runs = runs;
	}

	@Override
	public List<McpTool> tools() {
		return List.of(new McpTool("start_coordinator_run", "Start a coordinator run",
				"Starts the agentic coordinator: agents gather demand, inventory, supply, carriers, constraints and the objective "
						+ "within the scope, the optimizer plans, a planner approves, orchestration dispatches the actions. "
						+ "Every scope field is optional; the defaults are the server's.",
				List.of(Roles.PLANNERS), """
						{"type":"object","properties":{
						  "historyMonths":{"type":"integer","minimum":3,"maximum":36,"description":"months of sales history the demand agent reads"},
						  "horizon":{"type":"integer","minimum":1,"maximum":12,"description":"periods to plan"},
						  "functions":{"type":"array","maxItems":3,"items":{"type":"string","enum":["pricing","procurement","logistics"]},
						    "description":"the functions planned together"},
						  "external":{"type":"boolean","description":"whether external data (e.g. carriers' capacity) is gathered"}},
						 "additionalProperties":false}""", RUN_VIEW, args -> runs.start(args.all())),
				new McpTool("get_coordinator_run", "Read a coordinator run",
						"A run's status, margin, plan status, documents, stage times (gather, optimize, approve, dispatch), "
								+ "its actions counted by channel and status, and its cost.",
						List.of(Roles.PLANNERS, Roles.OPERATORS), RUN_ID, RUN_VIEW, args -> runs.view(runId(args))),
				new McpTool("get_run_facts", "Read a coordinator run's facts",
						"The facts the run's agents gathered, each with its provenance (agent, version, inputs).",
						List.of(Roles.PLANNERS, Roles.OPERATORS), RUN_ID, """
								{"type":"object","required":["facts"],"properties":{"facts":{"type":"array","items":{"type":"object"}}}}""",
						args -> Map.of("facts", runs.facts(runId(args)))),
				new McpTool("get_run_actions", "Read a coordinator run's actions",
						"The actions the run's plan fanned out: channel (application, person, supplier, device), target, status, "
								+ "and when each was dispatched and acknowledged.",
						List.of(Roles.PLANNERS, Roles.OPERATORS), RUN_ID, """
								{"type":"object","required":["actions"],"properties":{"actions":{"type":"array","items":{
								  "type":"object","required":["id","channel","status"],"properties":{"id":{"type":"string"},
								  "channel":{"type":"string"},"status":{"type":"string"},"target":{"type":["string","null"]}}}}}}""",
						args -> Map.of("actions", runs.actions(runId(args)))));
	}

	private static String runId(Arguments args) {
		String id = args.text("runId", true);
		args.check();
		return id;
	}
}

package io.smartops.coordinate;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Where each run stands, changed only here, each change in its own transaction. */
@Service
public class PlanningRuns {

	private final PlanningRunRepository runs;

	PlanningRuns(PlanningRunRepository runs) {
		this.runs = runs;
	}

	@Transactional
	public PlanningRun open(String runId, String processInstanceId, Scope scope) {
		return runs.save(new PlanningRun(runId, processInstanceId, RunContext.write(scope.toMap()), scope.label()));
	}

	@Transactional
	public void gathered(String runId, String scenarioDocument) {
		update(runId).gathered(scenarioDocument);
	}

	@Transactional
	public void optimized(String runId, String planDocument, String planStatus, Double margin, long solveMillis,
			double computeCost) {
		PlanningRun run = update(runId);
		run.optimized(planDocument, planStatus, margin, solveMillis, computeCost);
		run.setStatus("INFEASIBLE".equals(planStatus) ? PlanningRun.Status.RELAXING : PlanningRun.Status.OPTIMIZING);
	}

	@Transactional
	public void status(String runId, PlanningRun.Status status) {
		update(runId).setStatus(status);
	}

	@Transactional
	public void approval(String runId, String approval, String reason, String by) {
		update(runId).approval(approval, reason, by);
	}

	@Transactional
	public void dispatching(String runId, int actions) {
		update(runId).dispatching(actions);
	}

	/** Makes the run's plan the plan in force: the one the next run's changes are measured against. */
	@Transactional
	public void makeCurrent(String runId) {
		runs.findByCurrentTrue().forEach(r -> r.setCurrent(false));
		update(runId).setCurrent(true);
	}

	/** A re-plan came into force: the run's scenario, plan and margin are now the re-plan's. */
	@Transactional
	public void replanned(String runId, String scenarioDocument, String planDocument, Double margin) {
		update(runId).replanned(scenarioDocument, planDocument, margin);
	}

	@Transactional
	public void ended(String runId, PlanningRun.Status status, double dataCost) {
		update(runId).ended(status, dataCost);
	}

	public Optional<PlanningRun> current() {
		return runs.findFirstByCurrentTrueOrderByApprovedAtDesc();
	}

	public Optional<PlanningRun> find(String runId) {
		return runs.findById(runId);
	}

	/** The run a coordinator process instance opened (its first step, in the transaction that started it). */
	public Optional<PlanningRun> ofProcessInstance(String processInstanceId) {
		return runs.findByProcessInstanceId(processInstanceId);
	}

	public Optional<PlanningRun> byProcessInstance(String processInstanceId) {
		return runs.findByProcessInstanceId(processInstanceId);
	}

	public List<PlanningRun> latest() {
		return runs.findTop100ByOrderByStartedAtDesc();
	}

	private PlanningRun update(String runId) {
		return runs.findById(runId).orElseThrow(() -> new RunContext.NoSuchRunException(runId));
	}
}

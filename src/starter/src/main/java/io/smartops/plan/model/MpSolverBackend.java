package io.smartops.plan.model;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;

/**
 * A MIP solver behind OR-Tools' MPSolver: SCIP (the default) or HiGHS. Both are exact on
 * fractional quantities (continuous variables). docs/benchmarks.md has the measurements behind
 * the choice; HiGHS, through MPSolver, loses its incumbent when a time limit stops it.
 */
public final class MpSolverBackend implements MipBackend {

	/** The MPSolver id ({@code SCIP}, {@code HIGHS}). */
	private final String solverId;
	/** When true, the solver's own log (incumbent, bound, gap) goes to native stdout. */
	private final boolean solverLog;
	/** Solver parameters in the solver's own syntax ({@code name = value} lines for SCIP). */
	private final String parameters;

	public MpSolverBackend(String solverId, boolean solverLog, String parameters) {
		this.solverId = solverId;
		this.solverLog = solverLog;
		this.parameters = parameters;
	}

	public static MpSolverBackend scip() {
		return new MpSolverBackend("SCIP", false, "");
	}

	public static MpSolverBackend highs() {
		return new MpSolverBackend("HIGHS", false, "");
	}

	@Override
	public String name() {
		return solverId.toLowerCase(java.util.Locale.ROOT);
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		long start = System.nanoTime();
		try (MpSolverModel mp = new MpSolverModel(solverId, model, objective, null, false);
				Heartbeat heartbeat = new Heartbeat(options, model, start)) {
			MPSolver solver = mp.solver;
			solver.setTimeLimit(options.timeLimit().toMillis());
			if (solverLog) {
				solver.enableOutput();
			}
			if ("HIGHS".equals(solverId)) {
				// OR-Tools' HiGHS interface ignores MPSolverParameters' relative gap (it keeps HiGHS's 1e-4):
				// set HiGHS's own option; the call reports false yet applies it (RetailPlanExamplesTests checks)
				solver.setSolverSpecificParametersAsString("mip_rel_gap = " + options.relativeGap() + "\n" + parameters);
			}
			else if (!parameters.isBlank() && !solver.setSolverSpecificParametersAsString(parameters)) {
				throw new IllegalArgumentException(solverId + " rejected the parameters: " + parameters);
			}
			MPSolverParameters params = new MPSolverParameters();
			params.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, options.relativeGap());
			MPSolver.ResultStatus status;
			try {
				status = solver.solve(params);
			}
			catch (IllegalArgumentException unknownStatus) {
				// OR-Tools' Java enum has no constant for the status HiGHS ends with on a time limit, and
				// MPSolver then holds no values: an incumbent is kept only if the solver left one
				status = mp.strictlyFeasible() && Double.isFinite(solver.objective().value())
						? MPSolver.ResultStatus.FEASIBLE : MPSolver.ResultStatus.NOT_SOLVED;
			}
			long millis = (System.nanoTime() - start) / 1_000_000;
			return switch (status) {
				case OPTIMAL -> new MipResult(MipResult.Status.OPTIMAL, mp.values(), solver.objective().value(),
						solver.objective().bestBound(), millis, name());
				case FEASIBLE -> new MipResult(MipResult.Status.FEASIBLE, mp.values(), solver.objective().value(),
						solver.objective().bestBound(), millis, name());
				case INFEASIBLE -> new MipResult(MipResult.Status.INFEASIBLE, null, Double.NaN, Double.NaN, millis, name());
				default -> new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, Double.NaN, millis, name());
			};
		}
	}

	/** Logs that a long solve is still running, every few seconds, to the progress sink. */
	static final class Heartbeat implements AutoCloseable {

		private final ScheduledExecutorService timer;

		Heartbeat(SolveOptions options, LinearModel model, long start) {
			timer = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread t = new Thread(r, "solve-heartbeat");
				t.setDaemon(true);
				return t;
			});
			timer.scheduleAtFixedRate(() -> options.progress()
				.accept(String.format("solving: %.1f s elapsed, %d variables (%d integer), %d rows",
						(System.nanoTime() - start) / 1e9, model.size(), model.integerCount(), model.rows().size())),
					3, 3, TimeUnit.SECONDS);
		}

		@Override
		public void close() {
			timer.shutdownNow();
		}
	}
}

package io.smartops.plan.model;

/**
 * Picks the solver by model size, as measured in docs/benchmarks.md: below {@link #DIVE_FROM}
 * integer variables SCIP proves the optimum to the configured gap (the contract's examples take
 * 1 to 2 s); from there on SCIP (through OR-Tools) does not finish its root LP within a minute,
 * while {@link LpDiveBackend} returns a plan with a proven gap to the LP bound of about 0.01%.
 */
public final class AutoBackend implements MipBackend {

	public static final long DIVE_FROM = 5_000;

	private final MipBackend exact;
	private final MipBackend large;

	public AutoBackend(MipBackend exact, MipBackend large) {
		this.exact = exact;
		this.large = large;
	}

	public static AutoBackend standard(boolean solverLog) {
		return new AutoBackend(new MpSolverBackend("SCIP", solverLog, ""), new LpDiveBackend());
	}

	@Override
	public String name() {
		return "auto";
	}

	MipBackend choose(LinearModel model) {
		return model.integerCount() >= DIVE_FROM ? large : exact;
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		return choose(model).maximize(model, objective, options);
	}
}

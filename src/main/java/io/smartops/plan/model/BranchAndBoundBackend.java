package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import com.google.ortools.linearsolver.MPSolver;

/**
 * LP-based branch and bound on GLOP's dual simplex, warm-started from node to node.
 * <p>
 * The retail model's LP relaxation is tight: on the generated 30×4×25×6 case 38 of 10,911
 * binaries are fractional, and deciding the dozen carrier on/off choices leaves a gap of 3e-6.
 * What makes general MIP solvers slow here is the LP itself (53,610 columns), which they re-solve
 * at every node, cut round and heuristic. This backend solves the root LP once with GLOP's primal
 * simplex without presolve, so that GLOP keeps its basis, and every later node changes only
 * bounds of integer variables and re-optimizes with the dual simplex from the previous basis:
 * a node costs tens of milliseconds instead of seconds (docs/benchmarks.md).
 * <p>
 * Search: depth-first plunging (the child the LP leans to first, which is a dive that finds an
 * incumbent early); once a plan is known, the open node with the best bound, which lowers the
 * bound fastest, with a dive every {@value #PLUNGE_EVERY} nodes for better plans. Branching takes
 * the highest {@link LinearModel#priority(int) priority} class first, within it pseudo-costs (the
 * mean objective loss per unit of change seen so far), the most fractional variable first while
 * a variable has none. Fractional variables that round without loss are not branched on. A node
 * is pruned when its bound cannot beat the incumbent by more than the relative gap; the result is
 * {@code OPTIMAL} when no open node can, else {@code FEASIBLE} with the proven gap when the time
 * limit stops the search.
 */
public final class BranchAndBoundBackend implements MipBackend {

	private static final double INTEGRAL = 1e-6;
	private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
	private static final long PLUNGE_EVERY = 50;
	/** Unless verbose, solves shorter than this report nothing; longer ones report every second. */
	private static final double QUIET_SECONDS = 2;

	private final boolean verbose;

	public BranchAndBoundBackend(boolean verbose) {
		this.verbose = verbose;
	}

	public BranchAndBoundBackend() {
		this(false);
	}

	@Override
	public String name() {
		return "bnb";
	}

	/**
	 * A node: the branching decision that made it (new bounds of {@code var}, the direction and the
	 * distance it moved the parent's value), on top of its parent's, and its parent's LP bound.
	 */
	private record Node(Node parent, int var, double lower, double upper, boolean up, double moved, double bound,
			int depth) {
	}

	/** A node's LP stopped at the time limit. */
	private static final class TimeUp extends RuntimeException {

		TimeUp() {
			super(null, null, false, false);
		}
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		try (Search search = new Search(model, objective, options)) {
			return search.run();
		}
	}

	private final class Search implements AutoCloseable {

		private final LinearModel model;
		private final SolveOptions options;
		private final MpSolverModel lp;
		private final long start = System.nanoTime();
		private final long deadline;
		private final int[] integers;
		/** Bounds of the integer variables as the LP holds them now, indexed like {@link #integers}. */
		private final double[] lower;
		private final double[] upper;
		private final int[] position;
		/** Pseudo-costs: summed objective loss per unit of change, and how many branchings measured it. */
		private final double[] downLoss;
		private final double[] upLoss;
		private final int[] downCount;
		private final int[] upCount;
		/** Per integer variable: the rows it appears in, its coefficients there, and its objective coefficient. */
		private final int[][] columnRows;
		private final double[][] columnCoefs;
		private final double[] objectiveCoef;
		private final PriorityQueue<Node> open = new PriorityQueue<>(Comparator.comparingDouble(Node::bound).reversed());

		private double[] incumbent;
		private double incumbentValue = Double.NEGATIVE_INFINITY;
		private long nodes;
		private long lastProgress;
		/** Whether the search dives (solves a child right away) rather than going back to the best bound. */
		private boolean plunging;
		private long lastPlunge;
		/** The node whose bounds the LP holds (its bound counts until it is pruned or branched). */
		private Node applied;

		Search(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
			this.model = model;
			this.options = options;
			this.deadline = start + options.timeLimit().toNanos();
			this.lp = new MpSolverModel("GLOP", model, objective, null, true);
			List<Integer> ints = new ArrayList<>();
			model.vars().forEach(v -> {
				if (v.integer()) {
					ints.add(v.index());
				}
			});
			integers = ints.stream().mapToInt(Integer::intValue).toArray();
			lower = new double[integers.length];
			upper = new double[integers.length];
			position = new int[model.size()];
			for (int i = 0; i < integers.length; i++) {
				lower[i] = model.lower(integers[i]);
				upper[i] = model.upper(integers[i]);
				position[integers[i]] = i;
			}
			columnRows = new int[integers.length][];
			columnCoefs = new double[integers.length][];
			List<List<double[]>> columns = new ArrayList<>();
			for (int i = 0; i < integers.length; i++) {
				columns.add(new ArrayList<>());
			}
			for (LinearModel.Row row : model.rows()) {
				for (int k = 0; k < row.size(); k++) {
					if (model.vars().get(row.var(k)).integer()) {
						columns.get(position[row.var(k)]).add(new double[] { row.index(), row.coef(k) });
					}
				}
			}
			for (int i = 0; i < integers.length; i++) {
				List<double[]> column = columns.get(i);
				columnRows[i] = column.stream().mapToInt(e -> (int) e[0]).toArray();
				columnCoefs[i] = column.stream().mapToDouble(e -> e[1]).toArray();
			}
			double[] c = objective.coefficients(model.size());
			objectiveCoef = new double[integers.length];
			for (int i = 0; i < integers.length; i++) {
				objectiveCoef[i] = c[integers[i]];
			}
			downLoss = new double[integers.length];
			upLoss = new double[integers.length];
			downCount = new int[integers.length];
			upCount = new int[integers.length];
		}

		MipResult run() {
			// the root: primal simplex without presolve; nodes change only bounds and warm-start
			lp.glopKeepsItsBasis();
			lp.solver.setTimeLimit(options.timeLimit().toMillis());
			MPSolver.ResultStatus rootStatus = lp.solver.solve();
			if (rootStatus == MPSolver.ResultStatus.INFEASIBLE) {
				return result(MipResult.Status.INFEASIBLE, Double.NaN);
			}
			if (rootStatus != MPSolver.ResultStatus.OPTIMAL) {
				return result(MipResult.Status.NOT_SOLVED, Double.NaN);
			}
			lp.glopWarmStarts();
			double rootBound = lp.solver.objective().value();
			progress("root LP bound %.2f after %.1f s, %d of %d integer variables fractional", rootBound, seconds(),
					fractional(integerValues()), integers.length);

			Node node = new Node(null, -1, 0, 0, false, 0, rootBound, 0);
			try {
				return search(node);
			}
			catch (TimeUp e) {
				// a node's LP ran into the time limit: the search stops where it is
				return finish(bestBound(applied), false);
			}
		}

		private MipResult search(Node first) {
			Node node = first;
			boolean solved = true;
			boolean lpOptimal = true;
			while (true) {
				if (node != null) {
					if (!solved) {
						apply(node);
						lpOptimal = solveNode();
					}
					nodes++;
					node = lpOptimal ? expand(node) : null;
					solved = node != null;
				}
				if (node == null) {
					node = open.poll();
					solved = false;
					// best bound first once a plan is known, with a dive every PLUNGE_EVERY nodes for better plans
					plunging = incumbent == null || nodes - lastPlunge >= PLUNGE_EVERY;
					if (plunging) {
						lastPlunge = nodes;
					}
					if (node == null || !canImprove(node.bound())) {
						open.clear();
						return finish(node == null ? incumbentValue : node.bound(), true);
					}
				}
				if (System.nanoTime() > deadline) {
					return finish(bestBound(node), false);
				}
				if (System.nanoTime() - lastProgress > PROGRESS_EVERY_NANOS) {
					lastProgress = System.nanoTime();
					progress("%d nodes, %d open, incumbent %s, bound %.2f, gap %s after %.1f s", nodes, open.size(),
							incumbent == null ? "none" : String.format("%.2f", incumbentValue), bestBound(node),
							gapText(bestBound(node)), seconds());
				}
			}
		}

		/**
		 * The LP of {@code node} is solved: prunes it, records an incumbent, or branches. Returns the
		 * child to go on with (its LP solved: a dive), or null to pick from the open nodes.
		 */
		private Node expand(Node node) {
			double value = lp.solver.objective().value();
			if (node.var() >= 0) {
				learn(node, value);
			}
			if (!canImprove(value)) {
				return null;
			}
			double[] values = integerValues();
			boolean[] repairable = new boolean[integers.length];
			double[] repaired = repair(values, repairable);
			int branch = choose(values, repairable);
			if (branch < 0) {
				// integral once repaired; the repair moved no variable against the objective
				double[] solution = lp.values();
				double solutionValue = value;
				for (int i = 0; i < integers.length; i++) {
					double rounded = Math.rint(repaired[i]);
					solutionValue += objectiveCoef[i] * (rounded - solution[integers[i]]);
					solution[integers[i]] = rounded;
				}
				if (solutionValue > incumbentValue) {
					incumbentValue = solutionValue;
					incumbent = solution;
					progress("incumbent %.2f at node %d (depth %d), bound %.2f, gap %s after %.1f s", solutionValue, nodes,
							node.depth(), bestBound(null), gapText(bestBound(null)), seconds());
				}
				return null;
			}
			double x = values[branch];
			int var = integers[branch];
			double f = x - Math.floor(x);
			Node down = new Node(node, var, lower[branch], Math.floor(x), false, f, value, node.depth() + 1);
			Node up = new Node(node, var, Math.ceil(x), upper[branch], true, 1 - f, value, node.depth() + 1);
			boolean upFirst = f >= 0.5;
			if (incumbent != null && !plunging) {
				open.add(down);
				open.add(up);
				return null;
			}
			open.add(upFirst ? down : up);
			Node next = upFirst ? up : down;
			apply(next);
			if (solveNode()) {
				return next;
			}
			// the child's LP is infeasible: nothing below it; continue with the open nodes
			nodes++;
			return null;
		}

		/** The fractional integer variable to branch on (index into {@link #integers}), or -1 if none. */
		private int choose(double[] values, boolean[] repairable) {
			int best = -1;
			int bestPriority = Integer.MIN_VALUE;
			double bestScore = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < integers.length; i++) {
				double x = values[i];
				double f = x - Math.floor(x);
				if (f <= INTEGRAL || f >= 1 - INTEGRAL || repairable[i]) {
					continue;
				}
				int priority = model.priority(integers[i]);
				if (priority < bestPriority) {
					continue;
				}
				double score = score(i, f);
				if (priority > bestPriority || score > bestScore) {
					best = i;
					bestPriority = priority;
					bestScore = score;
				}
			}
			return best;
		}

		/**
		 * The product rule on pseudo-costs (the loss expected in each child); a variable never
		 * branched on scores by fractionality, above every measured one so each is tried once.
		 */
		private double score(int i, double f) {
			if (downCount[i] == 0 || upCount[i] == 0) {
				return 1e12 * Math.min(f, 1 - f);
			}
			double down = Math.max(1e-6, f * downLoss[i] / downCount[i]);
			double up = Math.max(1e-6, (1 - f) * upLoss[i] / upCount[i]);
			return down * up;
		}

		/**
		 * Rounds what can be rounded without loss: a fractional variable moves to the neighbouring
		 * integer in a direction that does not lower the objective and keeps every row it appears in
		 * within its bounds (such as an option's on/off choice whose only role is to allow the units
		 * sold under it: rounding it up changes nothing else). Marks the variables so rounded; when
		 * every fractional variable is, the node's LP value is reached by an integer solution.
		 */
		private double[] repair(double[] values, boolean[] repairable) {
			double[] rounded = values.clone();
			double[] activity = null;
			for (int i = 0; i < integers.length; i++) {
				double x = values[i];
				if (Math.abs(x - Math.rint(x)) <= INTEGRAL) {
					continue;
				}
				if (activity == null) {
					activity = lp.solver.computeConstraintActivities();
				}
				for (double target : objectiveCoef[i] < 0 ? new double[] { Math.floor(x) }
						: objectiveCoef[i] > 0 ? new double[] { Math.ceil(x) } : new double[] { Math.ceil(x), Math.floor(x) }) {
					if (target < lower[i] || target > upper[i] || !fits(i, target - x, activity)) {
						continue;
					}
					for (int k = 0; k < columnRows[i].length; k++) {
						activity[columnRows[i][k]] += columnCoefs[i][k] * (target - x);
					}
					rounded[i] = target;
					repairable[i] = true;
					break;
				}
			}
			return rounded;
		}

		private boolean fits(int i, double delta, double[] activity) {
			for (int k = 0; k < columnRows[i].length; k++) {
				LinearModel.Row row = model.rows().get(columnRows[i][k]);
				if (MpSolverModel.violates(activity[row.index()] + columnCoefs[i][k] * delta, row.lower(), row.upper())) {
					return false;
				}
			}
			return true;
		}

		/** Updates the pseudo-cost of the branching that made {@code node} from its LP value. */
		private void learn(Node node, double value) {
			int i = position[node.var()];
			double perUnit = Math.max(0, node.bound() - value) / node.moved();
			if (node.up()) {
				upLoss[i] += perUnit;
				upCount[i]++;
			}
			else {
				downLoss[i] += perUnit;
				downCount[i]++;
			}
		}

		private boolean solveNode() {
			MPSolver.ResultStatus status = lp.solver.solve();
			if (status == MPSolver.ResultStatus.OPTIMAL) {
				return true;
			}
			if (status == MPSolver.ResultStatus.INFEASIBLE) {
				return false;
			}
			if (System.nanoTime() > deadline) {
				throw new TimeUp();
			}
			// the warm-started dual simplex gave up (numerics): re-solve with the primal simplex
			lp.glopKeepsItsBasis();
			status = lp.solver.solve();
			lp.glopWarmStarts();
			if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.INFEASIBLE) {
				throw new IllegalStateException("GLOP could not solve a node's LP: " + status);
			}
			return status == MPSolver.ResultStatus.OPTIMAL;
		}

		/** Sets the LP's integer bounds to those of {@code node}: the root's, then its decisions. */
		private void apply(Node node) {
			applied = node;
			double[] lo = new double[integers.length];
			double[] hi = new double[integers.length];
			for (int i = 0; i < integers.length; i++) {
				lo[i] = model.lower(integers[i]);
				hi[i] = model.upper(integers[i]);
			}
			List<Node> path = new ArrayList<>();
			for (Node n = node; n != null && n.var() >= 0; n = n.parent()) {
				path.add(n);
			}
			for (int k = path.size() - 1; k >= 0; k--) {
				Node n = path.get(k);
				int i = position[n.var()];
				lo[i] = Math.max(lo[i], n.lower());
				hi[i] = Math.min(hi[i], n.upper());
			}
			for (int i = 0; i < integers.length; i++) {
				if (lo[i] != lower[i] || hi[i] != upper[i]) {
					lower[i] = lo[i];
					upper[i] = hi[i];
					lp.vars[integers[i]].setBounds(lo[i], hi[i]);
				}
			}
		}

		private double[] integerValues() {
			double[] v = new double[integers.length];
			for (int i = 0; i < integers.length; i++) {
				v[i] = lp.vars[integers[i]].solutionValue();
			}
			return v;
		}

		private int fractional(double[] values) {
			int n = 0;
			for (double x : values) {
				if (Math.abs(x - Math.rint(x)) > INTEGRAL) {
					n++;
				}
			}
			return n;
		}

		/** Whether a bound leaves room to beat the incumbent by more than the relative gap. */
		private boolean canImprove(double bound) {
			return incumbent == null || bound > incumbentValue + tolerance();
		}

		private double tolerance() {
			return options.relativeGap() * Math.max(1, Math.abs(incumbentValue));
		}

		private double bestBound(Node current) {
			double bound = incumbent == null ? Double.NEGATIVE_INFINITY : incumbentValue;
			if (current != null) {
				bound = Math.max(bound, current.bound());
			}
			Node top = open.peek();
			return top == null ? bound : Math.max(bound, top.bound());
		}

		private MipResult finish(double bound, boolean exhausted) {
			if (incumbent == null) {
				return result(exhausted ? MipResult.Status.INFEASIBLE : MipResult.Status.NOT_SOLVED, bound);
			}
			double finalBound = exhausted ? Math.max(incumbentValue, Math.min(bound, incumbentValue + tolerance()))
					: bound;
			progress("%s: %d nodes, incumbent %.2f, bound %.2f after %.1f s", exhausted ? "search complete" : "time limit",
					nodes, incumbentValue, finalBound, seconds());
			return result(exhausted ? MipResult.Status.OPTIMAL : MipResult.Status.FEASIBLE, finalBound);
		}

		private MipResult result(MipResult.Status status, double bound) {
			return new MipResult(status, incumbent, incumbent == null ? Double.NaN : incumbentValue, bound,
					(System.nanoTime() - start) / 1_000_000, name());
		}

		private String gapText(double bound) {
			if (incumbent == null || !Double.isFinite(bound)) {
				return "-";
			}
			return String.format("%.5f%%", 100 * MipResult.relativeGap(incumbentValue, bound));
		}

		private double seconds() {
			return (System.nanoTime() - start) / 1e9;
		}

		private void progress(String format, Object... args) {
			if (!verbose && seconds() < QUIET_SECONDS) {
				return;
			}
			options.progress().accept("branch-and-bound: " + String.format(format, args));
		}

		@Override
		public void close() {
			lp.close();
		}
	}
}

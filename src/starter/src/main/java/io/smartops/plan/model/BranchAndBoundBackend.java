package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;

import com.google.ortools.linearsolver.MPSolver;

/**
 * LP-based branch and cut on GLOP's dual simplex, warm-started from node to node.
 * <p>
 * What makes general MIP solvers slow on the retail model is the LP itself (53,610 columns on the
 * generated 30×4×25×6 case), which they re-solve at every node, cut round and heuristic. This
 * backend solves the root LP once with GLOP's primal simplex without presolve, so that GLOP keeps
 * its basis; every later LP changes only bounds or adds rows and re-optimizes with the dual
 * simplex from the previous basis (docs/benchmarks.md).
 * <p>
 * Root: a rounding heuristic (integer variables fixed near their LP values, the LP re-solved for
 * the rest) gives a first plan; with it, <em>probing</em> decides the prioritized variables one
 * side of which cannot beat the plan, <em>reduced-cost fixing</em> fixes variables whose reduced
 * cost exceeds the gap, and rounds of {@link GomoryCuts Gomory mixed-integer cuts} tighten the
 * LP while they lower the bound. Without a plan from rounding, the search first dives for one and
 * then comes back to the root to do the same. When less time is left than the root LP took, the
 * search dives for better plans instead. The strengthened root's reduced costs are kept: every
 * better plan fixes, for the whole tree, the variables they now decide, and a rounding plan that
 * closes most of the gap sends the search back to the root for more cut rounds (at most twice).
 * <p>
 * Search: depth-first plunging (the child the LP leans to first) until a plan is known; then the
 * open node with the best bound, with a dive every {@value #PLUNGE_EVERY} nodes and the rounding
 * heuristic every {@value #ROUND_EVERY}. Branching takes the highest
 * {@link LinearModel#priority(int) priority} class first, within it pseudo-costs (the mean
 * objective loss per unit of change seen so far), the most fractional variable first while a
 * variable has none. Fractional variables that round without loss are not branched on. A node is
 * pruned when its bound cannot beat the incumbent by more than the relative gap; the result is
 * {@code OPTIMAL} when no open node can, else {@code FEASIBLE} with the proven gap when the time
 * limit stops the search.
 */
public final class BranchAndBoundBackend implements MipBackend {

	private static final double INTEGRAL = 1e-6;
	private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;
	private static final long PLUNGE_EVERY = 50;
	/** The rounding heuristic runs at the root and then at most once every this many nodes. */
	private static final long ROUND_EVERY = 20;
	/** Unless verbose, solves shorter than this report nothing; longer ones report every second. */
	private static final double QUIET_SECONDS = 2;
	/** At most this many rounds of Gomory cuts at the restart, and this many cuts a round (most efficacious first). */
	private static final int CUT_ROUNDS = 50;
	private static final int CUTS_PER_ROUND = 100;
	/** Cut rounds stop when the last three lowered the bound by less than this share of the gap at the restart. */
	private static final double CUT_PROGRESS = 1e-3;
	/**
	 * The search goes back to the root once more when a plan of the rounding heuristic leaves less
	 * than this share of the gap the last restart started from: the cut rounds' stopping rule is
	 * relative to that gap, and reduced-cost fixing against the better plan decides far more
	 * variables.
	 */
	private static final double RESTART_SHRINK = 0.1;
	/** At most this many restarts after the first. */
	private static final int MORE_RESTARTS = 2;

	private final boolean verbose;
	/** Whether the root is strengthened with probing and cuts when time allows (tests turn it off). */
	private final boolean strengthenRoot;

	public BranchAndBoundBackend(boolean verbose) {
		this(verbose, true);
	}

	BranchAndBoundBackend(boolean verbose, boolean strengthenRoot) {
		this.verbose = verbose;
		this.strengthenRoot = strengthenRoot;
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

	/**
	 * Hands the search's warm LP to the analysis, with the cuts freed and the integer variables
	 * fixed to the plan's values: the fixed LP then takes a few dual simplex pivots instead of a
	 * solve from scratch, and so does each re-solve of the ranging. Only after a complete search:
	 * where the time limit stopped it, or should GLOP not prove that LP optimal, a fresh LP is
	 * analysed instead.
	 */
	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options,
			BiConsumer<MipResult, LpAnalysis> analysis) {
		try (Search search = new Search(model, objective, options)) {
			MipResult result = search.run();
			if (result.status() == MipResult.Status.OPTIMAL) {
				LpAnalysis warm = search.fixedLp();
				if (warm.solve()) {
					analysis.accept(result, warm);
					return result;
				}
			}
			// a time limit may have stopped GLOP inside a node's LP (its state is no good start), or GLOP
			// did not prove the warm LP optimal: a fresh LP instead
			MipBackend.analyseAfresh(model, objective, result, analysis);
			return result;
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
		/** Bounds every node starts from: the model's, tightened by probing and reduced-cost fixing. */
		private final double[] globalLower;
		private final double[] globalUpper;
		private GomoryCuts gomory;
		private boolean restartPending;
		private boolean restarted;
		private int moreRestarts;
		/** The gap between the root's bound and the incumbent when the last restart began. */
		private double lastRestartGap = Double.POSITIVE_INFINITY;
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
		private long lastRounding;
		/** The node whose bounds the LP holds (its bound counts until it is pruned or branched). */
		private Node applied;
		/** The root LP's bound, lowered by probing and cuts: no plan better than the incumbent lies above it. */
		private double rootBound;
		/** Seconds from the start to the root LP's optimum. */
		private double rootSeconds;
		/**
		 * The strengthened root LP (after probing and the cut rounds): its bound and each integer
		 * variable's reduced cost, where the variable sat at one of its global bounds (else 0). Each
		 * better incumbent fixes the variables whose reduced cost alone would take that bound below
		 * it, for the whole tree ({@link #fixByRootReducedCosts()}).
		 */
		private double rootLpBound = Double.NaN;
		private double[] rootReducedCost;
		private long rootFixed;

		Search(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
			this.model = model;
			this.options = options;
			this.deadline = start + options.timeLimit().toNanos();
			// rows that only tighten the relaxation are left out: probing decides the same choices
			this.lp = new MpSolverModel("GLOP", model, objective, null, true, true);
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
			globalLower = lower.clone();
			globalUpper = upper.clone();
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
			rootBound = lp.solver.objective().value();
			int rootFractional = fractional(integerValues());
			progress("root LP bound %.2f after %.1f s, %d of %d integer variables fractional", rootBound, seconds(),
					rootFractional, integers.length);

			Node node = new Node(null, -1, 0, 0, false, 0, rootBound, 0);
			applied = node;
			rootSeconds = seconds();
			try {
				if (rootFractional > 0 && roundAndSolve()) {
					restarted = true;
					if (timeForRestart()) {
						// a plan from the root: strengthen the root with it before branching
						node = restart();
						if (node == null) {
							return finish(incumbentValue, true);
						}
					}
					else {
						// too little time left to strengthen the root: dive for a better plan first
						plunging = true;
						return search(node, false);
					}
				}
				// a rounding that found no better plan still left its own LP solved: solve the root's again
				return search(node, rootFractional == 0);
			}
			catch (TimeUp e) {
				// a node's LP ran into the time limit: the search stops where it is
				// the root's bound may be lower than the node's: probing and cuts lowered it
				double bound = Math.min(bestBound(applied), rootBound);
				return finish(incumbent == null ? bound : Math.max(incumbentValue, bound), false);
			}
		}

		/**
		 * Rounding heuristic: fixes every integer variable near its LP value (choices that carry a
		 * cost, such as an on/off with a fixed cost, round up because they enable others; the rest to
		 * the nearest integer, halves down) and re-solves the LP for the continuous variables. Records
		 * the plan when that LP is feasible; then restores the bounds. Returns whether it found one.
		 */
		private boolean roundAndSolve() {
			double[] values = integerValues();
			for (int i = 0; i < integers.length; i++) {
				double x = values[i];
				double target = Math.abs(x - Math.rint(x)) <= INTEGRAL ? Math.rint(x)
						: objectiveCoef[i] < 0 ? Math.ceil(x) : Math.ceil(x - 0.5);
				target = Math.max(lower[i], Math.min(upper[i], target));
				lp.vars[integers[i]].setBounds(target, target);
			}
			boolean found = false;
			if (solveWithinDeadline() == MPSolver.ResultStatus.OPTIMAL) {
				double value = lp.solver.objective().value();
				if (value > incumbentValue) {
					incumbentValue = value;
					incumbent = lp.values();
					found = true;
					betterIncumbentByRounding();
					progress("incumbent %.2f by rounding at node %d, bound %.2f, gap %s after %.1f s", value, nodes,
							bestBound(applied), gapText(bestBound(applied)), seconds());
				}
			}
			for (int i = 0; i < integers.length; i++) {
				lp.vars[integers[i]].setBounds(lower[i], upper[i]);
			}
			return found;
		}

		/**
		 * Back at the root with a plan in hand: decides the prioritized variables the plan's value
		 * rules out (probing), fixes variables whose reduced cost exceeds the gap, and adds rounds of
		 * Gomory cuts. Returns the root node with its LP solved, or null if nothing better exists.
		 */
		private Node restart() {
			Node root = new Node(null, -1, 0, 0, false, 0, rootBound, 0);
			apply(root);
			if (!solveNode()) {
				return null;
			}
			double[] values = integerValues();
			int probed = 0;
			int fixedByProbing = 0;
			for (int i = 0; i < integers.length; i++) {
				double x = values[i];
				if (model.priority(integers[i]) <= 0 || Math.abs(x - Math.rint(x)) <= INTEGRAL) {
					continue;
				}
				for (double side : new double[] { Math.floor(x), Math.ceil(x) }) {
					checkDeadline();
					probed++;
					lp.vars[integers[i]].setBounds(side, side);
					boolean feasible = solveNode();
					double value = feasible ? lp.solver.objective().value() : Double.NEGATIVE_INFINITY;
					lp.vars[integers[i]].setBounds(globalLower[i], globalUpper[i]);
					if (!canImprove(value)) {
						// no better plan has this value: the other side holds
						fixGlobally(i, side == Math.floor(x) ? Math.ceil(x) : Math.floor(x));
						fixedByProbing++;
						break;
					}
				}
			}
			if (!solveNode()) {
				return null;
			}
			double bound = lp.solver.objective().value();
			rootBound = Math.min(rootBound, bound);
			progress("probing %d sides fixed %d variables; root bound %.2f after %.1f s", probed, fixedByProbing, bound,
					seconds());
			fixByReducedCost(bound);
			if (gomory == null) {
				gomory = new GomoryCuts(model, lp);
			}
			double[] lo = new double[model.size()];
			double[] hi = new double[model.size()];
			for (int j = 0; j < lo.length; j++) {
				lo[j] = model.lower(j);
				hi[j] = model.upper(j);
			}
			double restartGap = bound - incumbentValue;
			lastRestartGap = restartGap;
			double[] recent = new double[3];
			Arrays.fill(recent, Double.POSITIVE_INFINITY);
			for (int round = 1; round <= CUT_ROUNDS && canImprove(bound)
					&& recent[0] + recent[1] + recent[2] > CUT_PROGRESS * restartGap; round++) {
				for (int i = 0; i < integers.length; i++) {
					lo[integers[i]] = globalLower[i];
					hi[integers[i]] = globalUpper[i];
				}
				checkDeadline();
				List<GomoryCuts.Cut> cuts = gomory.separate(lp, lp.values(), lo, hi, CUTS_PER_ROUND);
				if (cuts.isEmpty()) {
					break;
				}
				for (GomoryCuts.Cut cut : cuts) {
					gomory.add(lp, cut);
				}
				if (!solveNode()) {
					return null;
				}
				double next = lp.solver.objective().value();
				rootBound = Math.min(rootBound, next);
				progress("cut round %d: %d cuts, bound %.2f, gap %s after %.1f s", round, cuts.size(), next,
						gapText(next), seconds());
				recent[round % 3] = bound - next;
				bound = next;
				if (round % 5 == 0) {
					fixByReducedCost(bound);
				}
			}
			rememberRoot(bound);
			return new Node(null, -1, 0, 0, false, 0, bound, 0);
		}

		/** Keeps the strengthened root LP's bound and reduced costs for fixing by later incumbents. */
		private void rememberRoot(double bound) {
			double[] xs = integerValues();
			rootLpBound = bound;
			rootReducedCost = new double[integers.length];
			for (int i = 0; i < integers.length; i++) {
				double x = xs[i];
				double rc = lp.vars[integers[i]].reducedCost();
				boolean atLower = Math.abs(x - globalLower[i]) <= INTEGRAL && rc < 0;
				boolean atUpper = Math.abs(x - globalUpper[i]) <= INTEGRAL && rc > 0;
				rootReducedCost[i] = atLower || atUpper ? rc : 0;
			}
		}

		/**
		 * A better plan from the rounding heuristic: fixes what the root's reduced costs now decide,
		 * and asks for another restart when it closed most of the gap.
		 */
		private void betterIncumbentByRounding() {
			fixByRootReducedCosts();
			if (rootReducedCost != null && moreRestarts < MORE_RESTARTS
					&& rootLpBound - incumbentValue < RESTART_SHRINK * lastRestartGap) {
				restartPending = true;
			}
		}

		/**
		 * Reduced-cost fixing with the root's reduced costs against a better incumbent: a variable
		 * that sat at a bound in the strengthened root LP cannot move one unit from it in any plan
		 * better than the incumbent when the root's bound less its reduced cost is no better. Moves
		 * only the global bounds; the LP takes them when the next node is applied, and an open node
		 * whose decisions contradict them is pruned then.
		 */
		private void fixByRootReducedCosts() {
			if (rootReducedCost == null) {
				return;
			}
			int fixed = 0;
			for (int i = 0; i < integers.length; i++) {
				double rc = rootReducedCost[i];
				if (rc == 0 || globalLower[i] == globalUpper[i] || canImprove(rootLpBound - Math.abs(rc))) {
					continue;
				}
				if (rc < 0) {
					globalUpper[i] = globalLower[i];
				}
				else {
					globalLower[i] = globalUpper[i];
				}
				fixed++;
			}
			rootFixed += fixed;
			if (fixed > 0) {
				progress("the root's reduced costs fix %d more integer variables (%d in all) after %.1f s", fixed, rootFixed,
						seconds());
			}
		}

		/**
		 * Whether the time left allows probing and cut rounds, which take about as long as the root
		 * LP did; otherwise the time is better spent diving for plans.
		 */
		private boolean timeForRestart() {
			return strengthenRoot && (deadline - System.nanoTime()) / 1e9 >= rootSeconds;
		}

		private void checkDeadline() {
			if (System.nanoTime() > deadline) {
				throw new TimeUp();
			}
		}

		/** Fixes non-basic integer variables whose reduced cost alone would take the bound below the incumbent. */
		private void fixByReducedCost(double bound) {
			int fixed = 0;
			double[] xs = integerValues();
			double[] rcs = new double[integers.length];
			for (int i = 0; i < integers.length; i++) {
				rcs[i] = lp.vars[integers[i]].reducedCost();
			}
			for (int i = 0; i < integers.length; i++) {
				if (globalLower[i] == globalUpper[i]) {
					continue;
				}
				double x = xs[i];
				double rc = rcs[i];
				if (canImprove(bound - Math.abs(rc))) {
					continue;
				}
				if (Math.abs(x - globalLower[i]) <= INTEGRAL && rc < 0) {
					fixGlobally(i, globalLower[i]);
				}
				else if (Math.abs(x - globalUpper[i]) <= INTEGRAL && rc > 0) {
					fixGlobally(i, globalUpper[i]);
				}
				else {
					continue;
				}
				fixed++;
			}
			if (fixed > 0 && !solveNode()) {
				throw new IllegalStateException("fixing variables at their LP values made the LP infeasible");
			}
			progress("reduced costs fixed %d integer variables after %.1f s", fixed, seconds());
		}

		/** Fixes integer variable {@code i} to {@code value} for the whole tree, in the LP now too. */
		private void fixGlobally(int i, double value) {
			globalLower[i] = value;
			globalUpper[i] = value;
			lower[i] = value;
			upper[i] = value;
			lp.vars[integers[i]].setBounds(value, value);
		}

		/** Searches from {@code first}; {@code solved} says whether the LP holds that node's solution. */
		private MipResult search(Node first, boolean solved) {
			Node node = first;
			boolean lpOptimal = true;
			while (true) {
				if (node != null) {
					if (!solved) {
						lpOptimal = apply(node) && solveNode();
					}
					nodes++;
					node = lpOptimal ? expand(node) : null;
					solved = node != null;
					if (restartPending && timeForRestart()) {
						restartPending = false;
						if (restarted) {
							moreRestarts++;
							progress("back to the root with incumbent %.2f after %.1f s (restart %d)", incumbentValue,
									seconds(), moreRestarts + 1);
						}
						restarted = true;
						open.clear();
						node = restart();
						solved = true;
						lpOptimal = node != null;
						continue;
					}
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
					fixByRootReducedCosts();
					// the first plan came from the tree: strengthen the root with it (later restarts
					// follow plans of the rounding heuristic only, as measured in docs/benchmarks.md)
					restartPending = !restarted && node.depth() > 0;
					progress("incumbent %.2f at node %d (depth %d), bound %.2f, gap %s after %.1f s", solutionValue, nodes,
							node.depth(), bestBound(null), gapText(bestBound(null)), seconds());
				}
				return null;
			}
			if (nodes - lastRounding >= ROUND_EVERY) {
				lastRounding = nodes;
				if (roundAndSolve() && !canImprove(value)) {
					return null;
				}
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
			if (apply(next) && solveNode()) {
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
					activity = lp.activities();
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
				if (lp.rows[row.index()] == null) {
					continue; // implied by the other rows once the integers are integral
				}
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
			MPSolver.ResultStatus status = solveWithinDeadline();
			if (status == MPSolver.ResultStatus.OPTIMAL) {
				return true;
			}
			if (status == MPSolver.ResultStatus.INFEASIBLE) {
				return false;
			}
			if (System.nanoTime() > deadline) {
				throw new TimeUp();
			}
			// the warm-started dual simplex gave up (numerics): re-solve with the primal simplex, first
			// from the basis it has, then, should that fail too, from scratch (a basis of slacks)
			lp.glopKeepsItsBasis();
			status = solveWithinDeadline();
			if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.INFEASIBLE) {
				checkDeadline();
				progress("GLOP returned %s on a node's LP from its basis; solving it from scratch", status);
				lp.solver.reset();
				status = solveWithinDeadline();
			}
			lp.glopWarmStarts();
			if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.INFEASIBLE) {
				checkDeadline();
				throw new IllegalStateException("GLOP could not solve a node's LP: " + status);
			}
			return status == MPSolver.ResultStatus.OPTIMAL;
		}

		/** Solves the LP in the time left, so that no single LP (a node's, a cut round's) runs past the limit. */
		private MPSolver.ResultStatus solveWithinDeadline() {
			long left = (deadline - System.nanoTime()) / 1_000_000;
			if (left <= 0) {
				throw new TimeUp();
			}
			lp.solver.setTimeLimit(left);
			return lp.solver.solve();
		}

		/**
		 * Sets the LP's integer bounds to those of {@code node}: the global ones, then its decisions.
		 * False, with the LP unchanged, when a decision contradicts a global bound fixed since the
		 * node was made: nothing better than the incumbent lies below it.
		 */
		private boolean apply(Node node) {
			applied = node;
			double[] lo = new double[integers.length];
			double[] hi = new double[integers.length];
			for (int i = 0; i < integers.length; i++) {
				lo[i] = globalLower[i];
				hi[i] = globalUpper[i];
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
				if (lo[i] > hi[i]) {
					return false;
				}
			}
			for (int i = 0; i < integers.length; i++) {
				if (lo[i] != lower[i] || hi[i] != upper[i]) {
					lower[i] = lo[i];
					upper[i] = hi[i];
					lp.vars[integers[i]].setBounds(lo[i], hi[i]);
				}
			}
			return true;
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
			progress("%s: %d nodes, incumbent %.2f, bound %.2f, gap %s after %.1f s",
					exhausted ? "search complete" : "time limit", nodes, incumbentValue, finalBound, gapText(finalBound),
					seconds());
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

		/**
		 * The LP with the cuts freed and the integer variables fixed to the incumbent's values; the
		 * rows left out stay out (putting them back makes GLOP start afresh), and the analysis
		 * takes them into account.
		 */
		LpAnalysis fixedLp() {
			if (gomory != null) {
				gomory.release();
			}
			for (int i = 0; i < integers.length; i++) {
				double v = Math.rint(incumbent[integers[i]]);
				lp.vars[integers[i]].setBounds(v, v);
			}
			// the search's last LP had only the time left before its deadline; the analysis has its own
			lp.noTimeLimit();
			return new LpAnalysis(model, lp, false);
		}

		@Override
		public void close() {
			lp.close();
		}
	}
}

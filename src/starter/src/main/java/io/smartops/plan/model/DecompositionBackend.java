package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiConsumer;

import com.google.ortools.Loader;
import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Dantzig–Wolfe decomposition for models too large for one LP in the time limit, such as a retail
 * network of 100 products: the rows marked {@link LinearModel.Row#linking() linking} (capacities,
 * the CO2 cap, the fill rate) couple parts that the other rows leave independent (one per
 * product), so each part's LP is solved on its own, GLOP warm-started from its last basis, and a
 * small master LP over the linking rows combines the parts' plans.
 * <p>
 * <b>Bound.</b> Every round prices each part at the master's duals of the linking rows; the sum of
 * the parts' optima at those prices, plus the prices times the limits, is a Lagrangian bound on the
 * relaxation, and so on every plan (valid for any prices of the right sign; the best one is kept).
 * Where the master's duals swing, parts are priced at a point between the best prices so far and
 * the master's (Wentges' smoothing), which needs far fewer rounds.
 * <p>
 * <b>Plan.</b> When the master's relaxation is within {@link #RELAXATION_GAP} of the bound, or half
 * of the time is gone, each integer variable is rounded from the part's plan that weighs most in
 * the master (a carrier in use anywhere stays in use), fixed, and the decomposition runs again on
 * the LP that remains: its master's solution, a convex combination of the parts' plans with the
 * same integer choices, is a plan of the whole model. Its gap is proven against the bound of the
 * first stage.
 * <p>
 * Variables that no unlinked row ties to others (a carrier's on/off choice) are columns of the
 * master itself. Linking rows get artificial columns at a large price, so the master is feasible
 * from the first round; a plan whose artificials are not zero is not a plan. The rows that only
 * tighten the relaxation are left out, as branch and cut leaves them out.
 */
public final class DecompositionBackend implements MipBackend {

	/** The first stage ends when the master's relaxation is this close to the bound. */
	static final double RELAXATION_GAP = 2e-5;
	/** The second stage ends when its master is this close to its own bound (the LP with the integers fixed). */
	static final double FIXED_GAP = 1e-6;
	/** A column enters the master when its reduced cost exceeds this (relative to the part's value). */
	private static final double ENTERS = 1e-9;
	private static final double SMOOTHING = 0.5;
	private static final long PROGRESS_EVERY_NANOS = 1_000_000_000L;

	static {
		Loader.loadNativeLibraries();
	}

	private final boolean verbose;
	/** Solves a model that does not fall apart into parts. */
	private final MipBackend whole;

	public DecompositionBackend(boolean verbose) {
		this(verbose, new BranchAndBoundBackend(verbose));
	}

	public DecompositionBackend(boolean verbose, MipBackend whole) {
		this.verbose = verbose;
		this.whole = whole;
	}

	@Override
	public String name() {
		return "decomposition";
	}

	/**
	 * The parts of a model: each variable's part (-1 for a master variable), the rows inside each
	 * part, and the linking rows. Null when the model does not fall apart into at least two parts
	 * of which none holds more than half of the variables.
	 */
	record Parts(int count, List<List<Integer>> vars, List<List<LinearModel.Row>> rows,
			List<LinearModel.Row> linking, int[] masterVars) {

		static Parts of(LinearModel model) {
			int n = model.size();
			int[] parent = new int[n];
			for (int i = 0; i < n; i++) {
				parent[i] = i;
			}
			boolean[] inRow = new boolean[n];
			List<LinearModel.Row> linking = new ArrayList<>();
			for (LinearModel.Row r : model.rows()) {
				if (r.isLinking()) {
					linking.add(r);
					continue;
				}
				if (r.isTightening() || r.size() == 0) {
					continue;
				}
				int first = find(parent, r.var(0));
				inRow[r.var(0)] = true;
				for (int k = 1; k < r.size(); k++) {
					inRow[r.var(k)] = true;
					int other = find(parent, r.var(k));
					if (other != first) {
						parent[other] = first;
					}
				}
			}
			if (linking.isEmpty()) {
				return null;
			}
			int[] partOf = new int[n];
			int[] partOfRoot = new int[n];
			Arrays.fill(partOfRoot, -1);
			List<List<Integer>> vars = new ArrayList<>();
			List<Integer> master = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				if (!inRow[i]) {
					partOf[i] = -1;
					master.add(i);
					continue;
				}
				int root = find(parent, i);
				if (partOfRoot[root] < 0) {
					partOfRoot[root] = vars.size();
					vars.add(new ArrayList<>());
				}
				partOf[i] = partOfRoot[root];
				vars.get(partOf[i]).add(i);
			}
			int largest = vars.stream().mapToInt(List::size).max().orElse(0);
			if (vars.size() < 2 || largest > n / 2) {
				return null;
			}
			List<List<LinearModel.Row>> rows = new ArrayList<>();
			vars.forEach(v -> rows.add(new ArrayList<>()));
			for (LinearModel.Row r : model.rows()) {
				if (!r.isLinking() && !r.isTightening() && r.size() > 0) {
					rows.get(partOf[r.var(0)]).add(r);
				}
			}
			return new Parts(vars.size(), vars, rows, linking,
					master.stream().mapToInt(Integer::intValue).toArray());
		}

		private static int find(int[] parent, int i) {
			while (parent[i] != i) {
				parent[i] = parent[parent[i]];
				i = parent[i];
			}
			return i;
		}
	}

	/** Whether the model falls apart into parts joined only by linking rows. */
	public static boolean decomposes(LinearModel model) {
		return Parts.of(model) != null;
	}

	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options) {
		return maximize(model, objective, options, null);
	}

	/**
	 * Hands the analysis the plan with the last master's duals of the linking rows (the LP of the
	 * plan's integer choices is the second stage's, so these are its duals as far as it
	 * converged) instead of solving that LP whole, which is what this backend avoids.
	 */
	@Override
	public MipResult maximize(LinearModel model, LinearModel.Objective objective, SolveOptions options,
			BiConsumer<MipResult, LpAnalysis> analysis) {
		Parts parts = Parts.of(model);
		if (parts == null) {
			options.progress().accept("the model does not fall apart into parts joined by linking rows: " + whole.name()
					+ " solves it whole");
			return analysis == null ? whole.maximize(model, objective, options)
					: whole.maximize(model, objective, options, analysis);
		}
		try (Decomposition d = new Decomposition(model, objective, parts, options)) {
			MipResult result = d.run();
			if (analysis != null && result.hasSolution()) {
				try (LpAnalysis known = LpAnalysis.known(model, result.values(), d.linkingDuals())) {
					analysis.accept(result, known);
				}
			}
			return result;
		}
	}

	/** A part's plan: its objective, its activity in each linking row, its nonzero values. */
	private record Column(int part, double objective, double[] linking, int[] index, double[] value) {
	}

	private final class Decomposition implements AutoCloseable {

		final LinearModel model;
		final LinearModel.Objective objectiveDef;
		final Parts parts;
		final SolveOptions options;
		final long start = System.nanoTime();
		final long deadline;
		final double[] c;
		final int m;
		/** Per variable, the linking rows it appears in and its coefficients there. */
		final int[][] linkRows;
		final double[][] linkCoefs;
		final PartLp[] lps;
		final ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
		final double bigM;
		long lastProgress = System.nanoTime();
		int rounds;

		/** The bound of the first stage: on every plan. */
		double bestBound = Double.POSITIVE_INFINITY;
		double[] lastDuals;

		Decomposition(LinearModel model, LinearModel.Objective objectiveDef, Parts parts, SolveOptions options) {
			this.model = model;
			this.objectiveDef = objectiveDef;
			this.parts = parts;
			this.options = options;
			this.deadline = start + options.timeLimit().toNanos();
			this.c = objectiveDef.coefficients(model.size());
			this.m = parts.linking().size();
			int n = model.size();
			int[] counts = new int[n];
			for (LinearModel.Row r : parts.linking()) {
				for (int k = 0; k < r.size(); k++) {
					counts[r.var(k)]++;
				}
			}
			linkRows = new int[n][];
			linkCoefs = new double[n][];
			for (int i = 0; i < n; i++) {
				linkRows[i] = new int[counts[i]];
				linkCoefs[i] = new double[counts[i]];
			}
			Arrays.fill(counts, 0);
			for (int r = 0; r < m; r++) {
				LinearModel.Row row = parts.linking().get(r);
				for (int k = 0; k < row.size(); k++) {
					int v = row.var(k);
					linkRows[v][counts[v]] = r;
					linkCoefs[v][counts[v]++] = row.coef(k);
				}
			}
			double largest = 1;
			for (double x : c) {
				largest = Math.max(largest, Math.abs(x));
			}
			bigM = 1e2 * largest;
			lps = new PartLp[parts.count()];
			long built = System.nanoTime();
			for (int p = 0; p < lps.length; p++) {
				lps[p] = new PartLp(p);
			}
			progress(String.format(Locale.ROOT, "decomposition: %d parts of %d–%d variables, %d linking rows, %d master variables (built in %.1f s)",
					lps.length, parts.vars().stream().mapToInt(List::size).min().orElse(0),
					parts.vars().stream().mapToInt(List::size).max().orElse(0), m, parts.masterVars().length,
					(System.nanoTime() - built) / 1e9), true);
		}

		MipResult run() {
			// stage 1: the relaxation, for the bound and the integer choices
			double[] integers;
			try (Stage relaxed = new Stage(null)) {
				relaxed.iterate(start + (deadline - start) / 2, RELAXATION_GAP, true);
				if (!relaxed.feasible()) {
					// the master still needs its artificials: no plan of the relaxation was found in the time
					return new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, bestBound, millis(), name());
				}
				integers = relaxed.roundedIntegers();
			}
			for (PartLp lp : lps) {
				lp.fix(integers);
			}
			// stage 2: the LP with the integer choices fixed; its master's solution is the plan
			double[] values;
			try (Stage fixed = new Stage(integers)) {
				fixed.startFrom(lastDuals, false);
				fixed.iterate(deadline, FIXED_GAP, false);
				if (!fixed.feasible()) {
					return new MipResult(MipResult.Status.NOT_SOLVED, null, Double.NaN, bestBound, millis(), name());
				}
				values = fixed.values();
			}
			double value = objectiveDef.value(values);
			double bound = Math.max(bestBound, value);
			boolean proven = MipResult.relativeGap(value, bound) <= options.relativeGap();
			progress(String.format(Locale.ROOT, "decomposition: plan %.2f, bound %.2f, gap %.2e after %d rounds in %.1f s",
					value, bound, MipResult.relativeGap(value, bound), rounds, (System.nanoTime() - start) / 1e9), true);
			return new MipResult(proven ? MipResult.Status.OPTIMAL : MipResult.Status.FEASIBLE, values, value, bound,
					millis(), name());
		}

		/** The last master's duals by model row (0 for rows that do not link). */
		double[] linkingDuals() {
			double[] duals = new double[model.rows().size()];
			if (lastDuals != null) {
				for (int r = 0; r < m; r++) {
					duals[parts.linking().get(r).index()] = lastDuals[r];
				}
			}
			return duals;
		}

		long millis() {
			return (System.nanoTime() - start) / 1_000_000;
		}

		void progress(String line, boolean always) {
			long now = System.nanoTime();
			if (always || verbose || now - lastProgress >= PROGRESS_EVERY_NANOS) {
				lastProgress = now;
				options.progress().accept(line);
			}
		}

		/** The reduced objective of variable {@code v} at linking prices {@code y}. */
		double reduced(int v, double[] y) {
			double r = c[v];
			int[] rows = linkRows[v];
			for (int k = 0; k < rows.length; k++) {
				r -= y[rows[k]] * linkCoefs[v][k];
			}
			return r;
		}

		/** The prices' share of the Lagrangian bound: each price times the limit of the side it prices. */
		double pricedLimits(double[] y) {
			double sum = 0;
			for (int r = 0; r < m; r++) {
				LinearModel.Row row = parts.linking().get(r);
				if (y[r] > 0) {
					sum += y[r] * row.upper();
				}
				else if (y[r] < 0) {
					sum += y[r] * row.lower();
				}
			}
			return sum;
		}

		/** Prices of a sign each row's sides allow (a price on a side without a limit would make the bound infinite). */
		double[] admissible(double[] y) {
			double[] out = y.clone();
			for (int r = 0; r < m; r++) {
				LinearModel.Row row = parts.linking().get(r);
				if (out[r] > 0 && !Double.isFinite(row.upper()) || out[r] < 0 && !Double.isFinite(row.lower())) {
					out[r] = 0;
				}
			}
			return out;
		}

		/** One decomposition over the parts' LPs as they are (relaxed, or with the integers fixed). */
		private final class Stage implements AutoCloseable {

			final double[] fixedIntegers;
			final MPSolver master = MPSolver.createSolver("GLOP");
			final MPConstraint[] linkRow = new MPConstraint[m];
			final MPConstraint[] convexity = new MPConstraint[lps.length];
			final MPVariable[] masterVar;
			final List<MPVariable> artificials = new ArrayList<>();
			final List<Column> columns = new ArrayList<>();
			final List<MPVariable> weights = new ArrayList<>();
			double stageBound = Double.POSITIVE_INFINITY;
			double[] stageBestPrices;
			double masterValue = Double.NEGATIVE_INFINITY;
			/** What the artificial columns carry in the master's solution: a plan only when nothing. */
			double artificialTotal = Double.POSITIVE_INFINITY;
			boolean solved;

			Stage(double[] fixedIntegers) {
				this.fixedIntegers = fixedIntegers;
				master.setSolverSpecificParametersAsString("use_preprocessing: false");
				MPObjective o = master.objective();
				o.setMaximization();
				o.setOffset(objectiveDef.constant());
				for (int r = 0; r < m; r++) {
					LinearModel.Row row = parts.linking().get(r);
					linkRow[r] = master.makeConstraint(row.lower(), row.upper(), row.name());
					if (Double.isFinite(row.upper())) {
						MPVariable a = master.makeNumVar(0, Double.POSITIVE_INFINITY, "over:" + row.name());
						linkRow[r].setCoefficient(a, -1);
						o.setCoefficient(a, -bigM);
						artificials.add(a);
					}
					if (Double.isFinite(row.lower())) {
						MPVariable a = master.makeNumVar(0, Double.POSITIVE_INFINITY, "under:" + row.name());
						linkRow[r].setCoefficient(a, 1);
						o.setCoefficient(a, -bigM);
						artificials.add(a);
					}
				}
				for (int p = 0; p < lps.length; p++) {
					convexity[p] = master.makeConstraint(1, 1, "part " + p);
				}
				int[] mv = parts.masterVars();
				masterVar = new MPVariable[mv.length];
				for (int i = 0; i < mv.length; i++) {
					int v = mv[i];
					double lb = model.lower(v);
					double ub = model.upper(v);
					if (fixedIntegers != null && model.vars().get(v).integer()) {
						lb = ub = Math.rint(fixedIntegers[v]);
					}
					masterVar[i] = master.makeNumVar(lb, ub, model.vars().get(v).name());
					o.setCoefficient(masterVar[i], c[v]);
					for (int k = 0; k < linkRows[v].length; k++) {
						linkRow[linkRows[v][k]].setCoefficient(masterVar[i], linkCoefs[v][k]);
					}
				}
			}

			/** First columns: every part priced at these prices (zero when null). */
			void startFrom(double[] prices, boolean boundsThePlan) {
				price(prices == null ? new double[m] : prices, null, boundsThePlan);
			}

			void iterate(long until, double gapTarget, boolean boundsThePlan) {
				if (columns.isEmpty()) {
					startFrom(null, boundsThePlan);
				}
				while (true) {
					solveMaster();
					double[] duals = duals();
					lastDuals = duals;
					double gap = gap();
					progress(String.format(Locale.ROOT,
							"decomposition %s: round %d, master %.2f, bound %.2f, gap %.2e, %d columns, %.1f s",
							fixedIntegers == null ? "relaxation" : "plan", rounds, masterValue, stageBound, gap, columns.size(),
							(System.nanoTime() - start) / 1e9), false);
					if (gap <= gapTarget || System.nanoTime() >= until) {
						return;
					}
					double[] at = stageBestPrices == null ? duals : smoothed(duals);
					int added = price(at, duals, boundsThePlan);
					if (added == 0 && at != duals) {
						// mispriced: the smoothed point found nothing the master lacks; price at its duals
						added = price(duals, duals, boundsThePlan);
					}
					if (added == 0) {
						// no column improves the master: it is the stage's optimum (its bound was priced at these duals)
						return;
					}
				}
			}

			double[] smoothed(double[] duals) {
				double[] s = new double[m];
				for (int r = 0; r < m; r++) {
					s[r] = SMOOTHING * stageBestPrices[r] + (1 - SMOOTHING) * duals[r];
				}
				return s;
			}

			double gap() {
				if (!feasible() || !Double.isFinite(stageBound)) {
					return Double.POSITIVE_INFINITY;
				}
				return MipResult.relativeGap(masterValue, Math.max(stageBound, masterValue));
			}

			/**
			 * Prices every part at {@code y}, updates the bounds, adds the columns whose reduced cost at
			 * the master's duals ({@code masterDuals}, null before the master's first solve: then every
			 * column) improves the master; how many.
			 */
			int price(double[] y, double[] masterDuals, boolean boundsThePlan) {
				double[] prices = admissible(y);
				double[] convexityDuals = new double[lps.length];
				if (masterDuals != null) {
					for (int p = 0; p < lps.length; p++) {
						convexityDuals[p] = convexity[p].dualValue();
					}
				}
				Column[] found = new Column[lps.length];
				try {
					pool.submit(() -> java.util.stream.IntStream.range(0, lps.length).parallel()
						.forEach(p -> found[p] = lps[p].solve(prices))).get();
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("decomposition interrupted", e);
				}
				catch (ExecutionException e) {
					throw e.getCause() instanceof IllegalStateException ise ? ise
							: new IllegalStateException("a part's LP failed: " + e.getCause().getMessage(), e.getCause());
				}
				rounds++;
				// the Lagrangian bound at these prices
				double bound = objectiveDef.constant() + pricedLimits(prices);
				for (int p = 0; p < lps.length; p++) {
					bound += lps[p].lastValue;
				}
				for (int v : parts.masterVars()) {
					double r = reduced(v, prices);
					double lb = model.lower(v);
					double ub = model.upper(v);
					if (fixedIntegers != null && model.vars().get(v).integer()) {
						lb = ub = Math.rint(fixedIntegers[v]);
					}
					bound += r > 0 ? r * ub : r * lb;
				}
				if (bound < stageBound) {
					stageBound = bound;
					stageBestPrices = prices;
					if (boundsThePlan) {
						bestBound = Math.min(bestBound, bound);
					}
				}
				int added = 0;
				for (int p = 0; p < lps.length; p++) {
					Column col = found[p];
					double reducedCost = col.objective() - convexityDuals[p];
					if (masterDuals != null) {
						for (int r = 0; r < m; r++) {
							reducedCost -= masterDuals[r] * col.linking()[r];
						}
					}
					if (masterDuals == null || reducedCost > ENTERS * Math.max(1, Math.abs(col.objective()))) {
						add(col);
						added++;
					}
				}
				return added;
			}

			void add(Column col) {
				MPVariable w = master.makeNumVar(0, 1, "w" + columns.size());
				master.objective().setCoefficient(w, col.objective());
				for (int r = 0; r < m; r++) {
					if (Math.abs(col.linking()[r]) > 1e-9) {
						linkRow[r].setCoefficient(w, col.linking()[r]);
					}
				}
				convexity[col.part()].setCoefficient(w, 1);
				columns.add(col);
				weights.add(w);
			}

			void solveMaster() {
				long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
				master.setTimeLimit(Math.max(1000, left));
				MPSolver.ResultStatus status = master.solve();
				if (status != MPSolver.ResultStatus.OPTIMAL) {
					// GLOP lost its way from the last basis (it happens after many new columns): solve afresh
					master.reset();
					status = master.solve();
				}
				if (status != MPSolver.ResultStatus.OPTIMAL) {
					throw new IllegalStateException("the decomposition's master LP was not solved (" + status + ")");
				}
				solved = true;
				double art = 0;
				for (MPVariable a : artificials) {
					art += a.solutionValue();
				}
				masterValue = master.objective().value() + bigM * art;
				artificialTotal = art;
			}

			boolean feasible() {
				return solved && artificialTotal <= 1e-6;
			}

			double[] duals() {
				double[] y = new double[m];
				for (int r = 0; r < m; r++) {
					y[r] = linkRow[r].dualValue();
				}
				return y;
			}

			/** The master's solution as values of the model's variables. */
			double[] values() {
				double[] x = new double[model.size()];
				int[] mv = parts.masterVars();
				for (int i = 0; i < mv.length; i++) {
					x[mv[i]] = masterVar[i].solutionValue();
				}
				for (int j = 0; j < columns.size(); j++) {
					double w = weights.get(j).solutionValue();
					if (w > 1e-12) {
						Column col = columns.get(j);
						for (int k = 0; k < col.index().length; k++) {
							x[col.index()[k]] += w * col.value()[k];
						}
					}
				}
				return x;
			}

			/**
			 * Integer choices: each part's from its plan of most weight in the master, rounded; a
			 * master variable rounded up when it is used at all (a carrier that carries anything).
			 */
			double[] roundedIntegers() {
				double[] x = new double[model.size()];
				double[] heaviest = new double[lps.length];
				Arrays.fill(heaviest, -1);
				Column[] chosen = new Column[lps.length];
				for (int j = 0; j < columns.size(); j++) {
					double w = weights.get(j).solutionValue();
					Column col = columns.get(j);
					if (w > heaviest[col.part()]) {
						heaviest[col.part()] = w;
						chosen[col.part()] = col;
					}
				}
				for (Column col : chosen) {
					for (int k = 0; k < col.index().length; k++) {
						int v = col.index()[k];
						if (model.vars().get(v).integer()) {
							x[v] = Math.rint(col.value()[k]);
						}
					}
				}
				int[] mv = parts.masterVars();
				for (int i = 0; i < mv.length; i++) {
					if (model.vars().get(mv[i]).integer()) {
						double value = masterVar[i].solutionValue();
						x[mv[i]] = Math.min(model.upper(mv[i]), Math.ceil(value - 1e-6));
					}
				}
				return x;
			}

			@Override
			public void close() {
				master.delete();
			}
		}

		/** One part's LP in GLOP, kept between rounds so that each solve starts from the last basis. */
		private final class PartLp {

			final int part;
			final int[] vars;
			final MPSolver solver = MPSolver.createSolver("GLOP");
			final MPVariable[] x;
			double lastValue;

			PartLp(int part) {
				this.part = part;
				this.vars = parts.vars().get(part).stream().mapToInt(Integer::intValue).toArray();
				int[] local = new int[model.size()];
				x = new MPVariable[vars.length];
				for (int i = 0; i < vars.length; i++) {
					local[vars[i]] = i;
					x[i] = solver.makeNumVar(model.lower(vars[i]), model.upper(vars[i]), model.vars().get(vars[i]).name());
				}
				for (LinearModel.Row r : parts.rows().get(part)) {
					MPConstraint row = solver.makeConstraint(r.lower(), r.upper(), r.name());
					for (int k = 0; k < r.size(); k++) {
						row.setCoefficient(x[local[r.var(k)]], r.coef(k));
					}
				}
				solver.objective().setMaximization();
				if (!solver.setSolverSpecificParametersAsString("use_preprocessing: false")) {
					throw new IllegalStateException("GLOP rejected its parameters");
				}
			}

			/** Fixes the part's integer variables to these values (the second stage). */
			void fix(double[] integers) {
				for (int i = 0; i < vars.length; i++) {
					if (model.vars().get(vars[i]).integer()) {
						double v = Math.rint(integers[vars[i]]);
						x[i].setBounds(v, v);
					}
				}
			}

			Column solve(double[] prices) {
				MPObjective o = solver.objective();
				for (int i = 0; i < vars.length; i++) {
					o.setCoefficient(x[i], reduced(vars[i], prices));
				}
				long left = Math.max(1000, (deadline - System.nanoTime()) / 1_000_000);
				solver.setTimeLimit(left);
				MPSolver.ResultStatus status = solver.solve();
				if (status != MPSolver.ResultStatus.OPTIMAL) {
					throw new IllegalStateException("part " + part + "'s LP was not solved (" + status + ")");
				}
				lastValue = o.value();
				double objective = 0;
				double[] linking = new double[m];
				int[] index = new int[vars.length];
				double[] value = new double[vars.length];
				int nz = 0;
				for (int i = 0; i < vars.length; i++) {
					double v = x[i].solutionValue();
					if (Math.abs(v) > 1e-9) {
						int var = vars[i];
						index[nz] = var;
						value[nz++] = v;
						objective += c[var] * v;
						for (int k = 0; k < linkRows[var].length; k++) {
							linking[linkRows[var][k]] += linkCoefs[var][k] * v;
						}
					}
				}
				return new Column(part, objective, linking, Arrays.copyOf(index, nz), Arrays.copyOf(value, nz));
			}
		}

		@Override
		public void close() {
			pool.shutdownNow();
			for (PartLp lp : lps) {
				lp.solver.delete();
			}
		}
	}
}

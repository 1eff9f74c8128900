package io.smartops.plan.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small algebraic modelling layer: named variables, named linear rows grouped by kind, and an
 * objective made of named lines (P&amp;L lines) that are either income or cost. The retail model is
 * built on it, and other agents extend a model with rows ({@link #row}) and objective terms
 * ({@link Objective#line}) before it is solved by a {@link MipBackend}.
 */
public final class LinearModel {

	/** A decision variable; {@code index} is its position in value arrays. */
	public record Var(int index, String name, boolean integer) {
	}

	/** One linear row {@code lower <= sum(coef * var) <= upper}, belonging to a named group. */
	public static final class Row {

		private final int index;
		private final String name;
		private final String group;
		private int[] vars = new int[4];
		private double[] coefs = new double[4];
		private int size;
		private double lower = Double.NEGATIVE_INFINITY;
		private double upper = Double.POSITIVE_INFINITY;
		private boolean tightening;
		private boolean linking;

		Row(int index, String name, String group) {
			this.index = index;
			this.name = name;
			this.group = group;
		}

		public Row add(Var var, double coef) {
			if (coef == 0) {
				return this;
			}
			if (size == vars.length) {
				vars = Arrays.copyOf(vars, size * 2);
				coefs = Arrays.copyOf(coefs, size * 2);
			}
			vars[size] = var.index();
			coefs[size++] = coef;
			return this;
		}

		public Row le(double bound) {
			upper = bound;
			return this;
		}

		public Row ge(double bound) {
			lower = bound;
			return this;
		}

		public Row eq(double bound) {
			lower = bound;
			upper = bound;
			return this;
		}

		/**
		 * Marks the row as a tightening of the LP relaxation only: the other rows imply it for every
		 * integer value of the integer variables. MIP backends may pass it to their solver (SCIP
		 * proves optimality faster with it) or leave it out when they strengthen the relaxation
		 * themselves (branch and cut, which decides the same choices by probing, solves a smaller LP).
		 */
		public Row tightening() {
			tightening = true;
			return this;
		}

		public boolean isTightening() {
			return tightening;
		}

		/**
		 * Marks the row as one that couples parts of the model which the other rows leave
		 * independent (the retail model's capacity, emission and fill-rate rows couple its
		 * products). A {@link DecompositionBackend} prices these rows and solves each part on its
		 * own; rows not marked keep the parts they touch together.
		 */
		public Row linking() {
			linking = true;
			return this;
		}

		public boolean isLinking() {
			return linking;
		}

		/** Drops both bounds: the row no longer constrains (used by planners that ignore a policy). */
		public Row free() {
			lower = Double.NEGATIVE_INFINITY;
			upper = Double.POSITIVE_INFINITY;
			return this;
		}

		public int index() {
			return index;
		}

		public String name() {
			return name;
		}

		public String group() {
			return group;
		}

		public double lower() {
			return lower;
		}

		public double upper() {
			return upper;
		}

		public int size() {
			return size;
		}

		public int var(int i) {
			return vars[i];
		}

		public double coef(int i) {
			return coefs[i];
		}

		/** The row's variables (indices), in term order: a copy. */
		public int[] varIndices() {
			return Arrays.copyOf(vars, size);
		}

		/** The row's coefficients, in term order: a copy. */
		public double[] coefficients() {
			return Arrays.copyOf(coefs, size);
		}

		public double activity(double[] values) {
			double sum = 0;
			for (int i = 0; i < size; i++) {
				sum += coefs[i] * values[vars[i]];
			}
			return sum;
		}

		/** Distance to the nearest finite bound (0 for an equality); positive when satisfied. */
		public double slack(double[] values) {
			double a = activity(values);
			double s = Double.POSITIVE_INFINITY;
			if (Double.isFinite(upper)) {
				s = upper - a;
			}
			if (Double.isFinite(lower)) {
				s = Math.min(s, a - lower);
			}
			return s;
		}

	}

	private final List<Var> vars = new ArrayList<>();
	private double[] lower = new double[64];
	private double[] upper = new double[64];
	private final List<Row> rows = new ArrayList<>();
	/** Branching priorities of integer variables (absent: 0); higher is branched on first. */
	private final Map<Integer, Integer> priorities = new LinkedHashMap<>();

	public Var continuous(String name, double lb, double ub) {
		return add(name, lb, ub, false);
	}

	public Var binary(String name) {
		return add(name, 0, 1, true);
	}

	/** A general integer variable within [lb, ub]. */
	public Var integer(String name, double lb, double ub) {
		return add(name, lb, ub, true);
	}

	private Var add(String name, double lb, double ub, boolean integer) {
		Var v = new Var(vars.size(), name, integer);
		if (v.index() == lower.length) {
			lower = Arrays.copyOf(lower, lower.length * 2);
			upper = Arrays.copyOf(upper, upper.length * 2);
		}
		lower[v.index()] = lb;
		upper[v.index()] = ub;
		vars.add(v);
		return v;
	}

	public Row row(String group, String name) {
		Row r = new Row(rows.size(), name, group);
		rows.add(r);
		return r;
	}

	public List<Var> vars() {
		return Collections.unmodifiableList(vars);
	}

	public List<Row> rows() {
		return Collections.unmodifiableList(rows);
	}

	public List<Row> rows(String group) {
		return rows.stream().filter(r -> r.group().equals(group)).toList();
	}

	public int size() {
		return vars.size();
	}

	public double lower(Var v) {
		return lower[v.index()];
	}

	public double upper(Var v) {
		return upper[v.index()];
	}

	public double lower(int var) {
		return lower[var];
	}

	public double upper(int var) {
		return upper[var];
	}

	/** Changes a variable's bounds (fixing a decision, relaxing a limit). */
	public void bound(Var v, double lb, double ub) {
		lower[v.index()] = lb;
		upper[v.index()] = ub;
	}

	/**
	 * Asks branch-and-bound backends to branch on this variable before those of lower priority
	 * (default 0), as CPLEX's and Gurobi's branching priorities do: decisions that carry a large
	 * share of the objective (an on/off choice with a fixed cost) settle the bound fastest.
	 */
	public void prioritize(Var v, int priority) {
		priorities.put(v.index(), priority);
	}

	public int priority(int var) {
		return priorities.getOrDefault(var, 0);
	}

	public long integerCount() {
		return vars.stream().filter(Var::integer).count();
	}

	/**
	 * The objective: a sum of named lines, each income (+) or cost (−), each a linear expression
	 * plus a constant. The value of a line is reported as a positive amount.
	 */
	public static final class Objective {

		public static final class Line {

			private final String name;
			private final boolean income;
			private final Map<Integer, Double> terms = new LinkedHashMap<>();
			private double constant;

			Line(String name, boolean income) {
				this.name = name;
				this.income = income;
			}

			public Line add(Var v, double coef) {
				if (coef != 0) {
					terms.merge(v.index(), coef, Double::sum);
				}
				return this;
			}

			public Line constant(double c) {
				constant += c;
				return this;
			}

			public String name() {
				return name;
			}

			public boolean income() {
				return income;
			}

			public Map<Integer, Double> terms() {
				return Collections.unmodifiableMap(terms);
			}

			public double constant() {
				return constant;
			}

			public double value(double[] values) {
				double sum = constant;
				for (Map.Entry<Integer, Double> t : terms.entrySet()) {
					sum += t.getValue() * values[t.getKey()];
				}
				return sum;
			}

		}

		private final Map<String, Line> lines = new LinkedHashMap<>();

		public Line income(String name) {
			return line(name, true);
		}

		public Line cost(String name) {
			return line(name, false);
		}

		public Line line(String name, boolean income) {
			Line l = lines.computeIfAbsent(name, n -> new Line(n, income));
			if (l.income() != income) {
				throw new IllegalArgumentException("objective line " + name + " is already " + (l.income() ? "income" : "cost"));
			}
			return l;
		}

		public List<Line> lines() {
			return List.copyOf(lines.values());
		}

		/** Coefficients of the maximized objective, income positive and cost negative. */
		public double[] coefficients(int size) {
			double[] c = new double[size];
			for (Line l : lines.values()) {
				double sign = l.income() ? 1 : -1;
				l.terms().forEach((v, coef) -> c[v] += sign * coef);
			}
			return c;
		}

		public double constant() {
			return lines.values().stream().mapToDouble(l -> l.income() ? l.constant() : -l.constant()).sum();
		}

		/** Each line's value (positive amounts), in declaration order. */
		public Map<String, Double> evaluate(double[] values) {
			Map<String, Double> out = new LinkedHashMap<>();
			lines.values().forEach(l -> out.put(l.name(), l.value(values)));
			return out;
		}

		public double value(double[] values) {
			return lines.values().stream().mapToDouble(l -> l.income() ? l.value(values) : -l.value(values)).sum();
		}

	}

}

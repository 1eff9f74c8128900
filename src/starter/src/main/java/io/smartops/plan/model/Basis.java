package io.smartops.plan.model;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;

/**
 * GLOP's optimal basis, read back through MPSolver's basis statuses and factored with EJML's
 * sparse LU.
 * <p>
 * MPSolver reports which variables and rows are basic but not the basis inverse. Restricted to the
 * tight rows (those whose slack is not basic; the others only carry their slack) the basic
 * variables form a square matrix {@code B}: {@code B[t][s]} is the coefficient of basic variable
 * {@code s} in tight row {@code t}. That is all a tableau row (Gomory cuts, {@link #row}) and a
 * right-hand side's ranging ({@link #column}) need.
 */
final class Basis {

	/** Whether each variable is basic, and its position among the basic variables (-1 if not). */
	final boolean[] basic;
	final int[] position;
	/** The basic variables by position, and the tight rows (indices into the caller's rows) by position. */
	final int[] basics;
	final int[] tight;
	/** Each row's position among the tight rows, -1 where its slack is basic. */
	final int[] tightPosition;

	private final LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu;
	private final boolean transposed;
	private final DMatrixRMaj rhs;
	private final DMatrixRMaj solution;

	private Basis(boolean[] basic, int[] position, int[] basics, int[] tight, int[] tightPosition,
			LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu, boolean transposed) {
		this.basic = basic;
		this.position = position;
		this.basics = basics;
		this.tight = tight;
		this.tightPosition = tightPosition;
		this.lu = lu;
		this.transposed = transposed;
		this.rhs = new DMatrixRMaj(basics.length, 1);
		this.solution = new DMatrixRMaj(basics.length, 1);
	}

	/**
	 * Reads and factors the LP's current basis over the given rows (in the LP's order:
	 * {@code rowVars}/{@code rowCoefs} their terms, {@code rowHandles} their MPSolver constraints).
	 * {@code forRows} factors {@code B}'s transpose, for {@link #row}; otherwise {@code B}, for
	 * {@link #column}. Returns null when the basis is not square or is singular: GLOP did not end
	 * on a basis (after a time limit or a presolved solve that reports none).
	 */
	static Basis read(MpSolverModel lp, List<int[]> rowVars, List<double[]> rowCoefs, List<MPConstraint> rowHandles,
			boolean forRows) {
		int n = lp.vars.length;
		boolean[] basic = new boolean[n];
		int[] position = new int[n];
		Arrays.fill(position, -1);
		int[] basics = new int[n];
		int size = 0;
		for (int j = 0; j < n; j++) {
			if (lp.vars[j].basisStatus() == MPSolver.BasisStatus.BASIC) {
				basic[j] = true;
				position[j] = size;
				basics[size++] = j;
			}
		}
		int m = rowHandles.size();
		int[] tightPosition = new int[m];
		int[] tight = new int[m];
		int tightCount = 0;
		for (int i = 0; i < m; i++) {
			if (rowHandles.get(i).basisStatus() != MPSolver.BasisStatus.BASIC) {
				tightPosition[i] = tightCount;
				tight[tightCount++] = i;
			}
			else {
				tightPosition[i] = -1;
			}
		}
		if (tightCount != size || size == 0) {
			return null;
		}
		DMatrixSparseTriplet triplet = new DMatrixSparseTriplet(size, size, size * 4);
		for (int t = 0; t < size; t++) {
			int[] vars = rowVars.get(tight[t]);
			double[] coefs = rowCoefs.get(tight[t]);
			for (int k = 0; k < vars.length; k++) {
				if (basic[vars[k]]) {
					if (forRows) {
						triplet.addItem(position[vars[k]], t, coefs[k]);
					}
					else {
						triplet.addItem(t, position[vars[k]], coefs[k]);
					}
				}
			}
		}
		DMatrixSparseCSC matrix = DConvertMatrixStruct.convert(triplet, (DMatrixSparseCSC) null);
		LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
		if (!lu.setA(matrix)) {
			return null;
		}
		return new Basis(basic, position, Arrays.copyOf(basics, size), Arrays.copyOf(tight, tightCount), tightPosition, lu,
				forRows);
	}

	/**
	 * Row {@code s} of {@code B}'s inverse, by tight row position: the tableau row of basic variable
	 * at position {@code s} is {@code x_s = ... - sum_t z[t] * (row t's activity)}. Needs a basis read
	 * {@code forRows}. The array is reused by the next call.
	 */
	double[] row(int s) {
		if (!transposed) {
			throw new IllegalStateException("the basis was factored for columns");
		}
		return solve(s);
	}

	/**
	 * Column {@code t} of {@code B}'s inverse, by basic variable position: how each basic variable
	 * moves per unit the limit of tight row {@code t} moves. Needs a basis read not
	 * {@code forRows}. The array is reused by the next call.
	 */
	double[] column(int t) {
		if (transposed) {
			throw new IllegalStateException("the basis was factored for rows");
		}
		return solve(t);
	}

	private double[] solve(int index) {
		Arrays.fill(rhs.data, 0);
		rhs.data[index] = 1;
		lu.solve(rhs, solution);
		return solution.data;
	}
}

package io.smartops.plan.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;

import io.smartops.plan.RetailModel;
import io.smartops.plan.ScenarioGenerator;

/**
 * The ranges of binding rows come from the optimal basis (a ratio test over a column of its
 * inverse), not from re-solves; an independent GLOP model re-solved at each end checks them.
 */
class LpAnalysisTests {

	record Ranged(LinearModel.Row row, double f0, double dual, LpAnalysis.Range range, double[] integers) {
	}

	@ParameterizedTest(name = "seed {0}")
	@ValueSource(longs = { 1, 2, 3 })
	void atBothEndsOfABindingRowsRangeTheValueIsStillOnTheDualsLine(long seed) {
		RetailModel retail = new RetailModel(new ScenarioGenerator(seed).generate(new ScenarioGenerator.Size(8, 3, 8, 4, 3)));
		LinearModel model = retail.model();
		List<Ranged> warm = new ArrayList<>();
		List<Ranged> fresh = new ArrayList<>();
		// branch and cut hands over its warm LP (cuts freed, integers fixed); the default is a fresh LP
		new BranchAndBoundBackend().maximize(model, retail.objective(), SolveOptions.defaults(),
				(result, lp) -> warm.addAll(ranges(retail, lp, result.values())));
		MipResult optimum = new BranchAndBoundBackend().maximize(model, retail.objective(), SolveOptions.defaults());
		try (LpAnalysis lp = new LpAnalysis(model, retail.objective(), optimum.values())) {
			fresh.addAll(ranges(retail, lp, optimum.values()));
		}

		int finiteEnds = 0;
		for (Ranged r : concat(warm, fresh)) {
			assertThat(r.range().low()).as(r.row().name()).isLessThanOrEqualTo(0);
			assertThat(r.range().high()).as(r.row().name()).isGreaterThanOrEqualTo(0);
			for (double shift : new double[] { r.range().low(), r.range().high() }) {
				if (Double.isFinite(shift) && shift != 0) {
					assertThat(valueAt(model, retail.objective(), r, shift)).as("%s shifted by %s", r.row().name(), shift)
						.isCloseTo(r.f0() + r.dual() * shift, within(1e-6 * (1 + Math.abs(r.f0()))));
					finiteEnds++;
				}
			}
		}
		assertThat(warm).isNotEmpty();
		assertThat(fresh).isNotEmpty();
		assertThat(finiteEnds).isPositive();
	}

	static List<Ranged> ranges(RetailModel retail, LpAnalysis lp, double[] integers) {
		assertThat(lp.solve()).isTrue();
		double[] values = lp.values();
		List<Ranged> out = new ArrayList<>();
		for (String group : RetailModel.REPORTED_GROUPS) {
			for (LinearModel.Row row : retail.model().rows(group)) {
				if (Math.abs(row.slack(values)) <= 1e-6) {
					assertThat(lp.basisRange(row)).as("a basis was read for %s", row.name()).isNotNull();
					out.add(new Ranged(row, lp.objective(), lp.dual(row), lp.range(row), integers.clone()));
				}
			}
		}
		return out;
	}

	/** The fixed LP's optimum with the row's finite side shifted, from a GLOP model of its own. */
	static double valueAt(LinearModel model, LinearModel.Objective objective, Ranged r, double shift) {
		try (MpSolverModel lp = new MpSolverModel("GLOP", model, objective, r.integers(), false)) {
			MPConstraint c = lp.rows[r.row().index()];
			if (Double.isFinite(r.row().upper())) {
				c.setBounds(r.row().lower() == r.row().upper() ? r.row().lower() + shift : r.row().lower(),
						r.row().upper() + shift);
			}
			else {
				c.setBounds(r.row().lower() + shift, r.row().upper());
			}
			assertThat(lp.solver.solve()).as("%s shifted by %s", r.row().name(), shift).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
			return lp.solver.objective().value();
		}
	}

	static List<Ranged> concat(List<Ranged> a, List<Ranged> b) {
		List<Ranged> all = new ArrayList<>(a);
		all.addAll(b);
		return all;
	}
}

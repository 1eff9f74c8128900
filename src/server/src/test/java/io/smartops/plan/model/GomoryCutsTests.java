package io.smartops.plan.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.ortools.linearsolver.MPSolver;

import io.smartops.plan.RetailModel;
import io.smartops.plan.ScenarioGenerator;

class GomoryCutsTests {

	@Test
	void aCutSeparatesTheFractionalVertexAndKeepsEveryIntegerPoint() {
		// max x2 s.t. 3 x1 + 2 x2 <= 6, -3 x1 + 2 x2 <= 0, x integer >= 0: LP optimum (1, 1.5), integer optimum 1
		LinearModel model = new LinearModel();
		LinearModel.Var x1 = model.integer("x1", 0, 10);
		LinearModel.Var x2 = model.integer("x2", 0, 10);
		model.row("r", "a").add(x1, 3).add(x2, 2).le(6);
		model.row("r", "b").add(x1, -3).add(x2, 2).le(0);
		LinearModel.Objective objective = new LinearModel.Objective();
		objective.income("x2").add(x2, 1);

		try (MpSolverModel lp = new MpSolverModel("GLOP", model, objective, null, true)) {
			lp.glopKeepsItsBasis();
			assertThat(lp.solver.solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
			assertThat(lp.solver.objective().value()).isEqualTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
			GomoryCuts gomory = new GomoryCuts(model, lp);
			double[] x = lp.values();
			List<GomoryCuts.Cut> cuts = gomory.separate(lp, x, new double[] { 0, 0 }, new double[] { 10, 10 }, 10);

			assertThat(cuts).isNotEmpty();
			for (GomoryCuts.Cut cut : cuts) {
				assertThat(activity(cut, x)).as("the LP optimum violates the cut").isLessThan(cut.lower() - 1e-6);
				for (double[] point : new double[][] { { 0, 0 }, { 1, 1 }, { 2, 0 }, { 1, 0 } }) {
					assertThat(activity(cut, point)).as("integer point %s", java.util.Arrays.toString(point))
						.isGreaterThanOrEqualTo(cut.lower() - 1e-9);
				}
				gomory.add(lp, cut);
			}
			assertThat(lp.solver.solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
			assertThat(lp.solver.objective().value()).isLessThan(1.5 - 1e-6);
		}
	}

	@Test
	void roundsOfCutsOnARetailModelNeverCutOffItsOptimalPlan() {
		RetailModel retail = new RetailModel(
				new ScenarioGenerator(3).generate(new ScenarioGenerator.Size(6, 2, 6, 3, 3)));
		LinearModel model = retail.model();
		MipResult optimum = MpSolverBackend.scip().maximize(model, retail.objective(), SolveOptions.defaults());
		assertThat(optimum.status()).isEqualTo(MipResult.Status.OPTIMAL);

		double[] lower = new double[model.size()];
		double[] upper = new double[model.size()];
		for (int j = 0; j < lower.length; j++) {
			lower[j] = model.lower(j);
			upper[j] = model.upper(j);
		}
		try (MpSolverModel lp = new MpSolverModel("GLOP", model, retail.objective(), null, true)) {
			lp.glopKeepsItsBasis();
			assertThat(lp.solver.solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
			double rootBound = lp.solver.objective().value();
			GomoryCuts gomory = new GomoryCuts(model, lp);
			List<GomoryCuts.Cut> all = new ArrayList<>();
			for (int round = 0; round < 10; round++) {
				List<GomoryCuts.Cut> cuts = gomory.separate(lp, lp.values(), lower, upper, 100);
				cuts.forEach(cut -> gomory.add(lp, cut));
				all.addAll(cuts);
				assertThat(lp.solver.solve()).isEqualTo(MPSolver.ResultStatus.OPTIMAL);
			}
			double cutBound = lp.solver.objective().value();

			assertThat(all).hasSizeGreaterThan(10);
			for (GomoryCuts.Cut cut : all) {
				assertThat(activity(cut, optimum.values()))
					.as("the optimal plan satisfies every cut")
					.isGreaterThanOrEqualTo(cut.lower() - 1e-6 * (1 + Math.abs(cut.lower())));
			}
			assertThat(cutBound).as("cuts tighten the bound without passing the optimum")
				.isLessThan(rootBound - 1e-6)
				.isGreaterThanOrEqualTo(optimum.objective() - 1e-6 * Math.abs(optimum.objective()));
		}
	}

	private static double activity(GomoryCuts.Cut cut, double[] x) {
		double sum = 0;
		for (int k = 0; k < cut.vars().length; k++) {
			sum += cut.coefs()[k] * x[cut.vars()[k]];
		}
		return sum;
	}
}

package io.smartops.agent.lifecycle;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;

/**
 * The gate's tests, fixed in advance: Mann–Whitney U for durations (no assumption about their
 * distribution) and the pooled two-proportion z-test for rates, each one-sided in the direction
 * that would make the candidate worse. commons-math3 computes U and the normal tail. Plain code.
 */
public final class GateStatistics {

	private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

	private GateStatistics() {
	}

	/** A test's result: the statistic, the one-sided p-value, and whether it is significant at the level asked. */
	/** A p-value as people read it: "= 0.43", or "< 0.01" for a small one. */
	public static String p(double pValue) {
		return pValue < 0.01 ? "< 0.01" : String.format(java.util.Locale.ROOT, "= %.2f", pValue);
	}

	public record Test(String name, double statistic, double pValue, boolean significant) {
	}

	/**
	 * Whether the candidate's durations are longer than the incumbent's: Mann–Whitney U (normal
	 * approximation, as commons-math3 gives it two-sided), halved to the one-sided p-value when the
	 * candidate's mean rank is the higher one, else 1 − half.
	 */
	public static Test longer(double[] candidate, double[] incumbent, double alpha) {
		if (candidate.length == 0 || incumbent.length == 0) {
			return new Test("Mann-Whitney U: candidate's durations longer", Double.NaN, 1, false);
		}
		MannWhitneyUTest test = new MannWhitneyUTest();
		double u = test.mannWhitneyU(candidate, incumbent);
		double twoSided = test.mannWhitneyUTest(candidate, incumbent);
		// U is the larger of the two U statistics: the candidate's own U says which way it leans
		double uCandidate = uOf(candidate, incumbent);
		boolean candidateLonger = uCandidate > (double) candidate.length * incumbent.length / 2;
		double p = candidateLonger ? twoSided / 2 : 1 - twoSided / 2;
		return new Test("Mann-Whitney U: candidate's durations longer", u, p, p < alpha);
	}

	/** The candidate's U: how many (candidate, incumbent) pairs have the candidate longer, ties counting ½. */
	static double uOf(double[] candidate, double[] incumbent) {
		double u = 0;
		for (double c : candidate) {
			for (double i : incumbent) {
				u += c > i ? 1 : c == i ? 0.5 : 0;
			}
		}
		return u;
	}

	/**
	 * Whether the candidate's rate of a good outcome is lower than the incumbent's: the pooled
	 * two-proportion z-test, one-sided. With no observations in an arm, or no variation at all, it
	 * finds nothing.
	 */
	public static Test lowerRate(String name, double candidateSuccesses, double candidateN, double incumbentSuccesses,
			double incumbentN, double alpha) {
		if (candidateN == 0 || incumbentN == 0) {
			return new Test(name, Double.NaN, 1, false);
		}
		double p1 = candidateSuccesses / candidateN;
		double p2 = incumbentSuccesses / incumbentN;
		double pooled = (candidateSuccesses + incumbentSuccesses) / (candidateN + incumbentN);
		double se = Math.sqrt(pooled * (1 - pooled) * (1 / candidateN + 1 / incumbentN));
		if (se == 0) {
			return new Test(name, 0, p1 < p2 ? 0 : 1, p1 < p2);
		}
		double z = (p1 - p2) / se;
		double p = NORMAL.cumulativeProbability(z);
		return new Test(name, z, p, p < alpha);
	}
}

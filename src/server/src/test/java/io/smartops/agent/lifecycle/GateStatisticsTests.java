package io.smartops.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The gate's tests on constructed evidence whose answers are known (computed independently with scipy.stats). */
class GateStatisticsTests {

	@Test
	void theTwoProportionTestFindsAnAcceptanceOf45In100LowerThan60In100() {
		// scipy: pooled z = -2.12398, one-sided p = norm.cdf(z) = 0.016836
		GateStatistics.Test t = GateStatistics.lowerRate("acceptance", 45, 100, 60, 100, 0.05);
		assertThat(t.statistic()).isCloseTo(-2.12398, within(1e-5));
		assertThat(t.pValue()).isCloseTo(0.016836, within(1e-6));
		assertThat(t.significant()).isTrue();
		assertThat(GateStatistics.lowerRate("acceptance", 45, 100, 60, 100, 0.01).significant()).isFalse();
	}

	@Test
	void aBetterCandidateIsNeverSignificantlyWorse() {
		GateStatistics.Test t = GateStatistics.lowerRate("acceptance", 60, 100, 45, 100, 0.05);
		assertThat(t.pValue()).isCloseTo(1 - 0.016836, within(1e-6));
		assertThat(t.significant()).isFalse();
	}

	@Test
	void noObservationsFindNothing() {
		assertThat(GateStatistics.lowerRate("acceptance", 0, 0, 5, 10, 0.05).significant()).isFalse();
		assertThat(GateStatistics.longer(new double[0], new double[] { 1 }, 0.05).significant()).isFalse();
	}

	@Test
	void mannWhitneyOnSeparatedSamplesIsOneSidedInTheCandidatesDirection() {
		// scipy mannwhitneyu(..., alternative='greater', method='asymptotic', use_continuity=False)
		GateStatistics.Test slower = GateStatistics.longer(new double[] { 4, 5, 6 }, new double[] { 1, 2, 3 }, 0.05);
		assertThat(slower.pValue()).isCloseTo(0.0247673, within(1e-6));
		assertThat(slower.significant()).isTrue();
		GateStatistics.Test faster = GateStatistics.longer(new double[] { 1, 2, 3 }, new double[] { 4, 5, 6 }, 0.05);
		assertThat(faster.pValue()).isCloseTo(0.9752327, within(1e-6));
		assertThat(faster.significant()).isFalse();
	}

	@Test
	void mannWhitneyOnOverlappingLogNormalSamplesFindsNoDifference() {
		double[] incumbent = { 1.8358, 0.9859, 3.4243, 2.7607, 0.7143, 3.3787, 0.4311, 0.8095, 0.5514, 0.4095, 3.6902,
				1.3497, 0.3773, 3.7271, 3.6532, 5.5695, 0.4413, 1.0223, 0.3484, 2.3896, 0.2884, 2.9156, 0.6817, 1.0674, 1.061,
				0.9819, 0.8025, 1.2389, 2.7403, 2.2367, 1.6439, 1.2799, 0.4166, 3.0097, 1.2013, 1.1619, 1.0158, 0.6868,
				1.1916, 1.4276 };
		double[] candidate = { 0.4807, 0.1284, 2.5192, 3.2683, 0.3056, 1.3677, 0.5297, 0.8328, 3.5455, 1.0199, 0.4809,
				1.5417, 1.8625, 4.9068, 0.2107, 0.2533, 3.5657, 5.243, 0.4719, 1.1911, 0.7938, 0.6193, 0.1742, 3.7304, 2.1076,
				3.7161, 1.3224, 0.3871, 1.5798, 0.2389, 0.9054, 0.1766, 0.8493, 1.2831, 11.5193, 5.6405, 14.8293, 0.2908,
				0.3471, 0.7725, 4.4631, 5.5394, 4.6004, 1.2379, 8.9499, 0.4521, 0.8965, 3.9652, 2.1306, 0.6849 };
		GateStatistics.Test t = GateStatistics.longer(candidate, incumbent, 0.05);
		// scipy: U = 1006, p = 0.480571
		assertThat(GateStatistics.uOf(candidate, incumbent)).isEqualTo(1006);
		assertThat(t.pValue()).isCloseTo(0.480571, within(1e-5));
		assertThat(t.significant()).isFalse();
	}
}

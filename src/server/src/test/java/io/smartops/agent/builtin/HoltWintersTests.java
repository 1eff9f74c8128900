package io.smartops.agent.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class HoltWintersTests {

	/** 100 + 0.5 t trend, a weekly pattern of period 4, and ±3% noise. */
	static double[] seasonalSeries(int n, long seed) {
		double[] pattern = { 10, -5, 15, -20 };
		SplittableRandom rnd = new SplittableRandom(seed);
		double[] y = new double[n];
		for (int t = 0; t < n; t++) {
			double base = 100 + 0.5 * t + pattern[t % 4];
			y[t] = base * (1 + rnd.nextDouble(-0.03, 0.03));
		}
		return y;
	}

	@Test
	void continuesTrendAndSeasonOfANoiselessSeries() {
		double[] pattern = { 10, -5, 15, -20 };
		double[] y = new double[24];
		for (int t = 0; t < y.length; t++) {
			y[t] = 50 + 2 * t + pattern[t % 4];
		}
		double[] f = new HoltWinters(4).forecast(y, 4);
		for (int h = 0; h < 4; h++) {
			int t = y.length + h;
			assertThat(f[h]).isCloseTo(50 + 2 * t + pattern[t % 4], within(0.5));
		}
	}

	@Test
	void backtestErrorOnANoisySeasonalSeriesIsSmall() {
		double mape = new HoltWinters(4).backtestMape(seasonalSeries(52, 7), 8);
		assertThat(mape).isBetween(0.0, 5.0);
	}

	@Test
	void seasonalModelBeatsANaiveLastValueForecast() {
		double[] y = seasonalSeries(52, 3);
		double hw = new HoltWinters(4).backtestMape(y, 8);
		double naive = 0;
		for (int i = 44; i < 52; i++) {
			naive += Math.abs((y[i] - y[43]) / y[i]);
		}
		naive = 100 * naive / 8;
		assertThat(hw).isLessThan(naive);
	}

	@Test
	void needsTwoFullSeasons() {
		assertThatThrownBy(() -> new HoltWinters(12).fit(new double[20]))
			.hasMessage("Holt-Winters needs at least two seasons (24 observations), got 20");
		assertThatThrownBy(() -> new HoltWinters(4).backtestMape(new double[10], 4))
			.hasMessageContaining("needs at least 12 observations");
	}
}

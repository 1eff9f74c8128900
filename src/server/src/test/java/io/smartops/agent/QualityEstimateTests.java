package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class QualityEstimateTests {

	@Test
	void withoutEvidenceTheRegisteredQualityIsTheEstimate() {
		QualityEstimate e = QualityEstimate.of(0.8, List.of());
		assertThat(e.mean()).isCloseTo(0.8, within(1e-12));
		assertThat(e.observed()).isNull();
		assertThat(e.low()).isLessThan(0.8);
		assertThat(e.high()).isGreaterThan(0.8);
	}

	@Test
	void theRegisteredQualityCountsAsTwentyCallsOfEvidence() {
		// 20 calls all wrong against a prior of 0.8 worth 20 calls: half way to 0
		QualityEstimate e = QualityEstimate.of(0.8, Collections.nCopies(20, 0.0));
		assertThat(e.mean()).isCloseTo(0.4, within(1e-12));
		assertThat(e.observed()).isEqualTo(0.0);
	}

	@Test
	void withHundredsOfCallsTheEvidenceDecidesAndTheIntervalNarrows() {
		List<Double> scores = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			scores.add(i % 4 == 0 ? 0.0 : 1.0);
		}
		QualityEstimate few = QualityEstimate.of(0.3, scores.subList(0, 20));
		QualityEstimate many = QualityEstimate.of(0.3, scores);
		assertThat(many.mean()).isCloseTo((0.3 * 20 + 300) / 420, within(1e-12));
		assertThat(many.high() - many.low()).isLessThan(few.high() - few.low());
		// the posterior Beta(306, 114): its central 95% holds its mean, 0.6851..0.7700 (scipy.stats.beta.ppf)
		assertThat(many.low()).isCloseTo(0.6851, within(0.0005));
		assertThat(many.high()).isCloseTo(0.7700, within(0.0005));
	}

	@Test
	void anEditedOutputCountsHalf() {
		QualityEstimate e = QualityEstimate.of(0.5, List.of(0.5, 0.5));
		assertThat(e.mean()).isCloseTo(0.5, within(1e-12));
		assertThat(e.evidence()).isEqualTo(2);
	}
}

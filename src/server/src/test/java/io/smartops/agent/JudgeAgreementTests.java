package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Cohen's kappa of an evaluator against people, and when it is trusted. */
class JudgeAgreementTests {

	static List<JudgeAgreement.Pair> pairs(int yesYes, int yesNo, int noYes, int noNo) {
		List<JudgeAgreement.Pair> pairs = new ArrayList<>();
		pairs.addAll(Collections.nCopies(yesYes, new JudgeAgreement.Pair(true, true)));
		pairs.addAll(Collections.nCopies(yesNo, new JudgeAgreement.Pair(true, false)));
		pairs.addAll(Collections.nCopies(noYes, new JudgeAgreement.Pair(false, true)));
		pairs.addAll(Collections.nCopies(noNo, new JudgeAgreement.Pair(false, false)));
		return pairs;
	}

	@Test
	void theTextbookTableGivesKappaZeroPointFour() {
		// 50 outputs: both yes 20, judge yes person no 5, judge no person yes 10, both no 15;
		// p_o = 35/50 = 0.7, p_e = 0.5 * 0.6 + 0.5 * 0.4 = 0.5, kappa = (0.7 - 0.5) / 0.5 = 0.4
		JudgeAgreement a = JudgeAgreement.of(pairs(20, 5, 10, 15), 0.6, 20);
		assertThat(a.count()).isEqualTo(50);
		assertThat(a.agreed()).isEqualTo(35);
		assertThat(a.kappa()).isEqualTo(0.4);
		assertThat(a.trusted()).as("below the 0.6 floor").isFalse();
	}

	@Test
	void fullAgreementIsOneAndTrustedOnceThereAreEnoughOutputs() {
		assertThat(JudgeAgreement.of(pairs(12, 0, 0, 8), 0.6, 20).kappa()).isEqualTo(1.0);
		assertThat(JudgeAgreement.of(pairs(12, 0, 0, 8), 0.6, 20).trusted()).isTrue();
		assertThat(JudgeAgreement.of(pairs(6, 0, 0, 4), 0.6, 20).trusted()).as("10 outputs, 20 needed").isFalse();
	}

	@Test
	void agreementNoBetterThanChanceIsZeroOrBelow() {
		assertThat(JudgeAgreement.of(pairs(10, 10, 10, 10), 0.6, 20).kappa()).isEqualTo(0.0);
		assertThat(JudgeAgreement.of(pairs(0, 10, 10, 0), 0.6, 20).kappa()).isEqualTo(-1.0);
	}

	@Test
	void withNoOutputsOrWhenBothAlwaysSayTheSameThingKappaIsUndefined() {
		assertThat(JudgeAgreement.of(List.of(), 0.6, 20).kappa()).isNull();
		JudgeAgreement allYes = JudgeAgreement.of(pairs(30, 0, 0, 0), 0.6, 20);
		assertThat(allYes.kappa()).isNull();
		assertThat(allYes.trusted()).isFalse();
	}

	@Test
	void aTrustedEvaluatorsScoreCountsWithItsWeight() {
		QualityEstimate e = QualityEstimate.weighted(0.5, List.of(new QualityEstimate.Score(1, 1),
				new QualityEstimate.Score(0, 0.5), new QualityEstimate.Score(1, 0.5)));
		assertThat(e.evidence()).isEqualTo(2.0);
		assertThat(e.successes()).isEqualTo(1.5);
		assertThat(e.mean()).isEqualTo((20 * 0.5 + 1.5) / 22.0);
	}
}

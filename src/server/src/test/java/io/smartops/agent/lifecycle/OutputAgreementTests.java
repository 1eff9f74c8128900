package io.smartops.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class OutputAgreementTests {

	@Test
	void scoresAgreeWithinATenthAndTextsWhenEqual() {
		assertThat(OutputAgreement.agree(Map.of("leadScore", 0.55, "agentConfidence", 0.9),
				Map.of("leadScore", 0.62, "agentConfidence", 0.1))).isTrue();
		assertThat(OutputAgreement.agree(Map.of("leadScore", 0.35), Map.of("leadScore", 0.62))).isFalse();
		assertThat(OutputAgreement.agree(Map.of("industry", "Banking "), Map.of("industry", "banking"))).isTrue();
		assertThat(OutputAgreement.agree(Map.of("units", 100), Map.of("units", 109))).isTrue();
		assertThat(OutputAgreement.agree(Map.of("units", 100), Map.of("units", 120))).isFalse();
	}

	@Test
	void outputsWithNothingInCommonDoNotAgree() {
		assertThat(OutputAgreement.agree(Map.of("a", 1), Map.of("b", 1))).isFalse();
	}

	@Test
	void longTextsAgreeWhenMostWordsAreShared() {
		String base = "Dear customer, thank you for your interest in our products. ".repeat(5);
		assertThat(OutputAgreement.agree(Map.of("proposal", base + "Kind regards"), Map.of("proposal", base + "Best")))
			.isTrue();
		assertThat(OutputAgreement.agree(Map.of("proposal", base),
				Map.of("proposal", "Completely different wording about logistics and freight rates. ".repeat(5)))).isFalse();
	}
}

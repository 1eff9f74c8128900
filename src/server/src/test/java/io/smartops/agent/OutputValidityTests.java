package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class OutputValidityTests {

	final OutputValidity validity = new OutputValidity(new ObjectMapper());

	@Test
	void aScoreInsideZeroToOneWithEveryDeclaredOutputIsValid() {
		assertThat(validity.check(List.of("leadScore"), Map.of("leadScore", 0.4)).validity())
			.isEqualTo(AgentCall.Validity.VALID);
	}

	@Test
	void aMissingOutputAScoreOutsideZeroToOneAndABlankTextAreNamed() {
		OutputValidity.Result r = validity.check(List.of("leadScore", "proposal", "industry"),
				Map.of("leadScore", 1.7, "proposal", "  "));
		assertThat(r.validity()).isEqualTo(AgentCall.Validity.INVALID);
		assertThat(r.problems()).contains("proposal is missing", "industry is missing", "leadScore = 1.7 is outside [0, 1]");
	}

	@Test
	void aForecastIsAJsonArrayOfNumbersAtLeastZero() {
		assertThat(validity.check(List.of("demandForecast"), Map.of("demandForecast", "[12.5, 0, 7]")).validity())
			.isEqualTo(AgentCall.Validity.VALID);
		assertThat(validity.check(List.of("demandForecast"), Map.of("demandForecast", "[12.5, -3]")).problems())
			.containsExactly("demandForecast holds -3, not a finite number at least 0");
		assertThat(validity.check(List.of("demandForecast"), Map.of("demandForecast", "soon")).validity())
			.isEqualTo(AgentCall.Validity.INVALID);
	}

	@Test
	void anAgentThatReturnsNoVariablesWritesItsResultsElsewhereAndIsNotCheckedForThem() {
		assertThat(validity.check(List.of("demand"), Map.of()).validity()).isEqualTo(AgentCall.Validity.VALID);
	}
}

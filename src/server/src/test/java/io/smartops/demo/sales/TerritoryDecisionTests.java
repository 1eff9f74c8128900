package io.smartops.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.engine.DecisionService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import io.smartops.SmartOpsTest;

/** Every row of {@code processes/territory.dmn}, as deployed. */
@SmartOpsTest
class TerritoryDecisionTests {

	@Autowired
	DecisionService decisions;

	@ParameterizedTest(name = "{0} with {1} employees → {2}")
	@CsvSource(nullValues = "null", value = {
			"EMEA, 1000, EMEA-ENT, erin, sales-emea-enterprise",
			"EMEA, 999, EMEA, emil, sales-emea",
			"EMEA, null, EMEA, emil, sales-emea",
			"AMERICAS, 25000, AMER-ENT, aaron, sales-americas-enterprise",
			"AMERICAS, 10, AMER, amy, sales-americas",
			"APAC, 50000, APAC, priya, sales-apac",
			"OTHER, 5000, GLOBAL, gus, sales-global" })
	void assignsTerritoryOwnerAndTeam(String region, Integer employees, String territory, String owner, String team) {
		Map<String, Object> input = new HashMap<>();
		input.put("region", region);
		input.put("employees", employees);

		DmnDecisionRuleResult result = decisions.evaluateDecisionTableByKey(SalesProcess.DECISION_TERRITORY, input)
			.getSingleResult();

		assertThat(result.<String>getEntry("territory")).isEqualTo(territory);
		assertThat(result.<String>getEntry("owner")).isEqualTo(owner);
		assertThat(result.<String>getEntry("candidateGroup")).isEqualTo(team);
	}
}

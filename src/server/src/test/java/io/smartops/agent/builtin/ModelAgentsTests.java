package io.smartops.agent.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentOutput;

/** The machine-learning scorer and the forecaster: trained and evaluated on the shipped data. */
class ModelAgentsTests {

	static final MlLeadScorer SCORER = new MlLeadScorer();

	@Test
	void theClassifierLearnsFromTheLeadHistoryWithAHeldOutAucWellAboveChance() {
		// the history is noisy: even the true logit that generated it ranks its leads with AUC 0.71
		assertThat(SCORER.heldOutAuc()).isBetween(0.62, 1.0);
		assertThat(SCORER.evaluation()).containsEntry("trainingLeads", 640).containsEntry("heldOutLeads", 160);
	}

	@Test
	void aLargeReferredManufacturerScoresAboveASmallOutboundRetailer() {
		AgentOutput strong = SCORER.handle(Map.of("employees", 20000, "industry", "Robotics", "source", "referral",
				"region", "AMER"));
		AgentOutput weak = SCORER.handle(Map.of("employees", 8, "industry", "Paper", "source", "outbound", "region", "APAC"));
		assertThat((Double) strong.variables().get("leadScore")).isGreaterThan(0.7);
		assertThat((Double) weak.variables().get("leadScore")).isLessThan(0.3);
		assertThat(strong.confidence()).isBetween(0.0, 1.0);
	}

	@Test
	void aMalformedHistoryIsRefusedWithTheRow() {
		String csv = "employees,industry,source,region,outcome\n10,Food,web,EMEA,maybe\n";
		assertThatThrownBy(() -> new MlLeadScorer(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), 1))
			.hasMessageContaining("row 2 is malformed");
	}

	@Test
	void theForecasterBacktestsEverySeriesAndForecastsTheSeason() {
		DemandForecaster forecaster = new DemandForecaster();
		assertThat(forecaster.evaluation()).containsEntry("series", 12).containsEntry("backtestMonths", 6);
		assertThat(forecaster.meanBacktestMape()).isBetween(0.5, 15.0);
		String forecast = (String) forecaster.handle(Map.of("store", "S1", "product", "P4", "horizon", 3))
			.variables()
			.get("demandForecast");
		double[] history = forecaster.history("S1", "P4");
		double lastYearSameMonth = history[history.length - 12];
		double firstAhead = Double.parseDouble(forecast.substring(1, forecast.indexOf(',')));
		assertThat(forecast.split(",")).hasSize(3);
		assertThat(firstAhead).isBetween(lastYearSameMonth * 0.8, lastYearSameMonth * 1.4);
	}

	@Test
	void anUnknownSeriesIsABusinessOutcome() {
		assertThatThrownBy(() -> new DemandForecaster().handle(Map.of("store", "S9", "product", "P1")))
			.isInstanceOf(AgentBusinessError.class)
			.hasMessageContaining("S9/P1");
	}

	@Test
	void theExtractiveSummaryNamesTheCompanyScoreAndTheProposalsFirstSentence() {
		AgentOutput out = new ExtractiveSummariser().handle(Map.of("companyName", "Initech", "industry", "Software",
				"employees", 800, "leadScore", 0.456, "proposal", "Dear Bill,\n\nwe propose a pilot. More later."));
		assertThat(out.variables())
			.containsEntry("leadSummary", "Initech (Software, 800 employees) scored 0.46. Proposal: we propose a pilot.");
	}
}

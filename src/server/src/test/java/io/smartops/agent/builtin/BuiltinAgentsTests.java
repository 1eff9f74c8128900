package io.smartops.agent.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smartops.agent.AgentOutput;

class BuiltinAgentsTests {

	@Test
	void rulesScorerRanksLargeCoreIndustryReferralsAboveSmallUnknownLeads() {
		RulesLeadScorer scorer = new RulesLeadScorer();
		AgentOutput strong = scorer.handle(Map.of("employees", 8000, "industry", "Robotics", "source", "referral"));
		AgentOutput weak = scorer.handle(Map.of("employees", 12, "source", "outbound"));
		assertThat((Double) strong.variables().get("leadScore")).isEqualTo(1.0);
		assertThat((Double) weak.variables().get("leadScore")).isEqualTo(0.2);
		assertThat(strong.confidence()).isGreaterThan(weak.confidence());
	}

	@Test
	void enricherFindsTheCompanyByItsEmailDomain() {
		AgentOutput out = new ReferenceDataEnricher().handle(Map.of("emailDomain", "globex.example"));
		assertThat(out.variables()).containsEntry("industry", "Manufacturing");
		assertThat((String) out.variables().get("companyProfile")).contains("\"employees\":5000");
		assertThat(out.confidence()).isEqualTo(0.95);
	}

	@Test
	void enricherAnswersUnknownWithLowConfidenceForAnUnknownDomain() {
		AgentOutput out = new ReferenceDataEnricher().handle(Map.of("emailDomain", "nowhere.example"));
		assertThat(out.variables()).containsEntry("industry", "Unknown");
		assertThat(out.confidence()).isEqualTo(0.1);
	}

	@Test
	void templateWriterFillsEveryFieldAndFallsBackForMissingOnes() {
		Map<String, Object> in = new HashMap<>(Map.of("contactName", "Hank", "companyName", "Globex", "industry",
				"Manufacturing", "territory", "EMEA-ENT"));
		String proposal = (String) new TemplateProposalWriter().handle(in).variables().get("proposal");
		assertThat(proposal).startsWith("Dear Hank,").contains("For Globex, a Manufacturing company")
			.contains("about an unknown number of employees").contains("(EMEA-ENT)").doesNotContain("{");
	}
}

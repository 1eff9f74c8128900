package io.smartops.agent.builtin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * Company enrichment from the shipped reference data set ({@code data/companies.csv}: domain,
 * company, industry, employees, headquarters); no network. An unknown domain yields industry
 * "Unknown" with low confidence rather than failing the process.
 */
public final class ReferenceDataEnricher implements AgentHandler {

	public static final String ID = "company-enrichment-reference";

	private final Map<String, String[]> byDomain = new HashMap<>();

	public ReferenceDataEnricher() {
		companies().forEach(f -> byDomain.put(f[0], f));
	}

	/** The reference data's companies: domain, company, industry, employees, headquarters. */
	public static List<String[]> companies() {
		try (BufferedReader r = new BufferedReader(new InputStreamReader(
				ReferenceDataEnricher.class.getResourceAsStream("/io/smartops/data/companies.csv"), StandardCharsets.UTF_8))) {
			return r.lines().skip(1).map(line -> line.split(",")).filter(f -> f.length == 5).toList();
		}
		catch (IOException | NullPointerException e) {
			throw new IllegalStateException("reference data data/companies.csv cannot be read", e);
		}
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of("emailDomain");
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		String[] row = in.get("emailDomain") instanceof String d ? byDomain.get(d) : null;
		if (row == null) {
			return new AgentOutput(Map.of("industry", "Unknown", "companyProfile", "{}"), 0.1);
		}
		String profile = String.format("{\"company\":\"%s\",\"industry\":\"%s\",\"employees\":%s,\"headquarters\":\"%s\"}",
				row[1], row[2], row[3], row[4]);
		return new AgentOutput(Map.of("industry", row[2], "companyProfile", profile), 0.95);
	}
}

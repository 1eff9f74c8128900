package io.smartops.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * How the demo's leads turn out: a lead wins as often as the leads like it did in the shipped
 * history ({@code data/lead-history.csv}, the history the ML lead scorer learns from): the win
 * rate of the leads of the same industry, source and size band, else of the same source and size
 * band, else of all, each shrunk towards the next coarser rate by five leads' worth. The demo's
 * reviewers approve a proposal with that probability, and the person who checks an unsure score
 * sets it near it: the scorers' ground truth and verdicts come from the same world the history
 * describes, not from either scorer.
 */
final class DemoLeadOutcomes {

	private static final double SHRINK = 5;

	private final Map<String, double[]> counts = new HashMap<>();

	DemoLeadOutcomes() {
		try (BufferedReader in = new BufferedReader(new InputStreamReader(
				DemoLeadOutcomes.class.getResourceAsStream("/io/smartops/data/lead-history.csv"), StandardCharsets.UTF_8))) {
			in.readLine();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String[] f = line.split(",");
				if (f.length < 5) {
					continue;
				}
				boolean won = f[4].strip().equals("won");
				String band = band(Long.parseLong(f[0].strip()));
				add("all", won);
				add(f[2] + "|" + band, won);
				add(f[1] + "|" + f[2] + "|" + band, won);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void add(String key, boolean won) {
		double[] c = counts.computeIfAbsent(key, k -> new double[2]);
		c[0] += won ? 1 : 0;
		c[1]++;
	}

	/** The probability that a lead like this one wins. */
	double winRate(Object employees, Object industry, Object source) {
		String band = employees instanceof Number n ? band(n.longValue()) : "unknown";
		double overall = rate("all", 0.5);
		double bySource = rate(source + "|" + band, overall);
		return rate(industry + "|" + source + "|" + band, bySource);
	}

	private double rate(String key, double prior) {
		double[] c = counts.get(key);
		return c == null ? prior : (c[0] + SHRINK * prior) / (c[1] + SHRINK);
	}

	private static String band(long employees) {
		return employees < 100 ? "small" : employees < 1000 ? "medium" : employees < 5000 ? "large" : "enterprise";
	}
}

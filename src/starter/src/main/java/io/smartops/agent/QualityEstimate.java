package io.smartops.agent;

import java.util.List;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * An agent's quality from the evidence of its calls: a Beta posterior whose prior is the
 * registered quality worth {@link #PRIOR_WEIGHT} calls, updated by each evaluated call's score
 * (1 right, 0 wrong, ½ for an output a person had to edit; a trusted evaluator's score with a
 * weight of its own, {@link #weighted}). With no evidence it is the registered
 * quality; with a few calls it moves a little; with hundreds the evidence decides. The interval is
 * the posterior's central 95% (commons-math3's Beta quantiles). Plain code: no engine, no database.
 *
 * @param prior the registered quality
 * @param evidence how many calls were evaluated
 * @param successes the sum of their scores
 */
public record QualityEstimate(double prior, double evidence, double successes) {

	/** The registered quality counts as this many calls of evidence. */
	public static final double PRIOR_WEIGHT = 20;

	public static QualityEstimate of(double prior, List<Double> scores) {
		return weighted(prior, scores.stream().map(s -> new Score(s, 1)).toList());
	}

	/** One piece of evidence: a score from 0 to 1 and how many calls' worth it is (a trusted evaluator's verdict: less than one). */
	public record Score(double value, double weight) {
	}

	/** The estimate from evidence of unequal weight: each score adds its weight to the evidence and weight × score to the successes. */
	public static QualityEstimate weighted(double prior, List<Score> scores) {
		double evidence = 0;
		double sum = 0;
		for (Score s : scores) {
			evidence += s.weight();
			sum += s.weight() * s.value();
		}
		return new QualityEstimate(prior, evidence, sum);
	}

	private double alpha() {
		return PRIOR_WEIGHT * clamp(prior) + successes;
	}

	private double beta() {
		return PRIOR_WEIGHT * (1 - clamp(prior)) + (evidence - successes);
	}

	/** The posterior mean: what selection uses. */
	public double mean() {
		return alpha() / (alpha() + beta());
	}

	/** The share of evaluated calls that were right (no prior), or null without evidence. */
	public Double observed() {
		return evidence == 0 ? null : successes / evidence;
	}

	public double low() {
		return quantile(0.025);
	}

	public double high() {
		return quantile(0.975);
	}

	private double quantile(double p) {
		return new BetaDistribution(Math.max(alpha(), 1e-6), Math.max(beta(), 1e-6)).inverseCumulativeProbability(p);
	}

	/** A prior of exactly 0 or 1 would never move; it is kept just inside. */
	private static double clamp(double q) {
		return Math.min(0.999, Math.max(0.001, q));
	}
}

package io.smartops.agent;

import java.util.List;

/**
 * How far an evaluator (LLM-as-judge) agrees with people on the same outputs: Cohen's kappa over
 * the outputs both judged, each verdict made a yes or no ("usable as it is": a person accepted it
 * unchanged; the evaluator scored it at least ½). Kappa is the agreement beyond chance,
 * κ = (p_o − p_e) / (1 − p_e), with p_o the share of outputs on which both say the same and p_e the
 * share they would by chance given how often each says yes; 1 is full agreement, 0 chance, below 0
 * worse than chance. When both always say the same one thing (p_e = 1) kappa is undefined: null.
 * The evaluator is trusted, and its verdicts count in measured quality, from a kappa of at least
 * {@code floor} over at least {@code minCount} outputs. Plain code: no engine, no database.
 *
 * @param count outputs both judged
 * @param agreed of which both said the same
 * @param kappa Cohen's kappa, or null (no outputs, or undefined)
 * @param floor the kappa the evaluator must reach
 * @param minCount the outputs it must reach it over
 */
public record JudgeAgreement(long count, long agreed, Double kappa, double floor, int minCount) {

	/** One output both judged: the evaluator's verdict and the person's, as yes (usable as is) or no. */
	public record Pair(boolean judgeSaysUsable, boolean personSaysUsable) {
	}

	/** A judge's score counts as a yes from this on. */
	public static final double USABLE = 0.5;

	public static JudgeAgreement of(List<Pair> pairs, double floor, int minCount) {
		long n = pairs.size();
		if (n == 0) {
			return new JudgeAgreement(0, 0, null, floor, minCount);
		}
		long agreed = pairs.stream().filter(p -> p.judgeSaysUsable() == p.personSaysUsable()).count();
		double judgeYes = pairs.stream().filter(Pair::judgeSaysUsable).count() / (double) n;
		double personYes = pairs.stream().filter(Pair::personSaysUsable).count() / (double) n;
		double observed = agreed / (double) n;
		double chance = judgeYes * personYes + (1 - judgeYes) * (1 - personYes);
		Double kappa = chance >= 1 ? null : (observed - chance) / (1 - chance);
		return new JudgeAgreement(n, agreed, kappa == null ? null : Math.round(kappa * 10_000) / 10_000.0, floor, minCount);
	}

	/** Whether the evaluator's verdicts count: kappa at least the floor, over enough outputs. */
	public boolean trusted() {
		return kappa != null && count >= minCount && kappa >= floor;
	}
}

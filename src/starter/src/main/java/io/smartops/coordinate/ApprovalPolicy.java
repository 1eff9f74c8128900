package io.smartops.coordinate;

import java.util.Locale;

/**
 * When a plan needs a person's approval: when it puts work in front of people (operators,
 * suppliers), or when its margin moves more than the threshold from the plan in force. Otherwise
 * it is approved automatically. Either way the reason is recorded.
 */
public final class ApprovalPolicy {

	public record Decision(boolean personNeeded, String reason) {
	}

	private ApprovalPolicy() {
	}

	public static Decision decide(double margin, Double currentMargin, int actionsForPeople, double threshold) {
		String change = currentMargin == null ? "no plan in force to compare with"
				: String.format(Locale.ROOT, "margin %,.2f against %,.2f in force (%+.2f%%)", margin, currentMargin,
						100 * relativeChange(margin, currentMargin));
		if (actionsForPeople > 0) {
			return new Decision(true, actionsForPeople + " actions for people (operators, suppliers); " + change);
		}
		if (currentMargin != null && Math.abs(relativeChange(margin, currentMargin)) > threshold) {
			return new Decision(true, String.format(Locale.ROOT, "%s: more than the %.1f%% that is approved automatically",
					change, 100 * threshold));
		}
		return new Decision(false, "approved automatically: no actions for people; " + change
				+ (currentMargin == null ? "" : String.format(Locale.ROOT, ", within %.1f%%", 100 * threshold)));
	}

	static double relativeChange(double margin, double current) {
		return (margin - current) / Math.max(1e-9, Math.abs(current));
	}
}

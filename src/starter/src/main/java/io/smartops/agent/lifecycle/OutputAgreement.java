package io.smartops.agent.lifecycle;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether a shadow's output agrees with its incumbent's on the same task instance: every output
 * variable they share agrees. Numbers agree within 0.1 when both are scores in [0, 1], else within
 * 10%; short texts agree when equal (case and spaces aside); long texts (over 200 characters, a
 * drafted proposal) when at least half their words are shared (Jaccard). Plain code.
 */
final class OutputAgreement {

	private OutputAgreement() {
	}

	static boolean agree(Map<String, Object> a, Map<String, Object> b) {
		Set<String> shared = new HashSet<>(a.keySet());
		shared.retainAll(b.keySet());
		shared.remove("agentConfidence");
		if (shared.isEmpty()) {
			return false;
		}
		return shared.stream().allMatch(name -> same(a.get(name), b.get(name)));
	}

	static boolean same(Object x, Object y) {
		if (x == null || y == null) {
			return x == y;
		}
		if (x instanceof Number p && y instanceof Number q) {
			double u = p.doubleValue();
			double v = q.doubleValue();
			boolean scores = u >= 0 && u <= 1 && v >= 0 && v <= 1;
			return scores ? Math.abs(u - v) <= 0.1 : Math.abs(u - v) <= 0.1 * Math.max(Math.abs(u), Math.abs(v));
		}
		String s = x.toString().strip().toLowerCase(Locale.ROOT);
		String t = y.toString().strip().toLowerCase(Locale.ROOT);
		if (s.length() <= 200 && t.length() <= 200) {
			return s.equals(t);
		}
		Set<String> ws = new HashSet<>(Arrays.asList(s.split("\\W+")));
		Set<String> wt = new HashSet<>(Arrays.asList(t.split("\\W+")));
		Set<String> union = new HashSet<>(ws);
		union.addAll(wt);
		ws.retainAll(wt);
		return !union.isEmpty() && (double) ws.size() / union.size() >= 0.5;
	}
}

package io.smartops.insight.mining;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import io.smartops.insight.mining.ProcessNet.Transition;

/**
 * Optimal alignments of a trace (the activity ids of one instance's task executions, in order) on
 * a {@link ProcessNet}: the cheapest sequence of moves that replays the trace and the model
 * together, from the start to an end of the process (Adriansyah, <i>Aligning Observed and Modeled
 * Behavior</i>, PhD thesis, TU Eindhoven, 2014; Carmona, van Dongen, Solti, Weidlich,
 * <i>Conformance Checking</i>, Springer, 2018, ch. 7).
 * <ul>
 * <li>A <b>synchronous</b> move fires a visible transition for the trace's next event: free.</li>
 * <li>A <b>log move</b> takes an event the model could not fire there: one deviation (the task was
 * <i>inserted</i>).</li>
 * <li>A <b>model move</b> fires a visible transition with no event: one deviation (the task was
 * <i>skipped</i>).</li>
 * <li>A <b>silent</b> move fires a gateway, event or sub-process boundary: free, but among
 * alignments with as many deviations the one with fewest silent moves is taken.</li>
 * </ul>
 * An activity with both a log move and a model move in one alignment ran, but not where the model
 * allows it: it is <i>out of order</i>. The search is Dijkstra's over states (events replayed,
 * marking), with moves tried synchronous first, then silent, model and log moves, so ties go the
 * same way every time. Fitness is {@code 1 − deviations ÷ (events + the model's shortest run)}, the
 * cost of the alignment over the cost of the worst one (every event a log move, then the shortest
 * run through the model as model moves).
 */
public final class Alignments {

	public enum MoveKind {
		SYNC, LOG, MODEL, SILENT
	}

	/** One move: its kind, the activity (a task's id; null for a silent move) and the transition fired (−1 for a log move). */
	public record Move(MoveKind kind, String activityId, int transition) {
	}

	/**
	 * An optimal alignment, or, when the search gave up ({@code complete} false, past
	 * {@value #MAX_STATES} states or with no way to an end), no moves and every event counted a deviation.
	 */
	public record Alignment(List<Move> moves, int deviations, int events, boolean complete) {
	}

	/** The cost of a deviation; a silent move costs 1, so silent moves only break ties. */
	private static final int DEVIATION = 1 << 16;

	/** The search gives up past this many states. */
	static final int MAX_STATES = 200_000;

	private Alignments() {
	}

	/**
	 * One task's deviations in an alignment: as many of its log and model moves as pair up ran out
	 * of order; the log moves left were inserted, the model moves left skipped.
	 */
	public record Deviation(int skipped, int inserted, int outOfOrder) {
	}

	/** The deviations of each task with any, in the order the alignment first meets them. */
	public static Map<String, Deviation> deviations(Alignment a) {
		Map<String, int[]> moves = new LinkedHashMap<>();
		for (Move m : a.moves()) {
			if (m.kind() == MoveKind.LOG || m.kind() == MoveKind.MODEL) {
				moves.computeIfAbsent(m.activityId(), k -> new int[2])[m.kind() == MoveKind.LOG ? 0 : 1]++;
			}
		}
		Map<String, Deviation> out = new LinkedHashMap<>();
		moves.forEach((activity, n) -> {
			int outOfOrder = Math.min(n[0], n[1]);
			out.put(activity, new Deviation(n[1] - outOfOrder, n[0] - outOfOrder, outOfOrder));
		});
		return out;
	}

	/** The shortest run through the model, in visible tasks: the cost of aligning an empty trace. */
	public static int shortestRun(ProcessNet net) {
		Alignment empty = align(net, List.of());
		return empty.complete() ? empty.deviations() : 0;
	}

	/** The fitness of one alignment against the model's shortest run, in [0, 1]. */
	public static double fitness(Alignment a, int shortestRun) {
		int worst = a.events() + shortestRun;
		return worst == 0 ? 1 : 1 - (double) a.deviations() / worst;
	}

	public static Alignment align(ProcessNet net, List<String> trace) {
		PriorityQueue<Node> open = new PriorityQueue<>();
		Map<State, Integer> settled = new HashMap<>();
		long sequence = 0;
		open.add(new Node(new State(0, net.initialMarking()), 0, null, null, sequence++));
		while (!open.isEmpty()) {
			Node node = open.poll();
			State s = node.state;
			if (settled.containsKey(s)) {
				continue;
			}
			settled.put(s, node.cost);
			if (settled.size() > MAX_STATES) {
				break;
			}
			if (s.position == trace.size() && net.isFinal(s.marking)) {
				return result(node, trace.size());
			}
			String next = s.position < trace.size() ? trace.get(s.position) : null;
			if (next != null) {
				for (Transition t : net.labelled(next)) {
					if (net.enabled(t, s.marking)) {
						open.add(node.then(new State(s.position + 1, net.fire(t, s.marking)), 0,
								new Move(MoveKind.SYNC, next, t.index()), sequence++));
					}
				}
			}
			for (Transition t : net.transitions()) {
				if (!t.visible() && net.enabled(t, s.marking)) {
					open.add(node.then(new State(s.position, net.fire(t, s.marking)), 1,
							new Move(MoveKind.SILENT, null, t.index()), sequence++));
				}
			}
			for (Transition t : net.transitions()) {
				if (t.visible() && net.enabled(t, s.marking)) {
					open.add(node.then(new State(s.position, net.fire(t, s.marking)), DEVIATION,
							new Move(MoveKind.MODEL, t.label(), t.index()), sequence++));
				}
			}
			if (next != null) {
				open.add(node.then(new State(s.position + 1, s.marking), DEVIATION, new Move(MoveKind.LOG, next, -1),
						sequence++));
			}
		}
		return new Alignment(List.of(), trace.size(), trace.size(), false);
	}

	private static Alignment result(Node end, int events) {
		Deque<Move> moves = new ArrayDeque<>();
		for (Node n = end; n.move != null; n = n.parent) {
			moves.addFirst(n.move);
		}
		return new Alignment(List.copyOf(moves), end.cost / DEVIATION, events, true);
	}

	/** Events replayed and the marking reached. */
	private record State(int position, byte[] marking) {

		@Override
		public boolean equals(Object o) {
			return o instanceof State s && s.position == position && Arrays.equals(s.marking, marking);
		}

		@Override
		public int hashCode() {
			return 31 * position + Arrays.hashCode(marking);
		}
	}

	private record Node(State state, int cost, Node parent, Move move, long sequence) implements Comparable<Node> {

		Node then(State next, int price, Move by, long order) {
			return new Node(next, cost + price, this, by, order);
		}

		@Override
		public int compareTo(Node o) {
			return cost != o.cost ? Integer.compare(cost, o.cost) : Long.compare(sequence, o.sequence);
		}
	}
}

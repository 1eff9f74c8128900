package io.smartops.insight.mining;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.InclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;

/**
 * A BPMN process as a Petri net, for replaying what ran on what was modelled (van der Aalst's
 * workflow-net reading of BPMN, <i>Process Mining</i>, 2nd ed., 2016, §3.2 and §8). Each sequence
 * flow is a place; each way a flow node can fire is a transition. Tasks are visible, labelled with
 * their activity id (what the task-execution records hold); everything else (events, gateways,
 * sub-process entries and exits, call activities) is silent.
 * <ul>
 * <li>An activity with several incoming flows fires once per token (an implicit exclusive join) and
 * puts a token on each outgoing flow (an implicit parallel split).</li>
 * <li>Exclusive and event-based gateways fire once per pair of incoming and outgoing flow;
 * parallel gateways consume every incoming flow and mark every outgoing one; inclusive gateways
 * fire for each non-empty combination of outgoing flows (and, joining, of incoming flows) — an
 * over-approximation of the inclusive join's "wait for what can still come".</li>
 * <li>An interrupting boundary event is one more transition of its activity, leading to the
 * event's flows (labelled, for a task that ended with the error, and silent, for one cancelled by
 * a timer or message); a non-interrupting one is a silent transition that reads the activity's
 * incoming token, leaves it, and marks the event's flows.</li>
 * <li>A multi-instance or looping task may fire any number of times in a row.</li>
 * <li>An embedded sub-process is entered through a place of its start events and left through a
 * place its end events mark; an event sub-process may start once, from a place marked at the
 * start that need not be empty at the end.</li>
 * </ul>
 * The net is 3-bounded for the replay: a firing that would put a fourth token on a place is not
 * allowed, which keeps the state space of a replay finite.
 */
public final class ProcessNet {

	/** At most this many tokens on a place during a replay. */
	static final int CAPACITY = 3;

	/** One way a flow node fires: its label (the task's activity id; null when silent), what it consumes and marks. */
	public record Transition(int index, String label, String elementId, int[] in, int[] out, boolean terminates) {

		public boolean visible() {
			return label != null;
		}
	}

	private final List<String> places = new ArrayList<>();
	private final List<String> flowOfPlace = new ArrayList<>();
	private final Map<String, Integer> placeOfFlow = new HashMap<>();
	private final List<Transition> transitions = new ArrayList<>();
	private final Map<String, List<Transition>> byLabel = new HashMap<>();
	private final Map<String, String> names = new LinkedHashMap<>();
	private final List<Integer> marked = new ArrayList<>();
	private final List<Integer> optional = new ArrayList<>();

	private ProcessNet() {
	}

	/** The net of the model's executable process (the first one, when a collaboration holds several). */
	public static ProcessNet of(BpmnModelInstance model) {
		Collection<Process> processes = model.getModelElementsByType(Process.class);
		Process process = processes.stream().filter(Process::isExecutable).findFirst()
			.orElseGet(() -> processes.iterator().next());
		ProcessNet net = new ProcessNet();
		int source = net.place("start", null);
		net.marked.add(source);
		net.scope(process.getFlowElements().stream().filter(FlowNode.class::isInstance).map(FlowNode.class::cast)
			.toList(), source, -1);
		return net;
	}

	/** Builds the transitions of one scope's flow nodes: the process, or the inside of a sub-process. */
	private void scope(List<FlowNode> nodes, int start, int done) {
		for (FlowNode n : nodes) {
			int[] outs = outgoing(n);
			if (n instanceof StartEvent) {
				add(null, n.getId(), new int[] { start }, outs, false);
			}
			else if (n instanceof BoundaryEvent) {
				continue; // fired with the activity it is attached to
			}
			else if (n instanceof EndEvent e) {
				boolean terminates = done < 0
						&& e.getEventDefinitions().stream().anyMatch(TerminateEventDefinition.class::isInstance);
				for (int in : incoming(n)) {
					add(null, n.getId(), new int[] { in }, done < 0 ? new int[0] : new int[] { done }, terminates);
				}
			}
			else if (n instanceof ParallelGateway) {
				add(null, n.getId(), incoming(n), outs, false);
			}
			else if (n instanceof InclusiveGateway) {
				for (int[] ins : combinations(incoming(n))) {
					for (int[] some : combinations(outs)) {
						add(null, n.getId(), ins, some, false);
					}
				}
			}
			else if (n instanceof ExclusiveGateway || n instanceof EventBasedGateway) {
				for (int in : incoming(n)) {
					for (int out : outs) {
						add(null, n.getId(), new int[] { in }, new int[] { out }, false);
					}
				}
			}
			else if (n instanceof SubProcess s && s.triggeredByEvent()) {
				int trigger = place("trigger of " + s.getId(), null);
				marked.add(trigger);
				optional.add(trigger);
				scope(children(s), trigger, -1);
			}
			else if (n instanceof SubProcess s) {
				int inside = place("start of " + s.getId(), null);
				int ended = place("end of " + s.getId(), null);
				for (int in : incoming(n)) {
					add(null, s.getId(), new int[] { in }, new int[] { inside }, false);
				}
				add(null, s.getId(), new int[] { ended }, ends(outs, done), false);
				if (s.getLoopCharacteristics() != null) {
					add(null, s.getId(), new int[] { ended }, new int[] { inside }, false);
				}
				scope(children(s), inside, ended);
				boundaries(s, null);
			}
			else if (n instanceof Activity a) {
				String label = a instanceof Task ? a.getId() : null;
				if (label != null) {
					names.put(label, a.getName() == null ? a.getId() : a.getName());
				}
				int[] after = ends(outs, done);
				if (a.getLoopCharacteristics() != null && label != null) {
					int again = place("repeating " + a.getId(), null);
					for (int in : incoming(n)) {
						add(label, a.getId(), new int[] { in }, new int[] { again }, false);
					}
					add(label, a.getId(), new int[] { again }, new int[] { again }, false);
					add(null, a.getId(), new int[] { again }, after, false);
				}
				else {
					for (int in : incoming(n)) {
						add(label, a.getId(), new int[] { in }, after, false);
					}
				}
				boundaries(a, label);
			}
			else {
				// intermediate events and anything else that passes its token on
				for (int in : incoming(n)) {
					add(null, n.getId(), new int[] { in }, ends(outs, done), false);
				}
			}
		}
	}

	/** The boundary events attached to an activity, each a transition of that activity. */
	private void boundaries(Activity activity, String label) {
		for (BoundaryEvent b : activity.getModelInstance().getModelElementsByType(BoundaryEvent.class)) {
			if (b.getAttachedTo() != activity) {
				continue;
			}
			int[] outs = outgoing(b);
			for (int in : incoming(activity)) {
				if (b.cancelActivity()) {
					add(null, b.getId(), new int[] { in }, outs, false);
					if (label != null) {
						add(label, b.getId(), new int[] { in }, outs, false);
					}
				}
				else {
					int[] keep = new int[outs.length + 1];
					keep[0] = in;
					System.arraycopy(outs, 0, keep, 1, outs.length);
					add(null, b.getId(), new int[] { in }, keep, false);
				}
			}
		}
	}

	private static List<FlowNode> children(SubProcess s) {
		return s.getFlowElements().stream().filter(FlowNode.class::isInstance).map(FlowNode.class::cast).toList();
	}

	/** An activity without outgoing flows inside a sub-process ends its path there. */
	private static int[] ends(int[] outs, int done) {
		return outs.length == 0 && done >= 0 ? new int[] { done } : outs;
	}

	/** Every non-empty combination of the places (at most 4 of them in full; beyond, each alone and all together). */
	private static List<int[]> combinations(int[] places) {
		List<int[]> all = new ArrayList<>();
		if (places.length > 4) {
			for (int p : places) {
				all.add(new int[] { p });
			}
			all.add(places);
			return all;
		}
		for (int mask = 1; mask < 1 << places.length; mask++) {
			int[] some = new int[Integer.bitCount(mask)];
			int k = 0;
			for (int i = 0; i < places.length; i++) {
				if ((mask & 1 << i) != 0) {
					some[k++] = places[i];
				}
			}
			all.add(some);
		}
		return all;
	}

	private int[] incoming(FlowNode n) {
		return n.getIncoming().stream().mapToInt(this::flow).toArray();
	}

	private int[] outgoing(FlowNode n) {
		return n.getOutgoing().stream().mapToInt(this::flow).toArray();
	}

	private int flow(SequenceFlow f) {
		return placeOfFlow.computeIfAbsent(f.getId(), id -> place(id, id));
	}

	private int place(String name, String flowId) {
		places.add(name);
		flowOfPlace.add(flowId);
		return places.size() - 1;
	}

	private void add(String label, String elementId, int[] in, int[] out, boolean terminates) {
		Transition t = new Transition(transitions.size(), label, elementId, in, out, terminates);
		transitions.add(t);
		if (label != null) {
			byLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(t);
		}
	}

	public int placeCount() {
		return places.size();
	}

	public List<Transition> transitions() {
		return transitions;
	}

	/** The visible transitions of an activity; empty for an activity the model does not have. */
	public List<Transition> labelled(String activityId) {
		return byLabel.getOrDefault(activityId, List.of());
	}

	/** The sequence flow a place stands for; null for the net's own places. */
	public String flowOf(int place) {
		return flowOfPlace.get(place);
	}

	/** The model's tasks, each with its name, in the model's order. */
	public Map<String, String> tasks() {
		return names;
	}

	/** The marking a replay starts from. */
	public byte[] initialMarking() {
		byte[] m = new byte[places.size()];
		marked.forEach(p -> m[p] = 1);
		return m;
	}

	/** Whether a replay may end in this marking: no token left but on the places that may keep theirs. */
	public boolean isFinal(byte[] marking) {
		for (int p = 0; p < marking.length; p++) {
			if (marking[p] != 0 && !optional.contains(p)) {
				return false;
			}
		}
		return true;
	}

	/** Whether the transition may fire in the marking (its inputs marked, its outputs below the capacity). */
	public boolean enabled(Transition t, byte[] marking) {
		for (int p : t.in()) {
			if (marking[p] == 0) {
				return false;
			}
		}
		for (int p : t.out()) {
			int after = marking[p] + 1;
			for (int q : t.in()) {
				if (q == p) {
					after--;
				}
			}
			if (after > CAPACITY) {
				return false;
			}
		}
		return true;
	}

	/** The marking after the transition fires. */
	public byte[] fire(Transition t, byte[] marking) {
		byte[] next = t.terminates() ? new byte[marking.length] : marking.clone();
		if (t.terminates()) {
			for (int p : optional) {
				next[p] = marking[p];
			}
		}
		else {
			for (int p : t.in()) {
				next[p]--;
			}
		}
		for (int p : t.out()) {
			next[p]++;
		}
		return next;
	}
}

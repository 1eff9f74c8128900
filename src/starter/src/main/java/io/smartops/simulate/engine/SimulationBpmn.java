package io.smartops.simulate.engine;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventBasedGateway;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * The process model as the simulator runs it: the real BPMN, with what would call real systems
 * taken out and the simulator's hooks put in. Every task but a DMN decision becomes a wait state of
 * the simulator's ({@link SimulationHooks}): delegates, connectors, external tasks, scripts and user
 * tasks alike, so that nothing calls a real system and the simulator decides when each ends and how
 * (done, or its boundary event's BPMN error); the people of a user task are still the model's
 * (its candidate group or assignee, evaluated when it begins). Business rule tasks keep their DMN
 * decisions; each exclusive gateway that branches takes the branch the simulator draws; a process
 * only a message starts gets a plain start; asynchronous continuations go, so that only timers make
 * jobs. Also what a model has that cannot be simulated.
 */
public final class SimulationBpmn {

	/** The topic every simulated service task waits on. */
	public static final String TOPIC = "smartops-simulation";

	/** The function a branching gateway's conditions call: whether the gateway drew the flow. */
	public static final String TOOK = "took";

	/**
	 * What the simulator needs to know of a model besides the model itself: the BPMN error each
	 * task's boundary event catches, each branching exclusive gateway's flows (flow id →
	 * the element it leads to), its tasks (id → name, user tasks apart) and the decisions it calls.
	 */
	public record Shape(String processKey, Map<String, String> errorCodes,
			Map<String, Map<String, String>> branches, Map<String, String> tasks, List<String> userTasks,
			List<String> decisionKeys, Map<String, String> people) {
	}

	private SimulationBpmn() {
	}

	public static BpmnModelInstance read(String xml) {
		return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
	}

	/** The executable process of the model with this key. */
	public static Process process(BpmnModelInstance model, String processKey) {
		for (Process p : model.getModelElementsByType(Process.class)) {
			if (p.getId().equals(processKey)) {
				return p;
			}
		}
		throw new IllegalArgumentException("the model has no process '" + processKey + "'");
	}

	/** Its tasks, branching exclusive gateways with their outgoing flows, error codes, people, decisions. */
	public static Shape shape(BpmnModelInstance model, String processKey) {
		Process process = process(model, processKey);
		Map<String, String> errors = new LinkedHashMap<>();
		for (BoundaryEvent b : process.getChildElementsByType(BoundaryEvent.class)) {
			for (ErrorEventDefinition e : b.getChildElementsByType(ErrorEventDefinition.class)) {
				errors.putIfAbsent(b.getAttachedTo().getId(), e.getError() == null || e.getError().getErrorCode() == null
						? "SIMULATED_ERROR" : e.getError().getErrorCode());
			}
		}
		Map<String, Map<String, String>> branches = new LinkedHashMap<>();
		for (ExclusiveGateway g : process.getChildElementsByType(ExclusiveGateway.class)) {
			if (g.getOutgoing().size() > 1) {
				Map<String, String> flows = new LinkedHashMap<>();
				g.getOutgoing().forEach(f -> flows.put(f.getId(), f.getTarget().getId()));
				branches.put(g.getId(), flows);
			}
		}
		Map<String, String> tasks = new LinkedHashMap<>();
		process.getChildElementsByType(Task.class).forEach(t -> tasks.put(t.getId(), t.getName() == null ? t.getId()
				: t.getName()));
		List<String> userTasks = process.getChildElementsByType(UserTask.class).stream().map(UserTask::getId).toList();
		List<String> decisions = new ArrayList<>();
		for (BusinessRuleTask t : process.getChildElementsByType(BusinessRuleTask.class)) {
			if (t.getCamundaDecisionRef() != null && !decisions.contains(t.getCamundaDecisionRef())) {
				decisions.add(t.getCamundaDecisionRef());
			}
		}
		return new Shape(processKey, errors, branches, tasks, userTasks, decisions, people(model, processKey));
	}

	/** Element id → why it cannot be simulated; empty when the model can be. */
	public static Map<String, String> unsupported(BpmnModelInstance model, String processKey) {
		Process process = process(model, processKey);
		Map<String, String> problems = new LinkedHashMap<>();
		for (CallActivity c : process.getChildElementsByType(CallActivity.class)) {
			problems.put(c.getId(), "a call activity: the process it calls is not simulated with it");
		}
		for (ReceiveTask r : process.getChildElementsByType(ReceiveTask.class)) {
			problems.put(r.getId(), "a receive task waits for a message that nothing sends in a simulation");
		}
		for (org.camunda.bpm.model.bpmn.instance.InclusiveGateway g : process
			.getChildElementsByType(org.camunda.bpm.model.bpmn.instance.InclusiveGateway.class)) {
			if (g.getOutgoing().size() > 1) {
				problems.put(g.getId(), "an inclusive gateway that branches: only exclusive gateways draw their branches yet");
			}
		}
		for (EventBasedGateway g : process.getChildElementsByType(EventBasedGateway.class)) {
			problems.put(g.getId(), "an event-based gateway waits for events that nothing sends in a simulation");
		}
		for (IntermediateCatchEvent e : process.getChildElementsByType(IntermediateCatchEvent.class)) {
			if (!e.getChildElementsByType(MessageEventDefinition.class).isEmpty()
					|| !e.getChildElementsByType(SignalEventDefinition.class).isEmpty()) {
				problems.put(e.getId(), "waits for a message or signal that nothing sends in a simulation");
			}
		}
		boolean startable = false;
		for (StartEvent s : process.getChildElementsByType(StartEvent.class)) {
			startable |= s.getEventDefinitions().isEmpty()
					|| !s.getChildElementsByType(MessageEventDefinition.class).isEmpty();
			if (!s.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
				problems.putIfAbsent(s.getId(), "a timer start event: a simulation starts instances by its arrivals");
			}
		}
		if (!startable) {
			problems.put(processKey, "has neither a none start event nor a message start event to start instances by");
		}
		if (!process.getChildElementsByType(org.camunda.bpm.model.bpmn.instance.SubProcess.class).isEmpty()) {
			problems.put(processKey, "has a subprocess: only flat processes are simulated");
		}
		return problems;
	}

	/**
	 * The names the model and its decisions could read a variable by: every identifier in their
	 * text. A start variable no expression names is left out of a simulation (it would only cost).
	 */
	public static java.util.Set<String> names(String bpmnXml, Collection<String> dmnXml) {
		java.util.Set<String> names = new java.util.HashSet<>();
		java.util.regex.Matcher m = IDENTIFIER.matcher(bpmnXml + " " + String.join(" ", dmnXml));
		while (m.find()) {
			names.add(m.group());
		}
		return names;
	}

	private static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	/** The model as the simulator deploys it (see the class comment). */
	public static String simulated(String xml, String processKey) {
		BpmnModelInstance model = read(xml);
		Process process = process(model, processKey);
		process.setCamundaHistoryTimeToLiveString("1");
		for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
			node.setCamundaAsyncBefore(false);
			node.setCamundaAsyncAfter(false);
			removeListeners(node);
		}
		startsWithoutMessage(process);
		for (Task t : new ArrayList<>(process.getChildElementsByType(Task.class))) {
			if (t instanceof BusinessRuleTask b && b.getCamundaDecisionRef() != null) {
				continue;
			}
			ServiceTask wait = model.newInstance(ServiceTask.class);
			wait.setAttributeValue("id", t.getId(), true, false);
			if (t.getName() != null) {
				wait.setName(t.getName());
			}
			wait.setCamundaClass(SimulationHooks.Task.class.getName());
			new ArrayList<>(t.getIncoming()).forEach(f -> wait.getIncoming().add(f));
			new ArrayList<>(t.getOutgoing()).forEach(f -> wait.getOutgoing().add(f));
			t.replaceWithElement(wait);
			listener(model, wait, "end", SimulationHooks.Left.class);
		}
		for (BoundaryEvent b : process.getChildElementsByType(BoundaryEvent.class)) {
			if (!b.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
				listener(model, b.getAttachedTo(), "start", SimulationHooks.Timers.class);
				listener(model, b.getAttachedTo(), "end", SimulationHooks.Timers.class);
			}
		}
		for (IntermediateCatchEvent e : process.getChildElementsByType(IntermediateCatchEvent.class)) {
			if (!e.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
				listener(model, e, "start", SimulationHooks.Timers.class);
				listener(model, e, "end", SimulationHooks.Timers.class);
			}
		}
		for (ExclusiveGateway g : process.getChildElementsByType(ExclusiveGateway.class)) {
			if (g.getOutgoing().size() > 1) {
				g.removeAttribute("default");
				listener(model, g, "start", SimulationHooks.Choose.class);
				for (SequenceFlow f : g.getOutgoing()) {
					ConditionExpression c = model.newInstance(ConditionExpression.class);
					c.setTextContent("${" + TOOK + "(execution, '" + f.getId() + "')}");
					f.setConditionExpression(c);
				}
			}
		}
		removeListeners(process);
		listener(model, process, "end", SimulationHooks.Ended.class);
		return Bpmn.convertToString(model);
	}

	/** A process that only a message starts gets a plain start instead, so that arrivals start it by its id. */
	private static void startsWithoutMessage(Process process) {
		List<StartEvent> starts = new ArrayList<>(process.getChildElementsByType(StartEvent.class));
		if (starts.stream().anyMatch(s -> s.getEventDefinitions().isEmpty())) {
			return;
		}
		for (StartEvent s : starts) {
			if (!s.getChildElementsByType(MessageEventDefinition.class).isEmpty()) {
				new ArrayList<>(s.getEventDefinitions()).forEach(d -> s.removeChildElement(d));
				return;
			}
		}
	}

	/**
	 * Who works each user task, as the model says: its first candidate group or, without one, its
	 * assignee — an expression the simulator evaluates when the task begins.
	 */
	public static Map<String, String> people(BpmnModelInstance model, String processKey) {
		Map<String, String> people = new LinkedHashMap<>();
		for (UserTask t : process(model, processKey).getChildElementsByType(UserTask.class)) {
			String groups = t.getCamundaCandidateGroups();
			String who = groups != null && !groups.isBlank() ? groups.split(",")[0].trim() : t.getCamundaAssignee();
			if (who != null) {
				people.put(t.getId(), who);
			}
		}
		return people;
	}

	/** A call on a name at the start of a term ({@code bean.method(}), not on what a call returned. */
	private static final java.util.regex.Pattern ROOT_CALL = java.util.regex.Pattern
		.compile("(?<![\\w.])([A-Za-z_]\\w*)\\.\\w+\\(");

	/**
	 * Listeners that call beans or classes go (the application's beans are not in the simulator);
	 * expression listeners that only set variables on the execution stay.
	 */
	private static void removeListeners(ModelElementInstance e) {
		ExtensionElements x = (ExtensionElements) e.getUniqueChildElementByType(ExtensionElements.class);
		if (x == null) {
			return;
		}
		Collection<ModelElementInstance> all = new ArrayList<>(x.getElements());
		for (ModelElementInstance c : all) {
			if (c instanceof CamundaTaskListener) {
				x.removeChildElement(c);
			}
			else if (c instanceof CamundaExecutionListener l
					&& (l.getCamundaExpression() == null || callsABean(l.getCamundaExpression()))) {
				x.removeChildElement(c);
			}
		}
	}

	static boolean callsABean(String expression) {
		java.util.regex.Matcher call = ROOT_CALL.matcher(expression);
		while (call.find()) {
			if (!call.group(1).equals("execution")) {
				return true;
			}
		}
		return false;
	}

	private static ExtensionElements extensions(BpmnModelInstance model, org.camunda.bpm.model.bpmn.instance.BaseElement e) {
		ExtensionElements x = e.getExtensionElements();
		if (x == null) {
			x = model.newInstance(ExtensionElements.class);
			e.setExtensionElements(x);
		}
		return x;
	}

	private static void listener(BpmnModelInstance model, org.camunda.bpm.model.bpmn.instance.BaseElement e, String event,
			Class<? extends org.camunda.bpm.engine.delegate.ExecutionListener> listener) {
		CamundaExecutionListener l = model.newInstance(CamundaExecutionListener.class);
		l.setCamundaEvent(event);
		l.setCamundaClass(listener.getName());
		extensions(model, e).addChildElement(l);
	}

}

package io.smartops.simulate.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.bpmn.behavior.AbstractBpmnActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * The simulator's part in the simulated model ({@code ${simulation}} in {@link SimulationBpmn}):
 * every task is a wait state of this behaviour — it reports that it began (with the people a user
 * task is for) and waits until the simulator signals it done, or signals the BPMN error its
 * boundary event catches. A gateway draws its branch here; activities with timers, and the
 * process's end, are reported. The simulator drains what was reported after each call into the
 * engine; the engine runs on the simulator's one thread, so nothing here is shared.
 */
public final class SimulationHooks extends AbstractBpmnActivityBehavior {

	/** The signal that ends a task with a BPMN error: this prefix, then the error code. */
	static final String ERROR_SIGNAL = "bpmn-error:";

	/** A task that began: its execution, task, instance and the people it is for (null for no people). */
	record Began(String executionId, String activityId, String instanceId, String group) {
	}

	private final Map<String, String> choices = new HashMap<>();
	final List<Began> began = new ArrayList<>();
	/** Tasks that ended, as execution id + "/" + activity id: done, or cancelled by an event or the instance's end. */
	final List<String> left = new ArrayList<>();
	final List<String> ended = new ArrayList<>();
	boolean timersChanged;
	private Map<String, Map<String, Double>> branches = Map.of();
	private Map<String, String> people = Map.of();
	private final Map<String, Expression> expressions = new HashMap<>();
	private SplittableRandom random = new SplittableRandom(0);

	void use(Map<String, String> peopleOfTask, Map<String, Map<String, Double>> branchProbabilities,
			SplittableRandom branchRandom) {
		this.people = peopleOfTask;
		this.branches = branchProbabilities;
		this.random = branchRandom;
		choices.clear();
	}

	@Override
	public void execute(ActivityExecution execution) {
		String activityId = execution.getActivity().getId();
		String who = people.get(activityId);
		String group = null;
		if (who != null) {
			Object value = expressions.computeIfAbsent(who, text -> Context.getProcessEngineConfiguration()
				.getExpressionManager().createExpression(text)).getValue(execution);
			group = value == null ? null : value.toString().split(",")[0].trim();
		}
		began.add(new Began(execution.getId(), activityId, execution.getProcessInstanceId(), group));
	}

	@Override
	public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
		if (signalName != null && signalName.startsWith(ERROR_SIGNAL)) {
			throw new BpmnError(signalName.substring(ERROR_SIGNAL.length()));
		}
		leave(execution);
	}

	/** A task ended (an execution listener): done, or cancelled. */
	public void left(DelegateExecution execution) {
		left.add(execution.getId() + "/" + execution.getCurrentActivityId());
	}

	/** At an exclusive gateway: draws the flow it leaves by. */
	public void choose(DelegateExecution execution) {
		String gateway = execution.getCurrentActivityId();
		Map<String, Double> p = branches.get(gateway);
		if (p == null || p.isEmpty()) {
			throw new SimulationException("no branch probabilities for gateway " + gateway);
		}
		double u = random.nextDouble();
		String chosen = null;
		for (Map.Entry<String, Double> e : p.entrySet()) {
			chosen = e.getKey();
			u -= e.getValue();
			if (u < 0) {
				break;
			}
		}
		choices.put(execution.getId(), chosen);
	}

	/** Whether the gateway the execution is at drew this flow. */
	public boolean took(DelegateExecution execution, String flowId) {
		if (flowId.equals(choices.get(execution.getId()))) {
			choices.remove(execution.getId());
			return true;
		}
		return false;
	}

	/** An activity with a timer began or ended: the next timer may have changed. */
	public void timers(DelegateExecution execution) {
		timersChanged = true;
	}

	public void ended(DelegateExecution execution) {
		ended.add(execution.getProcessInstanceId());
	}

	void clear() {
		choices.clear();
		began.clear();
		left.clear();
		ended.clear();
		timersChanged = false;
	}
}

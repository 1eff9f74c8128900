package io.smartops.simulate.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.bpmn.behavior.AbstractBpmnActivityBehavior;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.pvm.delegate.ActivityExecution;

/**
 * The simulator's part in the simulated model ({@link SimulationBpmn}): every task is a
 * {@link Task} — a wait state that reports it began (with the people a user task is for) and waits
 * until the simulator signals it done, or signals the BPMN error its boundary event catches (an
 * automated step of under a second runs straight through instead, done or failed at once); a
 * gateway draws its branch ({@link Choose}, then the condition {@code ${took(execution, 'flow')}});
 * tasks that end, activities with timers and the process's end are reported. All by class and
 * function, never by a bean's name, so that no expression makes the engine look the name up among
 * the variables first. The simulator drains what was reported after each call into the engine;
 * one simulation runs in a JVM, on one thread, so the hooks of the running simulation are
 * {@link #current()} and nothing here is shared.
 */
public final class SimulationHooks {

	/** The signal that ends a task with a BPMN error: this prefix, then the error code. */
	static final String ERROR_SIGNAL = "bpmn-error:";

	private static SimulationHooks current;

	/**
	 * A task that began: its activity instance (which stays while the engine may replace its
	 * execution, as a non-interrupting event does), its execution, task, process instance and the
	 * people it is for (null for no people).
	 */
	record Began(String activityInstanceId, String executionId, String activityId, String instanceId, String group) {
	}

	private final Map<String, String> choices = new HashMap<>();
	final List<Began> began = new ArrayList<>();
	/** The activity instances of tasks that ended: done, or cancelled by an event or the instance's end. */
	final List<String> left = new ArrayList<>();
	final List<String> ended = new ArrayList<>();
	boolean timersChanged;
	private Map<String, Map<String, Double>> branches = Map.of();
	private Map<String, String> people = Map.of();
	private final Map<String, Expression> expressions = new HashMap<>();
	private SplittableRandom random = new SplittableRandom(0);
	/**
	 * For a task that runs straight through (activity id, process instance id): "" when it is done,
	 * its BPMN error code when it fails, null when it waits like any other.
	 */
	java.util.function.BinaryOperator<String> instant = (activity, instance) -> null;

	SimulationHooks() {
		current = this;
	}

	static SimulationHooks current() {
		return current;
	}

	void use(Map<String, String> peopleOfTask, Map<String, Map<String, Double>> branchProbabilities,
			SplittableRandom branchRandom) {
		this.people = peopleOfTask;
		this.branches = branchProbabilities;
		this.random = branchRandom;
		choices.clear();
	}

	/** Every task of the simulated model: waits until the simulator signals it. */
	public static final class Task extends AbstractBpmnActivityBehavior {

		@Override
		public void execute(ActivityExecution execution) {
			String outcome = current.instant.apply(execution.getActivity().getId(), execution.getProcessInstanceId());
			if (outcome == null) {
				current.began(execution);
			}
			else if (outcome.isEmpty()) {
				leave(execution);
			}
			else {
				throw new BpmnError(outcome);
			}
		}

		@Override
		public void signal(ActivityExecution execution, String signalName, Object signalData) throws Exception {
			if (signalName != null && signalName.startsWith(ERROR_SIGNAL)) {
				throw new BpmnError(signalName.substring(ERROR_SIGNAL.length()));
			}
			leave(execution);
		}
	}

	/** A task ended: done, or cancelled. */
	public static final class Left implements ExecutionListener {
		@Override
		public void notify(DelegateExecution execution) {
			current.left.add(execution.getActivityInstanceId());
		}
	}

	/** At an exclusive gateway: draws the flow it leaves by. */
	public static final class Choose implements ExecutionListener {
		@Override
		public void notify(DelegateExecution execution) {
			current.choose(execution);
		}
	}

	/** An activity with a timer began or ended: the next timer may have changed. */
	public static final class Timers implements ExecutionListener {
		@Override
		public void notify(DelegateExecution execution) {
			current.timersChanged = true;
		}
	}

	/** The process instance ended. */
	public static final class Ended implements ExecutionListener {
		@Override
		public void notify(DelegateExecution execution) {
			current.ended.add(execution.getProcessInstanceId());
		}
	}

	/** Whether the gateway the execution is at drew this flow: the function {@code took} of the flows' conditions. */
	public static boolean took(DelegateExecution execution, String flowId) {
		Map<String, String> choices = current.choices;
		if (flowId.equals(choices.get(execution.getId()))) {
			choices.remove(execution.getId());
			return true;
		}
		return false;
	}

	private void began(ActivityExecution execution) {
		String activityId = execution.getActivity().getId();
		String who = people.get(activityId);
		String group = null;
		if (who != null) {
			Object value = expressions.computeIfAbsent(who, text -> Context.getProcessEngineConfiguration()
				.getExpressionManager().createExpression(text)).getValue(execution);
			group = value == null ? null : value.toString().split(",")[0].trim();
		}
		began.add(new Began(execution.getActivityInstanceId(), execution.getId(), activityId,
				execution.getProcessInstanceId(), group));
	}

	private void choose(DelegateExecution execution) {
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

	void clear() {
		choices.clear();
		began.clear();
		left.clear();
		ended.clear();
		timersChanged = false;
	}
}

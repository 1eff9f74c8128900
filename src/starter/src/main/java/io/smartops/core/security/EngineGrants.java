package io.smartops.core.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.authorization.BatchPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;

/**
 * What each of Smart Ops' groups may do with the engine's own API and web apps, and no more (the
 * README's second matrix). Work on a user task is not granted here: the engine grants a task's
 * candidate groups, candidate users and assignee {@code READ} and {@code TASK_WORK} on that task
 * alone (Smart Ops sets {@code defaultUserPermissionNameForTask} to {@code TASK_WORK}), so only
 * they claim and complete it. Nobody but administrators modifies, deletes or migrates instances.
 */
public final class EngineGrants {

	/** The processes whose instances a group may start by hand (by key). */
	public static final String SALES = "sales-operations";
	public static final String COORDINATOR = "operating-plan-coordinator";
	public static final String PROMOTION = "agent-promotion";

	/** One grant: the group's permissions on one resource ({@code *} for every one of its kind). */
	public record Grant(String group, Resource resource, String resourceId, List<Permission> permissions) {
	}

	private EngineGrants() {
	}

	/** Every grant, one per group, resource and resource id. */
	public static List<Grant> all() {
		List<Grant> g = new ArrayList<>();
		// Designers deploy, and read definitions, decisions and what ran; they change definitions
		// (suspension, time to live), not instances.
		g.add(new Grant(Roles.DESIGNERS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
		g.add(new Grant(Roles.DESIGNERS, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
		g.add(new Grant(Roles.DESIGNERS, Resources.DEPLOYMENT, ANY,
				List.of(Permissions.CREATE, Permissions.READ, Permissions.DELETE)));
		g.add(new Grant(Roles.DESIGNERS, Resources.PROCESS_DEFINITION, ANY,
				List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
						ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE)));
		g.add(new Grant(Roles.DESIGNERS, Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.READ)));
		g.add(new Grant(Roles.DESIGNERS, Resources.DECISION_DEFINITION, ANY,
				List.of(Permissions.READ, Permissions.READ_HISTORY, Permissions.CREATE_INSTANCE)));
		g.add(new Grant(Roles.DESIGNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, List.of(Permissions.READ)));

		// Operators watch and repair running work: they see instances, tasks and history, hand a
		// task to someone else, retry failed jobs, suspend and resume, and start a sales lead by
		// hand. They neither complete others' tasks nor move instances past them.
		g.add(new Grant(Roles.OPERATORS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
		g.add(new Grant(Roles.OPERATORS, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
		g.add(new Grant(Roles.OPERATORS, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)));
		g.add(new Grant(Roles.OPERATORS, Resources.PROCESS_DEFINITION, ANY,
				List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
						ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
						ProcessDefinitionPermissions.TASK_ASSIGN, ProcessDefinitionPermissions.RETRY_JOB,
						ProcessDefinitionPermissions.SUSPEND_INSTANCE)));
		g.add(new Grant(Roles.OPERATORS, Resources.PROCESS_DEFINITION, SALES,
				List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)));
		g.add(new Grant(Roles.OPERATORS, Resources.PROCESS_INSTANCE, ANY,
				List.of(ProcessInstancePermissions.READ, ProcessInstancePermissions.CREATE,
						ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND)));
		g.add(new Grant(Roles.OPERATORS, Resources.TASK, ANY,
				List.of(TaskPermissions.READ, TaskPermissions.READ_HISTORY, TaskPermissions.TASK_ASSIGN)));
		g.add(new Grant(Roles.OPERATORS, Resources.DECISION_DEFINITION, ANY,
				List.of(Permissions.READ, Permissions.READ_HISTORY)));
		g.add(new Grant(Roles.OPERATORS, Resources.BATCH, ANY,
				List.of(BatchPermissions.READ, BatchPermissions.CREATE_BATCH_SET_JOB_RETRIES)));

		// Action-takers (and the sales and operations teams) use Tasklist: they read definitions
		// and forms; the engine grants them their tasks. Sales teams start a lead by hand; planners
		// start a coordinator run.
		for (String group : Roles.groupsOf(Roles.ACTION_TAKERS)) {
			g.add(new Grant(group, Resources.APPLICATION, "tasklist", List.of(Permissions.ACCESS)));
			g.add(new Grant(group, Resources.DEPLOYMENT, ANY, List.of(Permissions.READ)));
			g.add(new Grant(group, Resources.PROCESS_DEFINITION, ANY, List.of(ProcessDefinitionPermissions.READ)));
			String starts = group.equals(Roles.PLANNERS) ? COORDINATOR
					: Roles.OPERATIONS_TEAMS.contains(group) ? null : SALES;
			if (starts != null) {
				g.add(new Grant(group, Resources.PROCESS_DEFINITION, starts,
						List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)));
				g.add(new Grant(group, Resources.PROCESS_INSTANCE, ANY, List.of(ProcessInstancePermissions.CREATE)));
			}
		}

		// Agent administrators watch agent work in Cockpit and start an agent's promotion.
		g.add(new Grant(Roles.AGENT_ADMINS, Resources.APPLICATION, "cockpit", List.of(Permissions.ACCESS)));
		g.add(new Grant(Roles.AGENT_ADMINS, Resources.PROCESS_DEFINITION, ANY,
				List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
						ProcessDefinitionPermissions.READ_INSTANCE)));
		g.add(new Grant(Roles.AGENT_ADMINS, Resources.PROCESS_DEFINITION, PROMOTION,
				List.of(ProcessDefinitionPermissions.CREATE_INSTANCE)));
		g.add(new Grant(Roles.AGENT_ADMINS, Resources.PROCESS_INSTANCE, ANY,
				List.of(ProcessInstancePermissions.READ, ProcessInstancePermissions.CREATE)));

		// Agent workers fetch, lock and complete external tasks: the engine asks UPDATE on the
		// instance for that. Their password is a server secret; no person logs in as a worker.
		g.add(new Grant(Roles.WORKERS, Resources.PROCESS_INSTANCE, ANY,
				List.of(ProcessInstancePermissions.READ, ProcessInstancePermissions.UPDATE)));
		g.add(new Grant(Roles.WORKERS, Resources.PROCESS_DEFINITION, ANY,
				List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_INSTANCE,
						ProcessDefinitionPermissions.UPDATE_INSTANCE)));
		// Sensor feeds post events to Smart Ops' API and have no rights in the engine.
		return g;
	}

	/** The groups these grants are for (administrators hold every permission instead). */
	public static Set<String> groups() {
		Set<String> groups = new LinkedHashSet<>();
		all().forEach(grant -> groups.add(grant.group()));
		groups.add(Roles.SENSOR_FEEDS);
		return groups;
	}
}

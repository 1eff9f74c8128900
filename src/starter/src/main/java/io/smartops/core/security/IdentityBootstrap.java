package io.smartops.core.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Creates Smart Ops' role groups and their authorizations once the engine is up (no users: the
 * host's administrators add people to the groups). Idempotent: runs at every start and adds only
 * what is missing.
 */
@Component
public class IdentityBootstrap implements SmartInitializingSingleton {


	private final ProcessEngine engine;

	IdentityBootstrap(ProcessEngine engine) {
		this.engine = engine;
	}

	private volatile boolean done;

	/** Runs once every bean exists, before the web server accepts requests: no login fails at start. */
	@Override
	public void afterSingletonsInstantiated() {
		ensure();
	}

	/** Creates what is missing, once; for a caller that needs the groups before this bean's turn. */
	public synchronized void ensure() {
		if (done) {
			return;
		}
		done = true;
		IdentityService identity = engine.getIdentityService();
		AuthorizationService authorizations = engine.getAuthorizationService();
		group(identity, Roles.ADMINS, "Administrators", "SYSTEM");
		group(identity, Roles.DESIGNERS, "Process designers", "SMARTOPS");
		group(identity, Roles.OPERATORS, "Operators", "SMARTOPS");
		group(identity, Roles.ACTION_TAKERS, "Action-takers", "SMARTOPS");
		group(identity, Roles.WORKERS, "Agent workers", "SYSTEM");
		group(identity, Roles.AGENT_ADMINS, "Agent administrators", "SMARTOPS");
		group(identity, Roles.SENSOR_FEEDS, "Sensor feeds", "SYSTEM");
		Roles.SALES_TEAMS.forEach(team -> group(identity, team, team, "SALES"));
		Roles.OPERATIONS_TEAMS.forEach(team -> group(identity, team, team, "OPERATIONS"));

		for (Resources resource : Resources.values()) {
			grant(authorizations, Roles.ADMINS, resource, ANY, Permissions.ALL);
		}
		grantDesigners(authorizations);
		grantOperators(authorizations);
		grantActionTakers(authorizations, Roles.ACTION_TAKERS);
		grantWorkers(authorizations);
		grantAgentAdmins(authorizations);
		Roles.SALES_TEAMS.forEach(team -> grantActionTakers(authorizations, team));
		Roles.OPERATIONS_TEAMS.forEach(team -> grantActionTakers(authorizations, team));
		shareTasklistFilters(authorizations);

	}

	private static void group(IdentityService identity, String id, String name, String type) {
		if (identity.createGroupQuery().groupId(id).count() == 0) {
			Group g = identity.newGroup(id);
			g.setName(name);
			g.setType(type);
			identity.saveGroup(g);
		}
	}

	/** Designers deploy and read definitions, decisions and forms, and use Cockpit. */
	private static void grantDesigners(AuthorizationService a) {
		grant(a, Roles.DESIGNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		grant(a, Roles.DESIGNERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grant(a, Roles.DESIGNERS, Resources.DEPLOYMENT, ANY, Permissions.CREATE, Permissions.READ, Permissions.DELETE);
		grant(a, Roles.DESIGNERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
				ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.UPDATE);
		grant(a, Roles.DESIGNERS, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE, Permissions.READ);
		grant(a, Roles.DESIGNERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY,
				Permissions.CREATE_INSTANCE);
		grant(a, Roles.DESIGNERS, Resources.DECISION_REQUIREMENTS_DEFINITION, ANY, Permissions.READ);
	}

	/** Operators watch and repair running work in Cockpit: instances, incidents, jobs, retries. */
	private static void grantOperators(AuthorizationService a) {
		grant(a, Roles.OPERATORS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		grant(a, Roles.OPERATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grant(a, Roles.OPERATORS, Resources.DEPLOYMENT, ANY, Permissions.READ);
		grant(a, Roles.OPERATORS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
				ProcessDefinitionPermissions.UPDATE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
				ProcessDefinitionPermissions.SUSPEND_INSTANCE, ProcessDefinitionPermissions.CREATE_INSTANCE,
				ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.UPDATE_TASK);
		grant(a, Roles.OPERATORS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
				ProcessInstancePermissions.UPDATE, ProcessInstancePermissions.CREATE, ProcessInstancePermissions.RETRY_JOB,
				ProcessInstancePermissions.SUSPEND);
		grant(a, Roles.OPERATORS, Resources.TASK, ANY, TaskPermissions.READ, TaskPermissions.UPDATE,
				TaskPermissions.READ_HISTORY);
		grant(a, Roles.OPERATORS, Resources.DECISION_DEFINITION, ANY, Permissions.READ, Permissions.READ_HISTORY);
		grant(a, Roles.OPERATORS, Resources.BATCH, ANY, Permissions.READ, Permissions.CREATE);
	}

	/**
	 * Action-takers use Tasklist: they read definitions (to render forms) and start the processes
	 * they take part in; the engine grants them their candidate tasks.
	 */
	private static void grantActionTakers(AuthorizationService a, String group) {
		grant(a, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
		grant(a, group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.CREATE_INSTANCE);
		grant(a, group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
		grant(a, group, Resources.DEPLOYMENT, ANY, Permissions.READ);
	}

	/** Agent administrators watch agent tasks in Cockpit; the agent library itself is Smart Ops' API. */
	private static void grantAgentAdmins(AuthorizationService a) {
		grant(a, Roles.AGENT_ADMINS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
		grant(a, Roles.AGENT_ADMINS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE);
		grant(a, Roles.AGENT_ADMINS, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ);
	}

	/** Agent workers fetch, lock and complete external tasks of any process, and nothing else. */
	private static void grantWorkers(AuthorizationService a) {
		grant(a, Roles.WORKERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ, Permissions.UPDATE);
		grant(a, Roles.WORKERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
				ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE);
	}

	private void shareTasklistFilters(AuthorizationService a) {
		FilterService filters = engine.getFilterService();
		for (Filter filter : filters.createFilterQuery().list()) {
			for (String group : allGroups()) {
				grant(a, group, Resources.FILTER, filter.getId(), Permissions.READ);
			}
		}
	}

	/** Every group Smart Ops creates, but Camunda's administrators. */
	public static List<String> allGroups() {
		List<String> groups = new ArrayList<>(
				List.of(Roles.DESIGNERS, Roles.OPERATORS, Roles.ACTION_TAKERS, Roles.AGENT_ADMINS));
		groups.addAll(Roles.SALES_TEAMS);
		groups.addAll(Roles.OPERATIONS_TEAMS);
		return groups;
	}

	/** Adds the permissions to the group's grant on the resource, creating it if missing. */
	private static void grant(AuthorizationService a, String group, Resource resource, String resourceId,
			Permission... permissions) {
		Authorization auth = a.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
			.resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
		boolean isNew = auth == null;
		if (isNew) {
			auth = a.createNewAuthorization(AUTH_TYPE_GRANT);
			auth.setGroupId(group);
			auth.setResource(resource);
			auth.setResourceId(resourceId);
		}
		Map<String, Boolean> missing = new HashMap<>();
		for (Permission p : permissions) {
			if (!auth.isPermissionGranted(p)) {
				auth.addPermission(p);
				missing.put(p.getName(), true);
			}
		}
		if (isNew || !missing.isEmpty()) {
			a.saveAuthorization(auth);
		}
	}
}

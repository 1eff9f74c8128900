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
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
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

	/**
	 * Creates what is missing, once; for a caller that needs the groups before this bean's turn.
	 * Each creation is its own engine command, checked before it is made; when another node of
	 * the cluster makes the same one at the same moment (two nodes started at once on an empty
	 * database), the slower one's insert fails on the unique key: it looks again after a moment, and
	 * finds the rest made or makes it.
	 */
	public synchronized void ensure() {
		if (done) {
			return;
		}
		for (int attempt = 1;; attempt++) {
			try {
				bootstrap();
				done = true;
				return;
			}
			catch (org.camunda.bpm.engine.ProcessEngineException e) {
				if (attempt == 3) {
					throw e;
				}
				org.slf4j.LoggerFactory.getLogger(IdentityBootstrap.class)
					.info("groups and grants made at the same moment by another node ({}); looking again", e.getMessage());
				try {
					Thread.sleep(300L * attempt);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw e;
				}
			}
		}
	}

	private void bootstrap() {
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
		List<EngineGrants.Grant> grants = EngineGrants.all();
		grants.forEach(g -> grantExactly(authorizations, g));
		revokeStale(authorizations, grants);
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

	/**
	 * Makes the group's grant on the resource hold exactly the grant's permissions: what an earlier
	 * release granted more (operators' {@code UPDATE} on every task) is taken back at the next start.
	 */
	private static void grantExactly(AuthorizationService a, EngineGrants.Grant g) {
		Authorization auth = grantOf(a, g.group(), g.resource(), g.resourceId());
		if (auth.getId() != null && granted(auth).equals(names(g.permissions()))) {
			return;
		}
		auth.setPermissions(g.permissions().toArray(Permission[]::new));
		a.saveAuthorization(auth);
	}

	/**
	 * Takes back the grants on every resource ({@code *}) that Smart Ops' groups held from an
	 * earlier release and no longer need. Grants on single resources (a task's candidate group, a
	 * host's own grant on its process) are left alone.
	 */
	private static void revokeStale(AuthorizationService a, List<EngineGrants.Grant> grants) {
		for (String group : EngineGrants.groups()) {
			for (Authorization auth : a.createAuthorizationQuery().groupIdIn(group).authorizationType(AUTH_TYPE_GRANT).list()) {
				boolean any = ANY.equals(auth.getResourceId());
				boolean known = grants.stream().anyMatch(g -> g.group().equals(group)
						&& g.resource().resourceType() == auth.getResourceType() && g.resourceId().equals(auth.getResourceId()));
				if (any && !known && auth.getResourceType() != Resources.FILTER.resourceType()) {
					a.deleteAuthorization(auth.getId());
				}
			}
		}
	}

	/** The names of the permissions the authorization grants, but ALL and NONE. */
	private static java.util.Set<String> granted(Authorization auth) {
		java.util.Set<String> names = new java.util.TreeSet<>();
		for (Permission p : org.camunda.bpm.engine.impl.util.ResourceTypeUtil
			.getPermissionsByResourceType(auth.getResourceType())) {
			if (p.getValue() != 0 && p.getValue() != Integer.MAX_VALUE && auth.isPermissionGranted(p)) {
				names.add(p.getName());
			}
		}
		return names;
	}

	private static java.util.Set<String> names(List<Permission> permissions) {
		java.util.Set<String> names = new java.util.TreeSet<>();
		permissions.forEach(p -> names.add(p.getName()));
		return names;
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

	/** The group's grant on the resource, or a new one (not saved yet, without an id) where it has none. */
	private static Authorization grantOf(AuthorizationService a, String group, Resource resource, String resourceId) {
		Authorization auth = a.createAuthorizationQuery().groupIdIn(group).resourceType(resource)
			.resourceId(resourceId).authorizationType(AUTH_TYPE_GRANT).singleResult();
		if (auth == null) {
			auth = a.createNewAuthorization(AUTH_TYPE_GRANT);
			auth.setGroupId(group);
			auth.setResource(resource);
			auth.setResourceId(resourceId);
		}
		return auth;
	}

	/** Adds the permissions to the group's grant on the resource, creating it if missing. */
	private static void grant(AuthorizationService a, String group, Resource resource, String resourceId,
			Permission... permissions) {
		Authorization auth = grantOf(a, group, resource, resourceId);
		boolean isNew = auth.getId() == null;
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

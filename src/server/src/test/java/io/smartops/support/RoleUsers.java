package io.smartops.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

import io.smartops.core.security.Roles;

/** Test users, each in one group (or none: a null group), created once per engine. */
public final class RoleUsers {

	private RoleUsers() {
	}

	/**
	 * One user per role group, one in an operations team and one in no group at all, named
	 * {@code prefix-designer}, {@code prefix-operator}, … {@code prefix-nobody}.
	 */
	public static Map<String, String> onePerGroup(String prefix) {
		Map<String, String> users = new LinkedHashMap<>();
		users.put(prefix + "-designer", Roles.DESIGNERS);
		users.put(prefix + "-operator", Roles.OPERATORS);
		users.put(prefix + "-planner", Roles.PLANNERS);
		users.put(prefix + "-taker", Roles.ACTION_TAKERS);
		users.put(prefix + "-warehouse", "warehouse-operators");
		users.put(prefix + "-agentadmin", Roles.AGENT_ADMINS);
		users.put(prefix + "-worker", Roles.WORKERS);
		users.put(prefix + "-sensor", Roles.SENSOR_FEEDS);
		users.put(prefix + "-nobody", null);
		return users;
	}

	public static void ensure(IdentityService identity, Map<String, String> groupOfUser, String password) {
		groupOfUser.forEach((id, group) -> {
			if (identity.createUserQuery().userId(id).count() == 0) {
				User u = identity.newUser(id);
				u.setPassword(password);
				identity.saveUser(u);
				if (group != null) {
					identity.createMembership(id, group);
				}
			}
		});
	}
}

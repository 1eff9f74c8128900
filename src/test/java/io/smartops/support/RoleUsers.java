package io.smartops.support;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/** Test users, each in one group (or none: a null group), created once per engine. */
public final class RoleUsers {

	private RoleUsers() {
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

package io.smartops.server;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import io.smartops.core.security.IdentityBootstrap;
import io.smartops.core.security.Roles;

/**
 * The server's administrator, a member of Camunda's administrators and of every Smart Ops group:
 * {@code SMARTOPS_ADMIN_USER} / {@code SMARTOPS_ADMIN_PASSWORD}; only when neither is set is a
 * {@code demo}/{@code demo} user created, with a warning. Idempotent: runs at every start.
 */
@Component
class Administrator implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(Administrator.class);

	static final String ADMIN_USER = "SMARTOPS_ADMIN_USER";
	static final String ADMIN_PASSWORD = "SMARTOPS_ADMIN_PASSWORD";

	private final ProcessEngine engine;
	private final IdentityBootstrap groups;
	private final Environment environment;

	Administrator(ProcessEngine engine, IdentityBootstrap groups, Environment environment) {
		this.engine = engine;
		this.groups = groups;
		this.environment = environment;
	}

	@Override
	public void afterSingletonsInstantiated() {
		groups.ensure();
		String user = environment.getProperty(ADMIN_USER);
		String password = environment.getProperty(ADMIN_PASSWORD);
		if ((user == null || user.isBlank()) && (password == null || password.isBlank())) {
			log.warn("Neither {} nor {} is set: created the demo administrator demo/demo. "
					+ "Set both variables for anything but a local demo.", ADMIN_USER, ADMIN_PASSWORD);
			user = "demo";
			password = "demo";
		}
		else if (user == null || user.isBlank() || password == null || password.isBlank()) {
			throw new IllegalStateException("Set both " + ADMIN_USER + " and " + ADMIN_PASSWORD + ", or neither for the demo");
		}
		admin(engine.getIdentityService(), user, password);
	}

	private static void admin(IdentityService identity, String id, String password) {
		User user = identity.createUserQuery().userId(id).singleResult();
		if (user == null) {
			user = identity.newUser(id);
			user.setFirstName(id);
			user.setLastName("(administrator)");
			user.setPassword(password);
			identity.saveUser(user);
		}
		List<String> groups = new ArrayList<>(IdentityBootstrap.allGroups());
		groups.add(Roles.ADMINS);
		for (String group : groups) {
			if (identity.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
				identity.createMembership(id, group);
			}
		}
	}
}

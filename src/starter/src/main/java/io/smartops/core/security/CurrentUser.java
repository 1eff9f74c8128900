package io.smartops.core.security;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the user and groups that the REST authentication filter put on the engine's
 * identity service for this request. Outside a request (jobs, workers inside the server) nobody is
 * logged in and {@link #userId()} is {@code null}.
 */
@Component
public class CurrentUser {

	private final IdentityService identity;

	CurrentUser(IdentityService identity) {
		this.identity = identity;
	}

	/**
	 * Runs work on the engine's identity service as this user with these groups, or, with a null
	 * user, as the system (nobody logged in, so no authorization narrows what the engine reads), and
	 * puts back whoever was logged in on the thread before.
	 */
	public <T> T as(String userId, List<String> groupIds, Supplier<T> work) {
		Authentication before = identity.getCurrentAuthentication();
		if (userId == null) {
			identity.clearAuthentication();
		}
		else {
			identity.setAuthentication(userId, groupIds);
		}
		try {
			return work.get();
		}
		finally {
			if (before == null) {
				identity.clearAuthentication();
			}
			else {
				identity.setAuthentication(before);
			}
		}
	}

	public String userId() {
		Authentication a = identity.getCurrentAuthentication();
		return a == null ? null : a.getUserId();
	}

	public List<String> groups() {
		Authentication a = identity.getCurrentAuthentication();
		return a == null || a.getGroupIds() == null ? List.of() : a.getGroupIds();
	}

	/** True for an administrator and for a member of any group the roles stand for ({@link Roles#groupsOf}). */
	public boolean hasAnyRole(Collection<String> roles) {
		List<String> mine = groups();
		return mine.contains(Roles.ADMINS)
				|| roles.stream().flatMap(r -> Roles.groupsOf(r).stream()).anyMatch(mine::contains);
	}

	/**
	 * Null when the user may do {@code what}: an administrator or a member of one of the roles;
	 * else the refusal, naming the user, the groups and what they may not do.
	 */
	public String refusal(Collection<String> roles, String what) {
		return hasAnyRole(roles) ? null : "user " + userId() + " is in none of the groups " + roles + " that may " + what;
	}

	/** True for an administrator, a member of any of the roles, or a member of the group itself. */
	public boolean mayActFor(String candidateGroup, Collection<String> roles) {
		return hasAnyRole(roles) || (candidateGroup != null && groups().contains(candidateGroup));
	}
}

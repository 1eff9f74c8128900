package io.smartops.core.security;

import java.io.IOException;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.smartops.core.web.ApiError;

/**
 * Role checks on Smart Ops' own API, before the controller runs, so a refused request changes
 * nothing. Every handler method under {@code /smartops/api} names its roles with
 * {@code @RolesAllowed} (Camunda group ids, {@link Roles}); administrators may call everything. A
 * handler that names none is refused for everybody but administrators: forgetting the annotation
 * closes an endpoint rather than opening it ({@code EndpointRolesTests} checks none is forgotten).
 */
class RoleCheck implements HandlerInterceptor {

	private final CurrentUser user;
	private final ObjectMapper json;

	RoleCheck(CurrentUser user, ObjectMapper json) {
		this.user = user;
		this.json = json;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (!(handler instanceof HandlerMethod method)) {
			return true;
		}
		if (method.hasMethodAnnotation(PermitAll.class)) {
			return true;
		}
		List<String> roles = rolesOf(method);
		if (user.userId() == null) {
			return refuse(response, 401, "log in (HTTP basic) to use this endpoint");
		}
		String refusal = user.refusal(roles, "use this endpoint");
		if (refusal == null) {
			return true;
		}
		return refuse(response, 403, roles.isEmpty() ? "only administrators may use this endpoint" : refusal);
	}

	/** The roles of the method's {@code @RolesAllowed}, else its class's; empty when neither names any. */
	static List<String> rolesOf(HandlerMethod method) {
		RolesAllowed allowed = method.getMethodAnnotation(RolesAllowed.class);
		if (allowed == null) {
			allowed = method.getBeanType().getAnnotation(RolesAllowed.class);
		}
		return allowed == null ? List.of() : List.of(allowed.value());
	}

	private boolean refuse(HttpServletResponse response, int status, String message) throws IOException {
		ApiError.write(response, status, message, json);
		return false;
	}
}

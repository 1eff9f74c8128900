package io.smartops.core.security;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.util.ClassUtils;

/**
 * Who calls Smart Ops' API and MCP endpoint, in this order:
 * <ol>
 * <li>the host's own authentication: a user its security (Spring Security, the servlet container)
 * has already authenticated for this request, by the principal's name;</li>
 * <li>a user logged in to the Camunda web apps (Cockpit, Tasklist), through the same session, where
 * the host has them: the dashboard and the Cockpit plugin use it. The session is taken for reading
 * ({@code GET}, {@code HEAD}) and for a request carrying the header {@value #HEADER}, which another
 * site's page cannot send without this server's consent, so a session alone never changes anything
 * (no cross-site request forgery);</li>
 * <li>HTTP basic against the Camunda identity service.</li>
 * </ol>
 * The groups are always Camunda's: the engine's authentication filter loads them for the user.
 */
public class SmartOpsAuthenticationProvider implements AuthenticationProvider {

	/** The header the dashboard sends with the requests that change something. */
	public static final String HEADER = "X-SmartOps-Request";

	private static final boolean WEBAPPS = ClassUtils.isPresent(
			"org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil",
			SmartOpsAuthenticationProvider.class.getClassLoader());

	private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

	@Override
	public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
		Principal host = request.getUserPrincipal();
		if (host != null && host.getName() != null) {
			return AuthenticationResult.successful(host.getName());
		}
		if (WEBAPPS && request.getHeader("Authorization") == null) {
			String user = WebappSession.user(request, engine);
			if (user != null) {
				return AuthenticationResult.successful(user);
			}
		}
		return basic.extractAuthenticatedUser(request, engine);
	}

	@Override
	public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
		basic.augmentResponseByAuthenticationChallenge(response, engine);
	}

	/** Apart, so that the web apps' classes are loaded only where the host has them. */
	private static final class WebappSession {

		static String user(HttpServletRequest request, ProcessEngine engine) {
			boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
			HttpSession session = request.getSession(false);
			if (session == null || !(reading || request.getHeader(HEADER) != null)) {
				return null;
			}
			Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
			Authentication a = authentications == null ? null
					: authentications.getAuthenticationForProcessEngine(engine.getName());
			return a == null ? null : a.getIdentityId();
		}
	}
}

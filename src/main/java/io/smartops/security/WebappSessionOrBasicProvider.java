package io.smartops.security;

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

/**
 * Smart Ops' API for the browser: a user logged in to the Camunda web apps (Cockpit, Tasklist)
 * is logged in to the dashboard and the Cockpit plugin too, through the same session; everyone
 * else uses HTTP basic. The session is taken for reading ({@code GET}, {@code HEAD}) and for a
 * request carrying the header {@value #HEADER}, which another site's page cannot send without
 * this server's consent, so a session alone never changes anything (no cross-site request forgery).
 */
public class WebappSessionOrBasicProvider implements AuthenticationProvider {

	/** The header the dashboard sends with the requests that change something. */
	public static final String HEADER = "X-SmartOps-Request";

	private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

	@Override
	public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
		if (request.getHeader("Authorization") == null) {
			String user = sessionUser(request, engine);
			if (user != null) {
				return AuthenticationResult.successful(user);
			}
		}
		return basic.extractAuthenticatedUser(request, engine);
	}

	private static String sessionUser(HttpServletRequest request, ProcessEngine engine) {
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

	@Override
	public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
		basic.augmentResponseByAuthenticationChallenge(response, engine);
	}
}

package io.smartops.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Smart Ops' paths take the host's own authentication first: a request its security already
 * authenticated (Spring Security puts the user on the request as its principal) is that user,
 * whatever else the request carries; without one, the request needs the web apps' session or HTTP
 * basic against Camunda's identity service.
 */
class SmartOpsAuthenticationProviderTests {

	final SmartOpsAuthenticationProvider provider = new SmartOpsAuthenticationProvider();

	@Test
	void aUserTheHostAuthenticatedIsTakenAsTheCaller() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/smartops/api/agents");
		request.setUserPrincipal(() -> "olivia");
		request.addHeader("Authorization", "Basic bm90OnVzZWQ=");
		AuthenticationResult result = provider.extractAuthenticatedUser(request, null);
		assertThat(result.isAuthenticated()).isTrue();
		assertThat(result.getAuthenticatedUser()).isEqualTo("olivia");
	}

	@Test
	void withoutTheHostsUserASessionOrCredentialsNobodyIsAuthenticated() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/smartops/api/leads");
		AuthenticationResult result = provider.extractAuthenticatedUser(request, null);
		assertThat(result.isAuthenticated()).isFalse();
	}
}

package io.smartops.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;

/**
 * A user logged in to the Camunda web apps uses Smart Ops' API with the same session for reading;
 * a session alone changes nothing (another site's page could send the cookie), only with the
 * header {@code X-SmartOps-Request}, which such a page cannot add.
 */
@SmartOpsTest
class WebappSessionTests {

	@LocalServerPort
	int port;

	@Test
	void theCockpitSessionReadsTheApiButChangesSomethingOnlyWithTheDashboardsHeader() throws Exception {
		CookieManager cookies = new CookieManager();
		HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
		String base = "http://localhost:" + port;
		HttpRequest.Builder targets = HttpRequest.newBuilder(URI.create(base + "/smartops/api/insights/processes/sales-operations/targets"));
		assertThat(http.send(targets.copy().GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
			.as("no session yet").isEqualTo(401);

		http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/app/cockpit/default/")).build(),
				HttpResponse.BodyHandlers.discarding());
		String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
			.map(HttpCookie::getValue).findFirst().orElseThrow();
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/default/login/cockpit"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
			.POST(HttpRequest.BodyPublishers.ofString("username=demo&password=demo")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

		HttpResponse<String> read = http.send(targets.copy().GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		HttpResponse<String> forged = http.send(targets.copy().header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"SPEED\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forged.statusCode()).as("a session alone does not write").isEqualTo(401);
		HttpResponse<String> dashboard = http.send(targets.copy().header("Content-Type", "application/json")
			.header(SmartOpsAuthenticationProvider.HEADER, "dashboard")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"SPEED\": 1}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(dashboard.statusCode()).as("past the login, the body is checked: " + dashboard.body()).isEqualTo(400);
	}
}

package io.smartops.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;

/** Both REST APIs over real HTTP: closed without credentials, open with them, authorized by role. */
@SmartOpsTest
class RestSecurityTests {

	@LocalServerPort
	int port;

	@Autowired
	IdentityService identity;

	final HttpClient http = HttpClient.newHttpClient();

	HttpResponse<String> get(String path, String user, String password) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
		if (user != null) {
			b.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void engineApiAnswers401WithoutCredentials() throws Exception {
		assertThat(get("/engine-rest/process-definition", null, null).statusCode()).isEqualTo(401);
		// a wrong password (for a user of its own: the engine throttles logins after a failed attempt)
		assertThat(get("/engine-rest/process-definition", "mallory", "guess").statusCode()).isEqualTo(401);
	}

	@Test
	void projectApiAnswers401WithoutCredentialsWithABodyThatSaysHowToLogIn() throws Exception {
		var refused = get("/smartops/api/task-executions?processInstanceId=x", null, null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
		assertThat(refused.body())
			.isEqualTo("{\"error\":\"log in: this endpoint needs HTTP basic authentication of a Camunda user\"}");
	}

	@Test
	void actuatorEndpointsNeedCredentialsToo() throws Exception {
		assertThat(get("/actuator/health", null, null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/health", "demo", "demo").statusCode()).isEqualTo(200);
		assertThat(get("/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", "demo", "demo").body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void bothApisAnswer200WithCredentials() throws Exception {
		HttpResponse<String> engine = get("/engine-rest/process-definition?key=sales-operations", "demo", "demo");
		assertThat(engine.statusCode()).isEqualTo(200);
		assertThat(engine.body()).contains("\"key\":\"sales-operations\"");
		assertThat(get("/smartops/api/task-executions?processInstanceId=none", "demo", "demo").statusCode()).isEqualTo(200);
	}

	@Test
	void anActionTakerSeesDefinitionsButCannotSuspendThem() throws Exception {
		if (identity.createUserQuery().userId("sam").count() == 0) {
			User sam = identity.newUser("sam");
			sam.setPassword("sam-secret");
			identity.saveUser(sam);
			identity.createMembership("sam", Roles.ACTION_TAKERS);
		}
		assertThat(get("/engine-rest/process-definition?key=sales-operations", "sam", "sam-secret").body())
			.contains("sales-operations");
		HttpRequest suspend = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/process-definition/key/sales-operations/suspended"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("sam:sam-secret".getBytes()))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"suspended\": true, \"includeProcessInstances\": true}"))
			.build();
		assertThat(http.send(suspend, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
	}
}

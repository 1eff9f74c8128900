package io.smartops.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;

/** {@code POST /smartops/api/plans} over real HTTP. */
@SmartOpsTest
class PlanApiTests {

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newHttpClient();
	final ObjectMapper json = new ObjectMapper();

	HttpResponse<String> post(String body, boolean authenticated) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/smartops/api/plans"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authenticated) {
			b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()));
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void answersThePlan() throws Exception {
		HttpResponse<String> r = post(RetailPlanExamplesTests.example("small.json"), true);
		assertThat(r.statusCode()).isEqualTo(200);
		JsonNode plan = json.readTree(r.body());
		assertThat(plan.get("margin").asDouble()).isBetween(16655.25, 16655.27);
	}

	@Test
	void answers422WithThePlanAndConflictWhenInfeasible() throws Exception {
		HttpResponse<String> r = post(RetailPlanExamplesTests.example("infeasible.json"), true);
		assertThat(r.statusCode()).isEqualTo(422);
		assertThat(json.readTree(r.body()).get("conflict").toString()).contains("fill-rate");
	}

	@Test
	void answers400NamingEveryInvalidField() throws Exception {
		String bad = RetailPlanExamplesTests.example("small.json").replaceFirst("\"periods\": 3", "\"periods\": 0");
		HttpResponse<String> r = post(bad, true);
		assertThat(r.statusCode()).isEqualTo(400);
		JsonNode body = json.readTree(r.body());
		assertThat(body.get("problems").toString()).contains("periods: 0 must be at least 1");
	}

	@Test
	void answers400ForTextThatIsNotJson() throws Exception {
		HttpResponse<String> r = post("{ not json", true);
		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(json.readTree(r.body()).has("error")).isTrue();
	}

	@Test
	void answers401WithoutCredentials() throws Exception {
		assertThat(post(RetailPlanExamplesTests.example("small.json"), false).statusCode()).isEqualTo(401);
	}
}

package io.smartops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;

/** The agent library's REST API over real HTTP. */
@SmartOpsTest
class AgentApiTests {

	@LocalServerPort
	int port;

	@Autowired
	AgentLibrary library;

	final HttpClient http = HttpClient.newHttpClient();
	final ObjectMapper json = new ObjectMapper();

	HttpResponse<String> send(String method, String path, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/smartops/api/agents" + path))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void registersAForeignAgentAndAnswersItsTopic() throws Exception {
		HttpResponse<String> r = send("POST", "", """
				{"capability":"lead-scoring","name":"Python Scorer","version":"2.1","costPerCall":0.002,"expectedLatencyMillis":150,"quality":0.88}""");
		assertThat(r.statusCode()).isEqualTo(201);
		JsonNode body = json.readTree(r.body());
		assertThat(body.get("id").asText()).isEqualTo("python-scorer-2-1");
		assertThat(body.get("topic").asText()).isEqualTo("agent.lead-scoring.python-scorer-2-1");
		assertThat(send("GET", "", null).body()).contains("python-scorer-2-1");
		assertThat(library.history("python-scorer-2-1")).singleElement()
			.satisfies(c -> assertThat(c.getChangedBy()).isEqualTo("demo"));
	}

	@Test
	void rejectsAMissingCapabilityNegativeCostAndQualityOutsideZeroToOne() throws Exception {
		HttpResponse<String> r = send("POST", "", """
				{"name":"Bad","version":"1","costPerCall":-1,"expectedLatencyMillis":10,"quality":1.5}""");
		assertThat(r.statusCode()).isEqualTo(400);
		JsonNode fields = json.readTree(r.body()).get("fields");
		assertThat(fields.get("capability").asText()).isEqualTo("is required");
		assertThat(fields.get("costPerCall").asText()).isEqualTo("-1.0 must be at least 0");
		assertThat(fields.get("quality").asText()).isEqualTo("1.5 is outside [0, 1]");
		assertThat(library.all()).noneMatch(a -> a.getName().equals("Bad"));
	}

	@Test
	void changesStatusAndAuditsIt() throws Exception {
		send("POST", "", """
				{"capability":"company-enrichment","name":"Enricher","version":"1","costPerCall":0.01,"expectedLatencyMillis":80,"quality":0.9}""");
		HttpResponse<String> r = send("PATCH", "/enricher-1", "{\"status\":\"SHADOW\"}");
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(json.readTree(r.body()).get("status").asText()).isEqualTo("SHADOW");
		assertThat(library.history("enricher-1")).extracting(AgentChange::getChange).last().isEqualTo("status ACTIVE -> SHADOW");
		assertThat(send("PATCH", "/enricher-1", "{\"status\":\"SLEEPING\"}").statusCode()).isEqualTo(400);
		assertThat(send("PATCH", "/nobody", "{\"status\":\"SHADOW\"}").statusCode()).isEqualTo(404);
	}

	@Test
	void retirementIsFinal() throws Exception {
		send("POST", "", """
				{"capability":"lead-scoring","name":"Old","version":"0.1","costPerCall":0,"expectedLatencyMillis":1,"quality":0.5}""");
		assertThat(send("PATCH", "/old-0-1", "{\"status\":\"RETIRED\"}").statusCode()).isEqualTo(200);
		assertThat(send("PATCH", "/old-0-1", "{\"status\":\"ACTIVE\"}").statusCode()).isEqualTo(400);
	}
}

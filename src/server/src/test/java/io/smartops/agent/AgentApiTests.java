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
		assertThat(library.history("python-scorer-2-1")).isNotEmpty()
			.allSatisfy(c -> assertThat(c.getChangedBy()).isEqualTo("demo"));
	}

	@Test
	void aNewcomerToACapabilityWithAnActiveAgentEntersAsShadowAndTheFirstAgentOfOneAsActive() throws Exception {
		send("POST", "", """
				{"capability":"pioneering","name":"Pioneer","version":"1","costPerCall":0.002,"expectedLatencyMillis":150,"quality":0.5}""");
		send("POST", "", """
				{"capability":"pioneering","name":"Newcomer","version":"1","costPerCall":0.002,"expectedLatencyMillis":150,"quality":0.99}""");
		assertThat(library.find("pioneer-1").orElseThrow().getStatus()).isEqualTo(AgentStatus.ACTIVE);
		assertThat(library.history("pioneer-1")).extracting(AgentChange::getChange)
			.contains("enters the library ACTIVE (the capability's first agent)");
		assertThat(library.find("newcomer-1").orElseThrow().getStatus()).isEqualTo(AgentStatus.SHADOW);
		assertThat(library.history("newcomer-1")).extracting(AgentChange::getChange)
			.contains("enters the library SHADOW (the capability has an active agent)");
		HttpResponse<String> wrong = send("POST", "", """
				{"capability":"pioneering","name":"Eager","version":"1","costPerCall":0.002,"expectedLatencyMillis":150,"quality":0.9,"stage":"CANARY"}""");
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(json.readTree(wrong.body()).get("fields").get("stage").asText())
			.isEqualTo("CANARY: an agent enters the library ACTIVE or SHADOW");
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
	void changesStatusWhereNoGateIsNeededAndAuditsIt() throws Exception {
		send("POST", "", """
				{"capability":"enriching","name":"First enricher","version":"1","costPerCall":0.01,"expectedLatencyMillis":80,"quality":0.9}""");
		send("POST", "", """
				{"capability":"enriching","name":"Enricher","version":"1","costPerCall":0.01,"expectedLatencyMillis":80,"quality":0.9}""");
		assertThat(library.find("enricher-1").orElseThrow().getStatus()).isEqualTo(AgentStatus.SHADOW);
		HttpResponse<String> r = send("PATCH", "/enricher-1", "{\"status\":\"RETIRED\"}");
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(json.readTree(r.body()).get("status").asText()).isEqualTo("RETIRED");
		assertThat(library.history("enricher-1")).extracting(AgentChange::getChange).last().isEqualTo("status SHADOW -> RETIRED");
		assertThat(send("PATCH", "/enricher-1", "{\"status\":\"SLEEPING\"}").statusCode()).isEqualTo(400);
		assertThat(send("PATCH", "/nobody", "{\"status\":\"SHADOW\"}").statusCode()).isEqualTo(404);
	}

	@Test
	void aStatusChangeThatSkipsTheGateIsRefusedWith409AndChangesNothing() throws Exception {
		send("POST", "", """
				{"capability":"skipping","name":"Incumbent skipper","version":"1","costPerCall":0,"expectedLatencyMillis":1,"quality":0.9}""");
		send("POST", "", """
				{"capability":"skipping","name":"Skipper","version":"1","costPerCall":0,"expectedLatencyMillis":1,"quality":0.9}""");
		int audited = library.history("skipper-1").size();
		HttpResponse<String> skip = send("PATCH", "/skipper-1", "{\"status\":\"ACTIVE\"}");
		assertThat(skip.statusCode()).isEqualTo(409);
		assertThat(json.readTree(skip.body()).get("error").asText())
			.isEqualTo("SHADOW -> ACTIVE is not a stage change an agent may make (from SHADOW: CANARY through the gate, [RETIRED])");
		HttpResponse<String> gated = send("PATCH", "/skipper-1", "{\"status\":\"CANARY\"}");
		assertThat(gated.statusCode()).isEqualTo(409);
		assertThat(json.readTree(gated.body()).get("error").asText()).contains("passes the promotion gate")
			.contains("POST /smartops/api/agents/skipper-1/promotions");
		assertThat(library.find("skipper-1").orElseThrow().getStatus()).isEqualTo(AgentStatus.SHADOW);
		assertThat(library.history("skipper-1")).hasSize(audited);
	}

	@Test
	void retirementIsFinal() throws Exception {
		send("POST", "", """
				{"capability":"lead-scoring","name":"Old","version":"0.1","costPerCall":0,"expectedLatencyMillis":1,"quality":0.5}""");
		assertThat(send("PATCH", "/old-0-1", "{\"status\":\"RETIRED\"}").statusCode()).isEqualTo(200);
		HttpResponse<String> back = send("PATCH", "/old-0-1", "{\"status\":\"ACTIVE\"}");
		assertThat(back.statusCode()).isEqualTo(409);
		assertThat(back.body()).contains("agent old-0-1 is retired; retirement is final");
	}
}

package io.smartops.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;

/** {@code POST /smartops/api/leads} over real HTTP. */
@SmartOpsTest
class LeadIntakeApiTests {

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	final HttpClient http = HttpClient.newHttpClient();
	final ObjectMapper json = new ObjectMapper();

	HttpResponse<String> post(String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/smartops/api/leads"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void aValidLeadStartsTheSalesProcess() throws Exception {
		HttpResponse<String> r = post("""
				{"companyName":"Stark Industries","contactName":"Pepper","email":"pepper@stark.example","country":"US","employees":12000,"source":"web"}""");
		assertThat(r.statusCode()).isEqualTo(201);
		String id = json.readTree(r.body()).get("processInstanceId").asText();
		assertThat(runtime.getVariable(id, "territory")).isEqualTo("AMER-ENT");
	}

	@Test
	void aLeadWithBadFieldsGets400NamingEachFieldAndStartsNothing() throws Exception {
		long before = runtime.createProcessInstanceQuery().count();
		HttpResponse<String> r = post("""
				{"companyName":"X","email":"x@","country":"Atlantis","employees":-4}""");
		assertThat(r.statusCode()).isEqualTo(400);
		JsonNode fields = json.readTree(r.body()).get("fields");
		assertThat(fields.has("companyName")).isTrue();
		assertThat(fields.has("contactName")).isTrue();
		assertThat(fields.has("email")).isTrue();
		assertThat(fields.has("country")).isTrue();
		assertThat(fields.has("employees")).isTrue();
		assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(before);
	}

	@Test
	void malformedJsonGets400WithAJsonBody() throws Exception {
		HttpResponse<String> r = post("{\"companyName\": ");
		assertThat(r.statusCode()).isEqualTo(400);
		assertThat(json.readTree(r.body()).get("error").asText()).contains("not valid JSON");
	}
}

package io.smartops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.smartops.SmartOpsTest;

/** The demo's store POS over real HTTP: orders taken at the same moment get references of their own. */
@SmartOpsTest
class DemoApplicationsTests {

	@LocalServerPort
	int port;

	@Autowired
	DemoApplications apps;

	final HttpClient http = HttpClient.newHttpClient();
	final ObjectMapper json = new ObjectMapper();

	@Test
	void ordersPostedAtOnceGetUniqueReferencesAndARedeliveryGetsItsFirstAnswer() throws Exception {
		String run = "refs-" + System.nanoTime();
		List<CompletableFuture<HttpResponse<String>>> posted = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			posted.add(http.sendAsync(order(run + "/" + i), HttpResponse.BodyHandlers.ofString()));
		}
		List<String> references = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> f : posted) {
			HttpResponse<String> r = f.get();
			assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
			references.add(json.readTree(r.body()).get("reference").asText());
		}
		assertThat(references).doesNotHaveDuplicates().allSatisfy(ref -> assertThat(ref).startsWith("POS-"));

		HttpResponse<String> again = http.send(order(run + "/3"), HttpResponse.BodyHandlers.ofString());
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json.readTree(again.body()).get("reference").asText()).isEqualTo(references.get(3));
		assertThat(json.readTree(again.body()).get("duplicate").asBoolean()).isTrue();
	}

	private HttpRequest order(String key) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + DemoApplications.BASE + "/store-pos"))
			.header("X-Api-Key", apps.apiKey())
			.header("Idempotency-Key", key)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"store\":\"S1\",\"prices\":[{\"product\":\"P1\",\"price\":14.5}]}"))
			.build();
	}
}

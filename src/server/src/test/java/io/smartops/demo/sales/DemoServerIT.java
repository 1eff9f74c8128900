package io.smartops.demo.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The packaged server as the README runs it: a lead posted over REST reaches the review task for
 * its sales team, every agent step done by the built-in agents' in-server workers.
 */
class DemoServerIT {

	static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());

	@Test
	void aPostedLeadReachesReviewAndTheDemoCoordinatorRunWaitsForApproval(@TempDir Path data) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Path log = data.resolve("server.log");
		Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				"target/smartops.jar", "--server.port=" + port, "--smartops.data-dir=" + data)
			.redirectErrorStream(true).redirectOutput(log.toFile()).start();
		HttpClient http = HttpClient.newHttpClient();
		String base = "http://localhost:" + port;
		try {
			String lead = """
					{"companyName":"Globex Corporation","contactName":"Hank Scorpio","email":"hank@globex.example","country":"DE","employees":5000,"source":"web"}""";
			HttpResponse<String> posted = null;
			// the port opens while the demo's history seeds in the background: the lead is taken at once
			long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
			while (posted == null && System.nanoTime() < deadline && server.isAlive()) {
				try {
					posted = http.send(HttpRequest.newBuilder(URI.create(base + "/smartops/api/leads")).header("Authorization", AUTH)
						.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(lead)).build(),
							HttpResponse.BodyHandlers.ofString());
				}
				catch (ConnectException starting) {
					Thread.sleep(500);
				}
			}
			assertThat(posted).as("server log: %s", log).isNotNull();
			assertThat(posted.statusCode()).isEqualTo(201);
			String id = new ObjectMapper().readTree(posted.body()).get("processInstanceId").asText();
			// and worked once the warm-up (the history) has ended
			HttpRequest warmUp = HttpRequest.newBuilder(URI.create(base + "/smartops/api/node/warm-up"))
				.header("Authorization", AUTH).build();
			long warmDeadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
			while (System.nanoTime() < warmDeadline
					&& !new ObjectMapper().readTree(http.send(warmUp, HttpResponse.BodyHandlers.ofString()).body()).isEmpty()) {
				Thread.sleep(500);
			}
			HttpRequest review = HttpRequest.newBuilder(URI.create(base + "/engine-rest/task?processInstanceId=" + id
					+ "&candidateGroup=sales-emea-enterprise")).header("Authorization", AUTH).build();
			int found = 0;
			long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (found == 0 && System.nanoTime() < until) {
				Thread.sleep(500);
				found = new ObjectMapper().readTree(http.send(review, HttpResponse.BodyHandlers.ofString()).body()).size();
			}
			assertThat(found).as("review task; server log: %s", Files.readString(log).lines().filter(l -> l.contains("WARN")
					|| l.contains("ERROR")).toList()).isEqualTo(1);

			// the demo started one coordinator run, whose approval waits in Tasklist for the demo user
			HttpRequest approvals = HttpRequest.newBuilder(URI.create(base
					+ "/engine-rest/task?processDefinitionKey=operating-plan-coordinator&taskDefinitionKey=Task_ApprovePlan"
					+ "&candidateUser=demo")).header("Authorization", AUTH).build();
			int waiting = 0;
			long approvalDeadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (waiting == 0 && System.nanoTime() < approvalDeadline) {
				Thread.sleep(500);
				waiting = new ObjectMapper().readTree(http.send(approvals, HttpResponse.BodyHandlers.ofString()).body()).size();
			}
			assertThat(waiting).as("coordinator approval; server log: %s", Files.readString(log).lines()
				.filter(l -> l.contains("WARN") || l.contains("ERROR")).toList()).isEqualTo(1);

			// the demo's history is there from the start: the insights of the sales process have weeks of it
			JsonNode insight = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base
					+ "/smartops/api/insights/processes/sales-operations")).header("Authorization", AUTH).build(),
					HttpResponse.BodyHandlers.ofString()).body());
			assertThat(insight.get("endToEnd").get("completed").asLong()).isGreaterThan(100);
			assertThat(insight.get("trend").size()).isGreaterThanOrEqualTo(5);
		}
		finally {
			server.destroy();
			server.waitFor();
		}
	}
}

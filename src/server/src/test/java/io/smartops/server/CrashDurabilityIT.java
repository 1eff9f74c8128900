package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smartops.support.PackagedServer;

/**
 * What the server answered as done survives a {@code kill -9}, on the default H2 database (and on
 * PostgreSQL in the services profile): the
 * packaged server is killed at once after it answered an approval's completion (204) and a burst
 * of agent registrations (201), then started again on the same data; every one of them is there.
 */
class CrashDurabilityIT {

	static final String AUTH = "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes());
	static final ObjectMapper JSON = new ObjectMapper();

	final HttpClient http = HttpClient.newHttpClient();

	@Test
	void anAnsweredApprovalAndAnsweredRegistrationsSurviveKillMinus9(@TempDir Path data) throws Exception {
		survivesKillMinus9(data, List.of());
	}

	@Test
	@Tag("services")
	void theSameOnPostgres(@TempDir Path data) throws Exception {
		String database = "smartops_crash_" + ProcessHandle.current().pid();
		String host = System.getenv().getOrDefault("SMARTOPS_TEST_PG_HOST", "127.0.0.1:5432");
		try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "")) {
			c.createStatement().execute("drop database if exists " + database + " with (force)");
			c.createStatement().execute("create database " + database);
		}
		try {
			survivesKillMinus9(data, List.of("--spring.profiles.active=postgres",
					"--spring.datasource.url=jdbc:postgresql://" + host + "/" + database, "--spring.datasource.username=postgres",
					"--spring.datasource.password=", "--smartops.demo.enabled=true", "--smartops.worker.password=crash-worker",
					"--smartops.orchestrate.confirm-secret=crash-confirm", "--smartops.orchestrate.apps-api-key=crash-apps"));
		}
		finally {
			try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "")) {
				c.createStatement().execute("drop database if exists " + database + " with (force)");
			}
		}
	}

	private void survivesKillMinus9(Path data, List<String> settings) throws Exception {
		int port = PackagedServer.freePort();
		String base = "http://localhost:" + port;
		Process server = PackagedServer.start(data, port, "first", settings);
		List<String> registered = new ArrayList<>();
		String approvalTask;
		try {
			approvalTask = waitForApproval(base, server, data);
			for (int i = 0; i < 20; i++) {
				String name = "durable-" + i;
				HttpResponse<String> r = send(base, "POST", "/smartops/api/agents", """
						{"capability":"durability","name":"%s","version":"1","costPerCall":0.01,
						 "expectedLatencyMillis":10,"quality":0.9}""".formatted(name));
				assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
				registered.add(JSON.readTree(r.body()).get("id").asText());
			}
			HttpResponse<String> approved = send(base, "POST", "/engine-rest/task/" + approvalTask + "/complete",
					"{\"variables\":{\"approved\":{\"value\":true},\"approvalComment\":{\"value\":\"crash test\"}}}");
			assertThat(approved.statusCode()).as(approved.body()).isEqualTo(204);
		}
		finally {
			// kill -9: no shutdown hook, no flush
			server.destroyForcibly();
			server.waitFor();
		}

		Process again = PackagedServer.start(data, port, "second", settings);
		try {
			waitUntilUp(base, again, data);
			HttpResponse<String> task = send(base, "GET", "/engine-rest/task/" + approvalTask, null);
			assertThat(task.statusCode()).as("the approval task must stay completed: %s", task.body()).isEqualTo(404);
			JsonNode history = JSON.readTree(send(base, "GET", "/engine-rest/history/task?taskId=" + approvalTask, null).body());
			assertThat(history.get(0).path("endTime").isNull()).isFalse();
			String agents = send(base, "GET", "/smartops/api/agents", null).body();
			assertThat(registered).allSatisfy(id -> assertThat(agents).contains("\"" + id + "\""));
		}
		finally {
			again.destroy();
			again.waitFor();
		}
	}


	private String waitForApproval(String base, Process server, Path data) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
		while (System.nanoTime() < deadline && server.isAlive()) {
			try {
				JsonNode tasks = JSON.readTree(send(base, "GET",
						"/engine-rest/task?processDefinitionKey=operating-plan-coordinator&taskDefinitionKey=Task_ApprovePlan",
						null).body());
				if (tasks.isArray() && tasks.size() > 0) {
					return tasks.get(0).get("id").asText();
				}
			}
			catch (ConnectException starting) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("no approval task; server log: " + Files.readString(data.resolve("first.log")));
	}

	private void waitUntilUp(String base, Process server, Path data) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (System.nanoTime() < deadline && server.isAlive()) {
			try {
				if (send(base, "GET", "/actuator/health", null).statusCode() == 200) {
					return;
				}
			}
			catch (ConnectException starting) {
				// not up yet
			}
			Thread.sleep(500);
		}
		throw new AssertionError("the server did not start again: " + Files.readString(data.resolve("second.log")));
	}

	private HttpResponse<String> send(String base, String method, String path, String body) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", AUTH)
			.header("Content-Type", "application/json")
			.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

}

package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.SmartOpsTest;
import io.smartops.demo.sales.SalesProcess;

/** What process designers put in processes/ and forms/ is what the engine runs. */
@SmartOpsTest
class DeploymentTests {

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	FormService forms;

	@Test
	void everyProcessDecisionAndFormFileIsDeployed() throws Exception {
		List<String> deployed = repository.createDeploymentQuery().list().stream()
			.flatMap(d -> repository.getDeploymentResources(d.getId()).stream())
			.map(Resource::getName)
			.map(n -> Path.of(n).getFileName().toString())
			.toList();
		try (var files = Files.list(Path.of("forms"))) {
			files.forEach(f -> assertThat(deployed).contains(f.getFileName().toString()));
		}
		try (var files = Files.list(Path.of("processes"))) {
			files.filter(f -> f.toString().endsWith(".bpmn") || f.toString().endsWith(".dmn"))
				.forEach(f -> assertThat(deployed).contains(f.getFileName().toString()));
		}
	}

	@Test
	void userTasksResolveTheirCamundaForms() throws Exception {
		ProcessInstance pi = runtime.createMessageCorrelation(SalesProcess.MESSAGE_LEAD_RECEIVED)
			.setVariables(Map.of("companyName", "Bad Lead Ltd", "contactName", "N", "email", "broken", "country", "DE"))
			.correlateStartMessage();
		Task fix = tasks.createTaskQuery().processInstanceId(pi.getId()).singleResult();
		assertThat(fix.getTaskDefinitionKey()).isEqualTo(SalesProcess.TASK_FIX_LEAD_DATA);
		try (InputStream form = forms.getDeployedTaskForm(fix.getId())) {
			String schema = new String(form.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(schema).contains("\"id\": \"fix-lead-data\"").contains("\"key\": \"email\"");
		}
	}

	/**
	 * A real restart: the server runs twice as its own process on one H2 file database, and the
	 * deployment count is read over REST after each start.
	 */
	@Test
	void aRestartWithUnchangedFilesCreatesNoNewDeployment(@TempDir Path data) throws Exception {
		long first = deploymentsAfterStart(data);
		long second = deploymentsAfterStart(data);
		assertThat(first).isPositive();
		assertThat(second).isEqualTo(first);
	}

	private static long deploymentsAfterStart(Path data) throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), SmartOpsServer.class.getName(), "--server.port=" + port,
				"--smartops.data-dir=" + data, "--camunda.bpm.job-execution.enabled=false",
				"--smartops.agents.in-server-workers=false")
			.redirectErrorStream(true)
			.redirectOutput(data.resolve("server-" + port + ".log").toFile())
			.start();
		try {
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest count = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/engine-rest/deployment/count"))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
				.build();
			long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
			while (System.nanoTime() < deadline && server.isAlive()) {
				try {
					HttpResponse<String> r = http.send(count, HttpResponse.BodyHandlers.ofString());
					if (r.statusCode() == 200) {
						return new ObjectMapper().readTree(r.body()).get("count").asLong();
					}
				}
				catch (ConnectException notYet) {
					// still starting
				}
				Thread.sleep(250);
			}
			throw new AssertionError("server did not start: " + Files.readString(data.resolve("server-" + port + ".log")));
		}
		finally {
			server.destroy();
			server.waitFor();
		}
	}
}

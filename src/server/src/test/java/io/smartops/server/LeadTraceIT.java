package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import io.smartops.SmartOpsTest;
import io.smartops.agent.AgentOutput;
import io.smartops.agent.builtin.TemplateProposalWriter;
import io.smartops.agent.llm.DeclaredLlmAgent;
import io.smartops.agent.llm.FakeLlmServer;
import io.smartops.agent.llm.LlmConnections;
import io.smartops.agent.llm.LlmGuardrails;
import io.smartops.agent.llm.LlmProvider;
import io.smartops.agent.llm.LlmTools;
import io.smartops.agent.llm.LlmAgentFixtures;
import io.smartops.agent.llm.LlmProperties;
import io.smartops.core.execution.InstanceTracing;
import io.smartops.demo.sales.SalesProcess;
import io.smartops.support.Api;

/**
 * One lead, one trace, exported over OTLP to a receiver the test starts (OpenTelemetry's own
 * protobuf classes read what arrives): the server runs as it does for people, with its job
 * executor and its in-server agent workers; the trace holds the {@code POST /leads} request, the
 * router's three decisions, the three agent tasks worked by the in-server workers and, as each
 * task's children, the engine calls that completed them. An LLM agent's model call is a child of the span
 * it works in. The server runs its job executor and workers here, so it runs apart from the unit
 * tests' shared server (an integration test, in the failsafe JVM, where no other server runs in
 * process): Camunda's REST finds its engine by name and keeps its long polling in a static
 * handler, which two web servers in one JVM would share.
 */
@SmartOpsTest
@AutoConfigureObservability(metrics = false)
@TestPropertySource(properties = { "camunda.bpm.job-execution.enabled=true", "smartops.agents.in-server-workers=true",
		"management.tracing.sampling.probability=1.0", "smartops.demo.history.enabled=false",
		"spring.datasource.url=jdbc:h2:mem:smartops-trace;DB_CLOSE_DELAY=-1" })
class LeadTraceIT {

	/** What the receiver got: every exported span with its trace, parent, name and attributes. */
	record Exported(String traceId, String spanId, String parentSpanId, String name, Map<String, String> attributes) {
	}

	static final List<Exported> SPANS = new CopyOnWriteArrayList<>();
	static final HttpServer RECEIVER = receiver();

	static HttpServer receiver() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/v1/traces", exchange -> {
				try (InputStream in = exchange.getRequestBody()) {
					ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(in.readAllBytes());
					request.getResourceSpansList().forEach(r -> r.getScopeSpansList().forEach(s -> s.getSpansList()
						.forEach(span -> SPANS.add(new Exported(hex(span.getTraceId().toByteArray()),
								hex(span.getSpanId().toByteArray()), hex(span.getParentSpanId().toByteArray()), span.getName(),
								span.getAttributesList().stream().collect(Collectors.toMap(KeyValue::getKey,
										kv -> kv.getValue().getStringValue(), (a, b) -> a)))))));
				}
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	static String hex(byte[] bytes) {
		return HexFormat.of().formatHex(bytes);
	}

	@DynamicPropertySource
	static void otlp(DynamicPropertyRegistry registry) {
		registry.add("management.otlp.tracing.endpoint",
				() -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/v1/traces");
	}

	@AfterAll
	static void stopReceiver() {
		RECEIVER.stop(0);
	}

	@LocalServerPort
	int port;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	@Autowired
	SdkTracerProvider tracerProvider;

	@Autowired
	InstanceTracing tracing;

	@Autowired
	ObservationRegistry observations;

	@Test
	void aLeadIsOneTraceFromItsRequestThroughTheRouterTheWorkersAndTheEngine() throws Exception {
		String lead = """
				{"companyName":"Tracewell AG","contactName":"Tess Trace","email":"tess@tracewell.example",
				 "country":"DE","employees":900,"source":"web"}""";
		Api.Response posted = new Api(port).post("/smartops/api/leads", lead);
		assertThat(posted.status()).isEqualTo(201);
		String instance = posted.json().get("processInstanceId").asText();
		await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery().processInstanceId(instance)
			.taskDefinitionKey(SalesProcess.TASK_REVIEW_PROPOSAL).count() == 1);

		String traceparent = (String) runtime.getVariable(instance, InstanceTracing.VARIABLE);
		assertThat(traceparent).as("the instance keeps the trace of the request that started it").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
		String traceId = traceparent.split("-")[1];
		tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> trace(traceId).stream()
			.filter(s -> s.name().equals("smartops.agent.task")).count() == 3);
		List<Exported> trace = trace(traceId);

		Exported request = trace.stream().filter(s -> s.parentSpanId().isEmpty()).findFirst().orElseThrow();
		assertThat(request.name()).isEqualTo("http post /smartops/api/leads");
		assertThat(trace).filteredOn(s -> s.name().equals("smartops.agent.route"))
			.extracting(s -> s.attributes().get("smartops.capability"))
			.containsExactlyInAnyOrder("company-enrichment", "lead-scoring", "proposal-drafting");
		List<Exported> agentTasks = trace.stream().filter(s -> s.name().equals("smartops.agent.task")).toList();
		assertThat(agentTasks).extracting(s -> s.attributes().get("smartops.activity"))
			.containsExactlyInAnyOrder(SalesProcess.TASK_ENRICH_COMPANY, SalesProcess.TASK_SCORE_LEAD,
					SalesProcess.TASK_DRAFT_PROPOSAL);
		assertThat(agentTasks).allSatisfy(task -> {
			assertThat(task.parentSpanId()).as("each agent task is a span of the instance's trace").isEqualTo(request.spanId());
			assertThat(task.attributes()).containsEntry("smartops.process-instance", instance)
				.containsEntry("smartops.worker", "smartops-in-server");
			assertThat(trace).as("the engine's completion of " + task.attributes().get("smartops.activity"))
				.anySatisfy(child -> {
					assertThat(child.parentSpanId()).isEqualTo(task.spanId());
					assertThat(child.name()).isEqualTo("smartops.agent.complete");
				});
		});
		Set<String> traces = SPANS.stream().filter(s -> s.name().equals("smartops.agent.task")
				&& instance.equals(s.attributes().get("smartops.process-instance"))).map(Exported::traceId)
			.collect(Collectors.toSet());
		assertThat(traces).as("no agent task of the instance in another trace").containsExactly(traceId);
	}

	@Test
	void anLlmAgentsModelCallIsAChildOfTheSpanItWorksIn() throws Exception {
		try (FakeLlmServer llm = new FakeLlmServer(FakeLlmServer.Protocol.OPENAI)) {
			llm.then(new FakeLlmServer.Answer("{\"proposal\":\"Dear Tess, Tracewell AG runs large operations; "
					+ "we propose a two-week assessment, a pilot on one site and a measured roll-out.\",\"confidence\":0.8}",
					100, 60));
			LlmConnections connections = new LlmConnections(new LlmProperties(Map.of("test",
					new LlmProperties.Connection(LlmProvider.OPENAI, llm.baseUrl(), "test-key"))), observations);
			DeclaredLlmAgent writer = new DeclaredLlmAgent("llm-proposal-writer-1", LlmAgentFixtures.shipped(0, "test", "test-model"),
					connections, LlmGuardrails.defaults(), LlmTools.none(), id -> new TemplateProposalWriter());
			Span task = tracing.start("smartops.agent.task", null);
			AgentOutput out;
			try (AutoCloseable scope = tracing.inScope(task)) {
				out = writer.handle(Map.of("contactName", "Tess", "companyName", "Tracewell AG", "industry",
						"Manufacturing", "employees", 900, "territory", "EMEA-ENT"));
			}
			finally {
				task.end();
			}
			assertThat((String) out.variables().get("proposal")).startsWith("Dear Tess");
			String traceId = task.context().traceId();
			tracerProvider.forceFlush().join(10, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(10)).until(() -> trace(traceId).size() >= 3);
			List<Exported> trace = trace(traceId);
			Exported chat = trace.stream().filter(s -> s.name().equals("chat test-model")).findFirst().orElseThrow();
			assertThat(chat.attributes()).as("Spring AI's chat observation, with the tokens").containsEntry("gen_ai.request.model",
					"test-model");
			assertThat(ancestors(trace, chat)).as("under the chat client's span, in the agent task's span")
				.contains("spring_ai chat_client", "smartops.agent.task");
			assertThat(trace).as("the HTTP call to the model, under the chat span")
				.anySatisfy(http -> {
					assertThat(http.parentSpanId()).isEqualTo(chat.spanId());
					assertThat(http.name()).isEqualTo("http post");
					assertThat(http.attributes().get("http.url")).isEqualTo(llm.baseUrl() + "/v1/chat/completions");
				});
		}
	}

	/** The names of a span's ancestors in its trace, nearest first. */
	static List<String> ancestors(List<Exported> trace, Exported span) {
		List<String> names = new ArrayList<>();
		Exported at = span;
		while (!at.parentSpanId().isEmpty()) {
			String parent = at.parentSpanId();
			at = trace.stream().filter(s -> s.spanId().equals(parent)).findFirst().orElseThrow();
			names.add(at.name());
		}
		return names;
	}

	static List<Exported> trace(String traceId) {
		return new ArrayList<>(SPANS.stream().filter(s -> s.traceId().equals(traceId)).toList());
	}
}

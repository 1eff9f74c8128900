package io.smartops.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import io.smartops.SmartOpsTest;
import io.smartops.support.Api;

/**
 * The bad-input matrix over real HTTP: every POST/PUT/PATCH endpoint of Smart Ops' API gets an
 * empty body, invalid JSON, wrong types, a 1 MB string, negative and out-of-range numbers,
 * unknown fields, 10,000 levels of nesting and a 20 MB body. Each answer is a 4xx with a JSON
 * error that names the field where there is one and shows no internals, never a 500; nothing is
 * written; the server is healthy after.
 */
@SmartOpsTest
class BadInputTests {

	/** Java types, packages and stack frames must never reach a client. */
	static final Pattern INTERNALS = Pattern.compile("java\\.|javax\\.|jakarta\\.|io\\.smartops|com\\.fasterxml|org\\.spring"
			+ "|org\\.camunda|Exception|\\bat [a-z]+\\.|`[a-zA-Z._]+`|Feature\\b|\\b[A-Z][A-Za-z]+\\.[A-Z][A-Z_]+\\b|Jackson|Hibernate");

	static final String MB = "x".repeat(1 << 20);

	/**
	 * An endpoint with a valid-looking body whose {@code %s} the matrix fills: a text field, a
	 * numeric field, and a field that must be an object or text (for the wrong type).
	 */
	record Endpoint(String method, String path, String textField, String numberField, String base, boolean optionalBody) {

		Endpoint(String method, String path, String textField, String numberField, String base) {
			this(method, path, textField, numberField, base, false);
		}

		String with(String field, String json) {
			return base.isEmpty() ? "{\"" + field + "\":" + json + "}"
					: "{" + base + ",\"" + field + "\":" + json + "}";
		}
	}

	static final List<Endpoint> ENDPOINTS = List.of(
			new Endpoint("POST", "/smartops/api/leads", "companyName", "employees",
					"\"contactName\":\"A B\",\"email\":\"a@b.example\",\"country\":\"DE\",\"source\":\"web\""),
			new Endpoint("POST", "/smartops/api/agents", "name", "costPerCall",
					"\"capability\":\"bad-input\",\"version\":\"1\",\"expectedLatencyMillis\":10,\"quality\":0.9"),
			new Endpoint("PATCH", "/smartops/api/agents/none", "status", null, ""),
			new Endpoint("POST", "/smartops/api/agent-calls", "errorMessage", "latencyMillis",
					"\"agentId\":\"none\",\"startedAt\":\"2026-12-01T10:00:00Z\",\"outcome\":\"FAILURE\""),
			new Endpoint("POST", "/smartops/api/plans", null, "periods", ""),
			new Endpoint("POST", "/smartops/api/plans/compare", null, "periods", ""),
			// every field of a scope and of an acknowledgement is optional: an empty body is a valid request
			new Endpoint("POST", "/smartops/api/coordinator/runs", "functions", "historyMonths", "", true),
			new Endpoint("POST", "/smartops/api/actions/none/acknowledgement", "reference", null, "", true),
			new Endpoint("POST", "/smartops/api/actions/none/rejection", "reason", null, ""),
			new Endpoint("PUT", "/smartops/api/agent-calls/987654321/ground-truth", null, "actual", "\"correct\":null", true),
			new Endpoint("PUT", "/smartops/api/insights/processes/sales-operations/targets", null, "CYCLE_TIME_P50", ""),
			new Endpoint("PUT", "/smartops/api/agents/none/canary-share", null, "canaryShare", ""),
			new Endpoint("POST", "/smartops/api/agents/none/promotions", null, "canaryShare", "", true),
			new Endpoint("PUT", "/smartops/api/agent-tasks/none/retries", null, "retries", ""),
			new Endpoint("POST", "/smartops/api/sensors/events", "subject", "value",
					"\"id\":\"bad-1\",\"source\":\"t\",\"type\":\"carrier-capacity\",\"observedAt\":\"2026-12-01T10:00:00Z\""));

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	record Case(String name, String body, String field) {
	}

	List<Case> cases(Endpoint e) {
		List<Case> cases = new ArrayList<>();
		if (!e.optionalBody()) {
			cases.add(new Case("empty body", "", null));
		}
		cases.add(new Case("invalid JSON", "{\"a\": ", null));
		cases.add(new Case("a JSON list", "[1, 2]", null));
		cases.add(new Case("NaN literal", "{\"x\": NaN}", null));
		cases.add(new Case("unknown field", e.with("surprise", "1"), "surprise"));
		cases.add(new Case("10,000 levels of nesting", "[".repeat(10_000) + "]".repeat(10_000), null));
		if (e.textField() != null) {
			cases.add(new Case("1 MB string", e.with(e.textField(), "\"" + MB + "\""), e.textField()));
			cases.add(new Case("object for text", e.with(e.textField(), "{\"a\": {\"b\": 1}}"), e.textField()));
		}
		if (e.numberField() != null) {
			cases.add(new Case("text for a number", e.with(e.numberField(), "\"many\""), e.numberField()));
			cases.add(new Case("negative number", e.with(e.numberField(), "-5"), e.numberField()));
			cases.add(new Case("1e308", e.with(e.numberField(), "1e308"), e.numberField()));
			cases.add(new Case("NaN for a number", e.with(e.numberField(), "NaN"), null));
		}
		return cases;
	}

	@Test
	void everyWritingEndpointAnswersBadInputWithA4xxThatNamesTheProblemAndWritesNothing() {
		List<String> wrong = new ArrayList<>();
		String before = state();
		for (Endpoint e : ENDPOINTS) {
			for (Case c : cases(e)) {
				Api.Response r = send(e.method(), e.path(), c.body());
				String what = e.method() + " " + e.path() + " with " + c.name() + ": " + r.status() + " "
						+ r.body().substring(0, Math.min(300, r.body().length()));
				if (r.status() < 400 || r.status() >= 500) {
					wrong.add(what + " (expected a 4xx)");
				}
				else if (!r.body().startsWith("{\"error\":")) {
					wrong.add(what + " (expected a JSON error)");
				}
				else if (INTERNALS.matcher(r.body()).find()) {
					wrong.add(what + " (shows internals)");
				}
				else if (c.field() != null && !r.body().contains(c.field()) && r.status() == 400) {
					wrong.add(what + " (does not name " + c.field() + ")");
				}
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(state()).as("rows written by bad requests").isEqualTo(before);
	}

	@Test
	void aTwentyMegabyteBodyIsRefusedWith413AndTheServerStaysHealthy() {
		String huge = "{\"companyName\":\"" + "y".repeat(20 << 20) + "\"}";
		for (Endpoint e : ENDPOINTS) {
			Api.Response r = send(e.method(), e.path(), huge);
			assertThat(r.status()).as(e.path()).isEqualTo(413);
			assertThat(r.body()).contains("larger than");
		}
		assertThat(send("GET", "/actuator/health", null).status()).isEqualTo(200);
	}

	@Test
	void aScenarioWithNumbersBeyondTheOptimizersRangeIsA400NamingTheField() {
		String scenario = """
				{"periods": 1, "products": [{"id": "P1", "holdingCost": 1e308}], "warehouses": [], "stores": [],
				 "carriers": [], "lanes": [], "supplyOffers": [], "demand": []}""";
		Api.Response r = send("POST", "/smartops/api/plans", scenario);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.body()).contains("products[0]").contains("larger than");
	}

	@Test
	void theServerIsHealthyAfterTheWholeMatrix() {
		everyWritingEndpointAnswersBadInputWithA4xxThatNamesTheProblemAndWritesNothing();
		Api.Response health = send("GET", "/actuator/health", null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body()).contains("UP");
	}

	private String state() {
		StringBuilder s = new StringBuilder();
		for (String table : List.of("smartops_agent", "smartops_agent_change", "smartops_agent_call", "smartops_sensed_event",
				"smartops_action_item", "smartops_planning_run", "smartops_customer")) {
			s.append(table).append('=').append(jdbc.queryForObject("select count(*) from " + table, Long.class)).append(' ');
		}
		s.append("instances=").append(jdbc.queryForObject("select count(*) from ACT_HI_PROCINST", Long.class));
		return s.toString();
	}

	private Api.Response send(String method, String path, String body) {
		return new Api(port).send(method, path, body);
	}
}

package io.smartops.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import io.smartops.support.Api;

/** Starts a simulation over REST and follows it, as a client does, until it has its results. */
final class SimulationsOverRest {

	private SimulationsOverRest() {
	}

	/** POSTs to {@code path} (202 expected), polls the simulation until done, returns its results. */
	static JsonNode run(Api api, String path, String body) throws InterruptedException {
		Api.Response started = api.post(path, body);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String id = started.json().get("id").asText();
		for (int i = 0; i < 900; i++) {
			JsonNode v = api.get("/smartops/api/simulations/" + id).json();
			String status = v.get("status").asText();
			if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
				assertThat(status).as(v.toString()).isEqualTo("SUCCEEDED");
				assertThat(v.get("progress").get("percent").asDouble()).isEqualTo(100.0);
				return v.get("result");
			}
			Thread.sleep(200);
		}
		throw new AssertionError("simulation " + id + " did not finish in three minutes");
	}

	/** A KPI's mean in a scenario of the results, by its path ({@code "cycleTime", "p50"}). */
	static double mean(JsonNode scenario, String... path) {
		JsonNode n = scenario.get("result");
		for (String p : path) {
			n = n.get(p);
		}
		return n.get("mean").asDouble();
	}
}

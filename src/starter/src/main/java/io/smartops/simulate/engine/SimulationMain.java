package io.smartops.simulate.engine;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.smartops.simulate.model.SimulationOutput;
import io.smartops.simulate.model.SimulationSpec;

/**
 * The simulator process: reads a {@link SimulationSpec} as JSON from standard input and writes
 * JSON lines to standard output — progress about every second, then the results or an error.
 * Logs go to standard error. The server starts one per simulation ({@code SimulationProcess}):
 * the engine's clock is global to a JVM, so a simulation never runs inside the server's.
 */
public final class SimulationMain {

	private SimulationMain() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		System.setOut(System.err);
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		int status = 0;
		try {
			SimulationSpec spec = json.readValue(System.in, SimulationSpec.class);
			long total = spec.instancesToStart();
			AtomicLong started = new AtomicLong();
			long[] last = { System.nanoTime() };
			var results = SimulationRunner.run(spec, n -> {
				long s = started.addAndGet(n);
				if (System.nanoTime() - last[0] > 1_000_000_000L) {
					last[0] = System.nanoTime();
					write(out, json, SimulationOutput.progress(s, Math.max(total, s)));
				}
			});
			write(out, json, SimulationOutput.progress(started.get(), started.get()));
			write(out, json, SimulationOutput.done(results));
		}
		catch (SimulationException e) {
			if (e.getCause() != null) {
				e.printStackTrace();
			}
			write(out, json, SimulationOutput.failed(e.getMessage()));
			status = 2;
		}
		catch (Exception e) {
			e.printStackTrace();
			write(out, json, SimulationOutput.failed(e.getClass().getSimpleName() + ": " + e.getMessage()));
			status = 1;
		}
		out.flush();
		System.exit(status);
	}

	private static void write(PrintStream out, ObjectMapper json, SimulationOutput line) {
		try {
			out.println(json.writeValueAsString(line));
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}
}

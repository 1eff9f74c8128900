package io.smartops.simulate;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.jar.JarFile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smartops.simulate.engine.SimulationMain;
import io.smartops.simulate.model.ScenarioResult;
import io.smartops.simulate.model.SimulationOutput;
import io.smartops.simulate.model.SimulationSpec;

/**
 * Runs a simulation in a JVM of its own ({@link SimulationMain}) on this server's classpath — the
 * classes of the server, or its Spring Boot jar through the jar's own launcher. A process of its
 * own because the engine's clock is global to a JVM: moved for a simulation inside the server, it
 * would move the production engine's timers too. It also keeps the simulation's memory and CPU
 * apart, and nothing it does can reach the production database.
 */
@Component
class SimulationProcess {

	private static final Logger log = LoggerFactory.getLogger(SimulationProcess.class);

	private final SimulationProperties properties;
	private final ObjectMapper json;

	SimulationProcess(SimulationProperties properties, ObjectMapper json) {
		this.properties = properties;
		this.json = json;
	}

	/** Runs the spec; {@code progress} hears (instances started, total) about every second. */
	List<ScenarioResult> run(SimulationSpec spec, BiConsumer<Long, Long> progress) {
		Process process;
		try {
			process = new ProcessBuilder(command()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		}
		catch (IOException e) {
			throw new IllegalStateException("the simulator could not start: " + e.getMessage(), e);
		}
		java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
		java.util.concurrent.CompletableFuture.delayedExecutor(properties.timeout().toMillis(), TimeUnit.MILLISECONDS)
			.execute(() -> {
				if (process.isAlive()) {
					timedOut.set(true);
					process.destroyForcibly();
				}
			});
		try {
			try (OutputStream in = process.getOutputStream()) {
				json.writeValue(in, spec);
			}
			List<ScenarioResult> results = null;
			String error = null;
			try (BufferedReader out = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = out.readLine()) != null) {
					SimulationOutput o = json.readValue(line, SimulationOutput.class);
					if (o.instances() != null) {
						progress.accept(o.instances(), o.total());
					}
					if (o.results() != null) {
						results = o.results();
					}
					if (o.error() != null) {
						error = o.error();
					}
				}
			}
			process.waitFor();
			if (timedOut.get()) {
				throw new SimulationFailedException("the simulation took longer than " + properties.timeout()
						+ " (smartops.simulation.timeout) and was stopped");
			}
			if (error != null) {
				throw new SimulationFailedException(error);
			}
			if (results == null) {
				throw new SimulationFailedException("the simulator stopped with status " + process.exitValue()
						+ " and no results (its log is the server's standard error)");
			}
			return results;
		}
		catch (IOException e) {
			throw new SimulationFailedException("lost the simulator: " + e.getMessage());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new SimulationFailedException("interrupted");
		}
		finally {
			process.destroyForcibly();
		}
	}

	/** {@code java <options> -cp <the server's classpath> SimulationMain}, through the Boot launcher for a Boot jar. */
	List<String> command() {
		String java = ProcessHandle.current().info().command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		String classpath = System.getProperty("java.class.path");
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(properties.javaOptions());
		command.add("-cp");
		command.add(classpath);
		if (bootJar(classpath)) {
			command.add("-Dloader.main=" + SimulationMain.class.getName());
			command.add("org.springframework.boot.loader.launch.PropertiesLauncher");
		}
		else {
			command.add(SimulationMain.class.getName());
		}
		log.debug("simulator: {}", command);
		return command;
	}

	private static boolean bootJar(String classpath) {
		if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
			return false;
		}
		try (JarFile jar = new JarFile(classpath)) {
			String main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Main-Class");
			return main != null && main.startsWith("org.springframework.boot.loader");
		}
		catch (IOException e) {
			return false;
		}
	}

	/** The simulator failed; the message says why. */
	static class SimulationFailedException extends RuntimeException {
		SimulationFailedException(String message) {
			super(message);
		}
	}
}

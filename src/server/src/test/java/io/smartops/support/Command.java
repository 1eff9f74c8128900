package io.smartops.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A program the tests start (node, python3): run to its end with its output, or started in the
 * background with its output in a log file, stopped with {@link Background#close()}.
 */
public final class Command {

	/** What a finished program printed, and its exit status. */
	public record Result(int exit, String stdout, String stderr) {
	}

	/** The node_modules that .ci/run installs (npm packages of the CI tools and tests). */
	public static final Path CI_NODE_MODULES = Path.of(".ci", "node_modules").toAbsolutePath();

	private Command() {
	}

	public static Result run(List<String> command, Map<String, String> env, Duration timeout)
			throws IOException, InterruptedException {
		return run(command, env, null, timeout);
	}

	/** Runs the command in {@code directory} (null: the tests' own). */
	public static Result run(List<String> command, Map<String, String> env, File directory, Duration timeout)
			throws IOException, InterruptedException {
		Path out = Files.createTempFile("command", ".out");
		Path err = Files.createTempFile("command", ".err");
		ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
		builder.environment().putAll(env);
		if (directory != null) {
			builder.directory(directory);
		}
		Process process = builder.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not end within " + timeout + ": " + Files.readString(err));
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	/** A program running in the background; its output goes to {@code log}. */
	public record Background(Process process, Path log) implements AutoCloseable {

		public String output() throws IOException {
			return Files.readString(log, StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws InterruptedException {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	public static Background start(List<String> command, Map<String, String> env, File directory) throws IOException {
		Path log = Files.createTempFile("background", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (directory != null) {
			builder.directory(directory);
		}
		builder.environment().putAll(env);
		return new Background(builder.start(), log);
	}
}

package io.smartops.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A benchmark's server settings on a fresh database: an H2 file in a directory of its own, deleted
 * after the run (a busy run's H2 file grows by gigabytes), or a PostgreSQL database on this
 * machine, dropped and made anew.
 */
public record BenchmarkDatabase(List<String> settings, Path h2Directory) {

	public static BenchmarkDatabase fresh(String vendor, String name) throws IOException, SQLException {
		if (vendor.equals("postgres")) {
			try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
				c.createStatement().execute("drop database if exists " + name);
				c.createStatement().execute("create database " + name);
			}
			return new BenchmarkDatabase(List.of("--spring.profiles.active=postgres",
					"--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + name,
					"--spring.datasource.username=postgres", "--spring.datasource.password=",
					"--smartops.worker.password=bench-worker", "--smartops.orchestrate.confirm-secret=bench-confirm",
					"--smartops.orchestrate.apps-api-key=bench-apps"), null);
		}
		Path data = Files.createTempDirectory(name);
		return new BenchmarkDatabase(List.of("--smartops.data-dir=" + data), data);
	}

	/** The given settings followed by the database's. */
	public String[] with(List<String> settings) {
		List<String> all = new ArrayList<>(settings);
		all.addAll(this.settings);
		return all.toArray(String[]::new);
	}

	/** Deletes the H2 directory, if any. */
	public void delete() throws IOException {
		if (h2Directory == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(h2Directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}
}

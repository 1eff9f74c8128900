package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.smartops.core.schema.SmartOpsSchema;

/**
 * The project's tables under Flyway, on H2 and on PostgreSQL: an empty database gets every
 * migration; a database that release 0.1.0 made (its tables, Camunda's, no history table) is taken
 * over with its rows and brought to the current version. The application's own start (Hibernate
 * validating against the migrated schema) is every other context test.
 */
class SchemaMigrationTests {

	static final String LATEST = "1";

	/** How many migrations a database of this vendor ({@code h2}, {@code postgresql}) gets in all, over every capability. */
	static long migrations(String vendor) throws java.io.IOException {
		return new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
			.getResources("classpath*:io/smartops/db/*/" + vendor + "/V*.sql").length;
	}

	/** Every capability that has tables, in the order the server migrates them. */
	static final List<String> CAPABILITIES = List.of("core", "agents", "insights", "simulation", "orchestration",
			"coordinator", "sense");

	@Test
	void anEmptyH2DatabaseGetsEveryMigration() throws Exception {
		String url = "jdbc:h2:mem:migrate-empty-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		Migrated result = migrate(url, "sa", "");
		assertThat(result.targetSchemaVersion).isEqualTo(LATEST);
		assertThat(result.migrationsExecuted).isEqualTo(migrations("h2")).isGreaterThan(CAPABILITIES.size());
		try (Connection c = DriverManager.getConnection(url, "sa", "")) {
			assertThat(columnExists(c, "SMARTOPS_AGENT", "SERVICE_USER")).isTrue();
			assertThat(columnExists(c, "SMARTOPS_AGENT", "LLM")).as("agents V2: declared LLM agents").isTrue();
			assertThat(columnExists(c, "SMARTOPS_AGENT_CALL", "CACHED_TOKENS")).isTrue();
		}
	}

	@Test
	void anH2DatabaseOfTheLastReleaseIsUpgradedWithItsRows() throws Exception {
		String url = "jdbc:h2:mem:migrate-upgrade-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		upgrade(url, "sa", "", "h2", "SMARTOPS_AGENT", "SERVICE_USER");
	}

	@Test
	@Tag("services")
	void aPostgresDatabaseOfTheLastReleaseIsUpgradedWithItsRows() throws Exception {
		String host = System.getenv().getOrDefault("SMARTOPS_TEST_PG_HOST", "127.0.0.1:5432");
		String database = "smartops_migrate_" + ProcessHandle.current().pid();
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "")) {
			admin.createStatement().execute("drop database if exists " + database + " with (force)");
			admin.createStatement().execute("create database " + database);
		}
		try {
			upgrade("jdbc:postgresql://" + host + "/" + database, "postgres", "", "postgresql", "smartops_agent",
					"service_user");
		}
		finally {
			try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + "/postgres", "postgres", "")) {
				admin.createStatement().execute("drop database if exists " + database + " with (force)");
			}
		}
	}

	/** Makes the release's schema without Flyway, as its Hibernate did, with a row and a Camunda table, then migrates. */
	private static void upgrade(String url, String user, String password, String vendor, String agentTable,
			String newColumn) throws Exception {
		try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
			String release = new ClassPathResource("db/release-0.1/" + vendor + ".sql")
				.getContentAsString(StandardCharsets.UTF_8);
			for (String statement : release.replaceAll("(?m)^--.*$", "").split(";")) {
				if (!statement.isBlank()) {
					s.execute(statement);
				}
			}
			s.execute("create table ACT_GE_PROPERTY (NAME_ varchar(64) primary key, VALUE_ varchar(300), REV_ integer)");
			// the host's own Flyway history (or the one an earlier server kept): Smart Ops must leave it alone
			s.execute("create table flyway_schema_history (installed_rank integer primary key, script varchar(1000))");
			s.execute("insert into flyway_schema_history values (1, 'V1__hosts_own.sql')");
			s.execute("insert into smartops_agent (id, capability, name, version, kind, cost_per_call, cost_per_1k_tokens, "
					+ "expected_latency_millis, quality, status, topic, available, registered_at) values ('kept-1', 'x', "
					+ "'Kept', '1', 'FOREIGN', 0.1, 0, 10, 0.9, 'ACTIVE', 'agent.x.kept-1', true, current_timestamp)");
			assertThat(columnExists(c, agentTable, newColumn)).isFalse();
		}

		Migrated result = migrate(url, user, password);

		assertThat(result.targetSchemaVersion).isEqualTo(LATEST);
		try (Connection c = DriverManager.getConnection(url, user, password)) {
			assertThat(columnExists(c, agentTable, newColumn)).isTrue();
			try (ResultSet rows = c.createStatement().executeQuery("select name, service_user from smartops_agent")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("Kept");
				assertThat(rows.getString(2)).isNull();
			}
		}
		assertThat(migrate(url, user, password).migrationsExecuted).as("a second start").isZero();
		try (Connection c = DriverManager.getConnection(url, user, password);
				ResultSet rows = c.createStatement().executeQuery("select script from flyway_schema_history")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("V1__hosts_own.sql");
			assertThat(rows.next()).as("the host's history is untouched").isFalse();
		}
	}

	/**
	 * Smart Ops' own migrations, as the starter runs them at start with every capability on: the
	 * newest version reached, and how many migrations ran in all.
	 */
	private static Migrated migrate(String url, String user, String password) {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, user, password);
		String version = null;
		int executed = 0;
		for (String capability : CAPABILITIES) {
			MigrateResult result = new SmartOpsSchema(dataSource, capability).migrate();
			version = result.targetSchemaVersion == null ? version : result.targetSchemaVersion;
			executed += result.migrationsExecuted;
		}
		return new Migrated(version, executed);
	}

	record Migrated(String targetSchemaVersion, int migrationsExecuted) {
	}

	private static boolean columnExists(Connection c, String table, String column) throws SQLException {
		try (ResultSet columns = c.getMetaData().getColumns(null, null, table, column)) {
			return columns.next();
		}
	}
}

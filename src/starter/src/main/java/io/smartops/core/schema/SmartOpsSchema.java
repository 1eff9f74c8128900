package io.smartops.core.schema;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * The tables of one of Smart Ops' capabilities, made and changed by its own Flyway migrations
 * ({@code io/smartops/db/<capability>/{h2,postgresql}}) under a history table of their own
 * ({@code smartops_<capability>_schema_history}), so that a host's own Flyway migrations and their
 * history are untouched (this is not a {@code Flyway} bean: Spring Boot's Flyway stays the host's),
 * and a capability that is off has no table. Each capability's auto-configuration declares its own.
 * Spring Boot orders it like any database initializer ({@link SmartOpsSchemaDetector}): the JPA
 * entity manager and the JDBC templates wait for it.
 * <p>
 * A database that holds Smart Ops' tables but no history table of its own (made by an earlier
 * release) is taken over at version 0: every migration finds its tables as they are
 * ({@code if not exists} throughout).
 */
public class SmartOpsSchema implements InitializingBean {

	private final DataSource dataSource;
	private final String capability;

	/**
	 * @param capability the capability's name, as in {@code smartops.<capability>.enabled} ({@code core}
	 * for what every capability stands on)
	 */
	public SmartOpsSchema(DataSource dataSource, String capability) {
		this.dataSource = dataSource;
		this.capability = capability;
	}

	/** The capability's history table. */
	public String historyTable() {
		return "smartops_" + capability + "_schema_history";
	}

	@Override
	public void afterPropertiesSet() {
		migrate();
	}

	/** Brings Smart Ops' tables to the newest version; a second call changes nothing. */
	public MigrateResult migrate() {
		return Flyway.configure(SmartOpsSchema.class.getClassLoader()).dataSource(dataSource).table(historyTable())
			.locations("classpath:io/smartops/db/" + capability + "/" + vendor(dataSource)).baselineOnMigrate(true)
			.baselineVersion("0").load().migrate();
	}

	/** The migrations' folder for the database: Smart Ops keeps its tables on H2 and PostgreSQL. */
	static String vendor(DataSource dataSource) {
		String product;
		try {
			product = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> metaData.getDatabaseProductName());
		}
		catch (MetaDataAccessException e) {
			throw new IllegalStateException("Smart Ops cannot reach its database: " + rootMessage(e), e);
		}
		if ("H2".equals(product)) {
			return "h2";
		}
		if ("PostgreSQL".equals(product)) {
			return "postgresql";
		}
		throw new IllegalStateException("Smart Ops keeps its tables on H2 or PostgreSQL; this database is " + product);
	}

	private static String rootMessage(Throwable e) {
		Throwable root = e;
		while (root.getCause() != null && !(root instanceof SQLException)) {
			root = root.getCause();
		}
		return root.getMessage();
	}
}

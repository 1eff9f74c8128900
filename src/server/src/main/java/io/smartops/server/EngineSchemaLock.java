package io.smartops.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes started at once on an empty PostgreSQL database would each create Camunda's tables and
 * all but one would fail. While the engine is built (its schema created or checked), this plugin
 * holds a PostgreSQL advisory lock on a connection of its own, so the nodes build one after
 * another: the first creates the schema, the others find it. The lock goes with the connection,
 * also when a node dies while holding it. Other databases (H2, one node) are left alone.
 */
public class EngineSchemaLock extends AbstractProcessEnginePlugin {

	private static final Logger log = LoggerFactory.getLogger(EngineSchemaLock.class);

	/** The advisory lock's key: "smartops" in ASCII. */
	static final long KEY = 0x736d6172746f7073L;

	private final DataSource dataSource;
	private Connection held;

	public EngineSchemaLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		try {
			Connection c = dataSource.getConnection();
			if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
				c.close();
				return;
			}
			long start = System.nanoTime();
			try (Statement s = c.createStatement()) {
				s.execute("select pg_advisory_lock(" + KEY + ")");
			}
			held = c;
			log.info("holding the engine schema lock (waited {} ms)", (System.nanoTime() - start) / 1_000_000);
		}
		catch (SQLException e) {
			throw new IllegalStateException("could not take the engine schema lock: " + e.getMessage(), e);
		}
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		if (held == null) {
			return;
		}
		try (Connection c = held; Statement s = c.createStatement()) {
			s.execute("select pg_advisory_unlock(" + KEY + ")");
		}
		catch (SQLException e) {
			log.warn("releasing the engine schema lock: {} (closing its connection releases it)", e.getMessage());
		}
		finally {
			held = null;
		}
	}
}

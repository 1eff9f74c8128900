package io.smartops.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as a cluster of two nodes on the machine's PostgreSQL (services profile): nodes
 * started at the same moment on an empty database both come up with one schema, one demo seed and
 * one demo run; a node killed during the demo plan's dispatch loses no action, duplicates no order
 * at any receiver and leaves nothing stuck. The times are measured by {@code .ci/benchmarks/cluster.sh}.
 */
@Tag("services")
class ClusterIT {

	final ClusterBenchmark cluster;

	ClusterIT() throws Exception {
		cluster = new ClusterBenchmark();
	}

	@AfterEach
	void stop() {
		cluster.stopAll();
		cluster.dropDatabase();
	}

	@Test
	void twoNodesStartedAtOnceOnAnEmptyDatabaseMakeOneSchemaOneSeedAndOneDemoRun() throws Exception {
		ClusterBenchmark.ConcurrentStart start = cluster.concurrentStart();
		assertThat(start.demoRuns()).isEqualTo(1);
		assertThat(start.products()).isEqualTo(4);
		assertThat(start.migrations()).isEqualTo(SchemaMigrationTests.migrations("postgresql"));
	}

	@Test
	void aNodeKilledDuringDispatchLosesAndDuplicatesNothing() throws Exception {
		ClusterBenchmark.Failover f = cluster.failover();
		assertThat(f.actions()).isGreaterThan(f.dispatchedBeforeKill());
		assertThat(f.lost()).isZero();
		assertThat(f.ordersReceived()).isEqualTo(f.appActions());
		assertThat(f.duplicatedMails()).isZero();
		assertThat(f.duplicatedWorkOrders()).isZero();
		assertThat(f.stuckJobs()).isZero();
		assertThat(f.incidents()).isZero();
	}
}

package io.smartops.core.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Things exactly one node of a cluster may do: the first node to store the thing's name does it.
 * Called inside a transaction, the claim commits with what it guards or not at all.
 */
@Component
public class ClusterClaims {

	private static final String NODE = ProcessHandle.current().pid() + "@" + hostName();

	private final JdbcTemplate jdbc;

	ClusterClaims(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** True when this node stored the claim of {@code name} (at most 100 characters) first. */
	public boolean claim(String name) {
		try {
			jdbc.update("insert into smartops_cluster_claim (name, node, claimed_at) values (?, ?, ?)", name, NODE,
					Timestamp.from(Instant.now()));
			return true;
		}
		catch (DuplicateKeyException another) {
			return false;
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "unknown";
		}
	}
}

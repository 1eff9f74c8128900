package io.smartops.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The secrets every node of a cluster must share, required in the {@code postgres} profile: the
 * in-server workers' password (a node that made up its own would lock the other nodes' workers
 * out), the key that signs confirm links (a link signed by one node must confirm on another) and
 * the applications' API key. A node started without one refuses to start, naming the variable.
 * The H2 demo makes up random ones per start instead.
 */
@Component
@Profile("postgres")
class SharedSecrets {

	/** Variable → the property it sets, each shared by every node. */
	static final Map<String, String> REQUIRED = new LinkedHashMap<>();
	static {
		REQUIRED.put("SMARTOPS_WORKER_PASSWORD", "smartops.worker.password");
		REQUIRED.put("SMARTOPS_CONFIRM_SECRET", "smartops.orchestrate.confirm-secret");
		REQUIRED.put("SMARTOPS_APPS_API_KEY", "smartops.orchestrate.apps-api-key");
	}

	SharedSecrets(Environment environment) {
		List<String> missing = new ArrayList<>();
		REQUIRED.forEach((variable, property) -> {
			String value = environment.getProperty(property);
			if (value == null || value.isBlank()) {
				missing.add(variable);
			}
		});
		if (!missing.isEmpty()) {
			throw new IllegalStateException("the postgres profile runs as a cluster whose nodes share secrets: set "
					+ String.join(", ", missing) + " to the same value on every node (see README, Cluster)");
		}
	}
}

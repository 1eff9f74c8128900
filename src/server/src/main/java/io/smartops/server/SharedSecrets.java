package io.smartops.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The secrets every node of a cluster must share, required in the {@code postgres} profile: the
 * in-server workers' password (a node that made up its own would lock the other nodes' workers
 * out), the key that signs confirm links (a link signed by one node must confirm on another) and
 * the applications' API key. A node started without one is refused as soon as its settings are
 * read, before any bean exists or any database connection is opened: it prints one line naming
 * each missing variable and exits with status 2. The H2 demo makes up random ones per start instead.
 */
final class SharedSecrets implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/** Variable → the property it sets, each shared by every node. */
	static final Map<String, String> REQUIRED = new LinkedHashMap<>();
	static {
		REQUIRED.put("SMARTOPS_WORKER_PASSWORD", "smartops.worker.password");
		REQUIRED.put("SMARTOPS_CONFIRM_SECRET", "smartops.orchestrate.confirm-secret");
		REQUIRED.put("SMARTOPS_APPS_API_KEY", "smartops.orchestrate.apps-api-key");
	}

	/** The exit status of a node refused for its settings, as for any bad input on the command line. */
	static final int EXIT_STATUS = 2;

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
			return;
		}
		String refusal = refusal(environment);
		if (refusal != null) {
			System.err.println("smartops: " + refusal);
			System.err.flush();
			System.exit(EXIT_STATUS);
		}
	}

	/** Null when every shared secret is set; else the one line that names each one missing. */
	static String refusal(Environment environment) {
		List<String> missing = new ArrayList<>();
		REQUIRED.forEach((variable, property) -> {
			String value = environment.getProperty(property);
			if (value == null || value.isBlank()) {
				missing.add(variable);
			}
		});
		return missing.isEmpty() ? null
				: "the postgres profile runs as a cluster whose nodes share secrets: set " + String.join(", ", missing)
						+ " to the same value on every node (see README, Cluster); nothing was started";
	}
}

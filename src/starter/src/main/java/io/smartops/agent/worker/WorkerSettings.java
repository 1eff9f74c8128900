package io.smartops.agent.worker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code smartops.worker.*}: what a standalone worker serves (the server, its credentials, a member
 * of smartops-workers, threads, lock duration and long poll); the in-process workers take the
 * password from here too, so that every node of a cluster and its workers share it.
 */
@ConfigurationProperties("smartops.worker")
public record WorkerSettings(@DefaultValue("http://localhost:8080") String serverUrl,
		@DefaultValue("smartops-worker") String user, @DefaultValue("") String password,
		@DefaultValue("smartops-standalone") String workerId, @DefaultValue("1") int threads,
		@DefaultValue("30s") Duration lockDuration, @DefaultValue("5s") Duration longPoll) {
}

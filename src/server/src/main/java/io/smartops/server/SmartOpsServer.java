package io.smartops.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.smartops.cli.SmartOpsCli;

/**
 * The Smart Ops server: a Camunda 7 Spring Boot application like any host, with the starter and
 * every capability on (application.yaml), the demo, Camunda's web apps and the engine's REST API;
 * or, with a command as the first argument ({@code plan}, {@code generate}), the command line that
 * starts no engine; or, in the {@code worker} profile, the agent workers as a process of their own.
 */
@SpringBootApplication(scanBasePackages = { "io.smartops.server", "io.smartops.demo" })
@AutoConfigurationPackage(basePackages = { "io.smartops.server", "io.smartops.demo" })
@ConfigurationPropertiesScan({ "io.smartops.server", "io.smartops.demo" })
public class SmartOpsServer {

	public static void main(String[] args) throws InterruptedException {
		if (SmartOpsCli.handles(args)) {
			System.exit(SmartOpsCli.run(args, System.out, System.err));
		}
		if (StandaloneWorker.requested(args, System.getenv("SPRING_PROFILES_ACTIVE"))) {
			StandaloneWorker.run(args);
			return;
		}
		SpringApplication server = new SpringApplication(SmartOpsServer.class);
		server.addListeners(new SharedSecrets());
		server.run(args);
	}
}

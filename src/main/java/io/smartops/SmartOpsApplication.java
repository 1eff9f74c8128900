package io.smartops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.smartops.agent.worker.StandaloneWorker;
import io.smartops.cli.SmartOpsCli;

/**
 * Smart Operations: the server (Camunda engine, webapps, REST, agents) or, with a command as the
 * first argument ({@code plan}, {@code generate}), the command line that starts no engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmartOpsApplication {

	public static void main(String[] args) throws InterruptedException {
		if (SmartOpsCli.handles(args)) {
			System.exit(SmartOpsCli.run(args, System.out, System.err));
		}
		if (StandaloneWorker.requested(args, System.getenv("SPRING_PROFILES_ACTIVE"))) {
			StandaloneWorker.run(args);
			return;
		}
		SpringApplication.run(SmartOpsApplication.class, args);
	}
}

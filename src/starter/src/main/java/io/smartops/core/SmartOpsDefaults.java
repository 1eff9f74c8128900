package io.smartops.core;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Smart Ops' defaults for the libraries it brings ({@code io/smartops/smartops-defaults.yaml}: the
 * MCP server is on only with {@code smartops.mcp.enabled}, at {@code /mcp}), added last, so that
 * every setting of the host's wins over them.
 */
class SmartOpsDefaults implements EnvironmentPostProcessor {

	static final String RESOURCE = "io/smartops/smartops-defaults.yaml";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		try {
			for (PropertySource<?> source : new YamlPropertySourceLoader().load("smartops-defaults",
					new ClassPathResource(RESOURCE, SmartOpsDefaults.class.getClassLoader()))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException("cannot read " + RESOURCE, e);
		}
	}
}

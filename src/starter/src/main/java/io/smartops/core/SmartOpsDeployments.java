package io.smartops.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes and forms a capability brings, deployed from Smart Ops' classpath
 * ({@value #LOCATION}) as one deployment per capability named {@code smartops-<capability>}, when
 * the engine is built and only for the capabilities that are on. A deployment is made only when
 * one of its files changed since the last (duplicate filtering), so a restart deploys nothing new.
 *
 * @param capability the capability's name, as in {@code smartops.<capability>.enabled}
 * @param resources file names under {@value #LOCATION}{@code processes/} ({@code .bpmn},
 * {@code .dmn}) or {@code forms/} ({@code .form})
 */
public record SmartOpsDeployments(String capability, List<String> resources) {

	/** Where the library keeps its processes and forms on the classpath. */
	public static final String LOCATION = "io/smartops/";

	private static final Logger log = LoggerFactory.getLogger(SmartOpsDeployments.class);

	public SmartOpsDeployments(String capability, String... resources) {
		this(capability, List.of(resources));
	}

	/** Whether a resource found on the classpath is one of Smart Ops' own processes or forms. */
	static boolean isOwn(String location) {
		return location.contains(LOCATION + "processes/") || location.contains(LOCATION + "forms/");
	}

	/** Deploys this capability's files, unless the last deployment of the same name has them as they are. */
	void deploy(ProcessEngine engine) {
		DeploymentBuilder deployment = engine.getRepositoryService().createDeployment()
				.name("smartops-" + capability).source("smartops").enableDuplicateFiltering(false);
		for (String resource : resources) {
			String path = LOCATION + (resource.endsWith(".form") ? "forms/" : "processes/") + resource;
			try (InputStream in = SmartOpsDeployments.class.getClassLoader().getResourceAsStream(path)) {
				if (in == null) {
					throw new IllegalStateException("Smart Ops' " + capability + " capability misses " + path
							+ " on its classpath");
				}
				deployment.addInputStream(resource, in);
			}
			catch (IOException e) {
				throw new UncheckedIOException("cannot read " + path, e);
			}
		}
		String id = deployment.deploy().getId();
		log.debug("Smart Ops {}: deployment {} holds {}", capability, id, resources);
	}
}

package io.smartops.insight;

import java.util.List;
import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin of the process insights: on a process definition's diagram, each task shows
 * its p50/p95 duration and who executes it, with a link to the dashboard. Cockpit finds it through
 * {@code META-INF/services} and loads {@code plugin-webapp/smartops-insights/app/plugin.js}, an ES
 * module that reads Smart Ops' API with the Cockpit user's own session.
 */
public class InsightCockpitPlugin extends AbstractCockpitPlugin {

	public static final String ID = "smartops-insights";

	@Override
	public String getId() {
		return ID;
	}

	@Override
	public Set<Class<?>> getResourceClasses() {
		return Set.of(InsightCockpitPluginRootResource.class);
	}

	@Override
	public List<String> getMappingFiles() {
		return List.of();
	}
}

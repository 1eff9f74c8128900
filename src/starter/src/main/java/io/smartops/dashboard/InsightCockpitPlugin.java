package io.smartops.dashboard;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * The Cockpit plugin of the process insights: on a process definition's diagram, each task shows
 * its p50/p95 duration and who executes it, with a link to the dashboard. Cockpit finds it through
 * {@code META-INF/services} and loads {@code plugin-webapp/smartops-insights/app/plugin.js}, an ES
 * module that reads Smart Ops' API with the Cockpit user's own session. Cockpit's plugins are found
 * by the service loader, whatever the host's settings: while no application context of this JVM has
 * the dashboard on, the plugin serves {@code plugin-webapp/smartops-insights-off}, which adds nothing.
 */
public class InsightCockpitPlugin extends AbstractCockpitPlugin {

	public static final String ID = "smartops-insights";

	/** Application contexts of this JVM with the dashboard on. */
	private static final AtomicInteger DASHBOARDS = new AtomicInteger();

	static void dashboardStarted() {
		DASHBOARDS.incrementAndGet();
	}

	static void dashboardStopped() {
		DASHBOARDS.decrementAndGet();
	}

	@Override
	public String getAssetDirectory() {
		return "plugin-webapp/" + ID + (DASHBOARDS.get() > 0 ? "" : "-off");
	}

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

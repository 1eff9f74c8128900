package io.smartops.dashboard;

import jakarta.ws.rs.Path;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** Serves the Cockpit plugin's {@code app/plugin.js} under {@code /camunda/api/cockpit/plugin/smartops-insights/static/}. */
@Path("plugin/" + InsightCockpitPlugin.ID)
public class InsightCockpitPluginRootResource extends AbstractCockpitPluginRootResource {

	public InsightCockpitPluginRootResource() {
		super(InsightCockpitPlugin.ID);
	}
}

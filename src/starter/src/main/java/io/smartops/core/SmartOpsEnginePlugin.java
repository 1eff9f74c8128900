package io.smartops.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.core.io.Resource;

/**
 * What Smart Ops adds to the host's engine, the Camunda way (the starter registers plugin beans):
 * <ul>
 * <li>the history event handlers of the capabilities that are on (the task-execution recorder, the
 * insights' queue of ended instances), beside the engine's own, on the engine's transaction;</li>
 * <li>group and user ids with hyphens ({@code smartops-operators}), where the host has not set its
 * own pattern for resource ids;</li>
 * <li>Smart Ops' own processes and forms taken out of the host's auto-deployment (the starter's
 * default pattern finds every {@code .bpmn} on the classpath): {@link SmartOpsDeployments} deploys
 * those of the capabilities that are on, and no others.</li>
 * <li>a task's candidate groups, candidate users and assignee granted {@code TASK_WORK} on it
 * (claim and complete it) rather than Camunda's default {@code UPDATE} (change it in any way):
 * see {@link io.smartops.core.security.EngineGrants}.</li>
 * <li>a listener at every process's start that keeps the trace the instance started in
 * ({@link io.smartops.core.execution.InstanceTracing}).</li>
 * </ul>
 * The job executor, the deployment settings and everything else of the engine stay the host's.
 */
public final class SmartOpsEnginePlugin extends AbstractProcessEnginePlugin {

	/** Ids as Camunda's default allows, and with hyphens inside. */
	static final String ID_PATTERN = "[a-zA-Z0-9][a-zA-Z0-9-]*";

	/** Camunda's own default pattern for resource ids, which a host that set none has. */
	static final String CAMUNDA_DEFAULT_ID_PATTERN = "[a-zA-Z0-9]+|camunda-admin";

	/** What a task's candidates and assignee may do with it: claim and complete, nothing else. */
	static final String TASK_PERMISSION = "TASK_WORK";

	private final List<SmartOpsHistoryHandler> handlers;
	private final List<SmartOpsDeployments> deployments;
	private final ExecutionListener atProcessStart;

	public SmartOpsEnginePlugin(List<SmartOpsHistoryHandler> handlers, List<SmartOpsDeployments> deployments,
			ExecutionListener atProcessStart) {
		this.handlers = List.copyOf(handlers);
		this.deployments = List.copyOf(deployments);
		this.atProcessStart = atProcessStart;
	}

	@Override
	public void preInit(ProcessEngineConfigurationImpl configuration) {
		if (!handlers.isEmpty()) {
			List<HistoryEventHandler> all = new ArrayList<>();
			if (configuration.getCustomHistoryEventHandlers() != null) {
				all.addAll(configuration.getCustomHistoryEventHandlers());
			}
			for (SmartOpsHistoryHandler handler : handlers) {
				all.add(new HistoryEventHandler() {
					@Override
					public void handleEvent(HistoryEvent event) {
						handler.handleEvent(event);
					}

					@Override
					public void handleEvents(List<HistoryEvent> events) {
						handler.handleEvents(events);
					}
				});
			}
			configuration.setCustomHistoryEventHandlers(all);
		}
		String pattern = configuration.getGeneralResourceWhitelistPattern();
		if (pattern == null || pattern.isEmpty() || CAMUNDA_DEFAULT_ID_PATTERN.equals(pattern)) {
			configuration.setGeneralResourceWhitelistPattern(ID_PATTERN);
		}
		List<BpmnParseListener> parseListeners = new ArrayList<>();
		if (configuration.getCustomPreBPMNParseListeners() != null) {
			parseListeners.addAll(configuration.getCustomPreBPMNParseListeners());
		}
		parseListeners.add(new AbstractBpmnParseListener() {
			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
				processDefinition.addListener(ExecutionListener.EVENTNAME_START, atProcessStart);
			}
		});
		configuration.setCustomPreBPMNParseListeners(parseListeners);
		String taskPermission = configuration.getDefaultUserPermissionNameForTask();
		if (taskPermission == null || taskPermission.equals("UPDATE")) {
			configuration.setDefaultUserPermissionNameForTask(TASK_PERMISSION);
		}
	}

	@Override
	public void postInit(ProcessEngineConfigurationImpl configuration) {
		if (configuration instanceof SpringProcessEngineConfiguration spring && spring.getDeploymentResources() != null) {
			spring.setDeploymentResources(Arrays.stream(spring.getDeploymentResources())
					.filter(resource -> !SmartOpsDeployments.isOwn(location(resource))).toArray(Resource[]::new));
		}
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		deployments.forEach(deployment -> deployment.deploy(engine));
	}

	private static String location(Resource resource) {
		try {
			return resource.getURL().toString();
		}
		catch (IOException e) {
			return resource.getDescription();
		}
	}
}

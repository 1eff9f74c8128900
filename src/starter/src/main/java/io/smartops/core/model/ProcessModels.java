package io.smartops.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

/**
 * What the insights read of a deployed BPMN model: each task's name and the capability an agent
 * of the library would need to take it — the capability an agent task routes by
 * ({@code agentRouter.route(execution, 'lead-scoring')}), or, on any task, the extension property
 * {@code capability} set in Modeler. Cached per process definition (a deployed definition never
 * changes).
 */
@Component
public class ProcessModels {

	static final String CAPABILITY_PROPERTY = "capability";

	private static final Pattern ROUTED = Pattern.compile("agentRouter\\.route\\(\\s*execution\\s*,\\s*'([^']+)'");

	/** A task of the model: its name, the capability that could take it (null if none), a static candidate group. */
	public record TaskInfo(String activityId, String name, String capability, String candidateGroup) {
	}

	private final RepositoryService repository;
	private final Map<String, Map<String, TaskInfo>> cache = new ConcurrentHashMap<>();

	ProcessModels(RepositoryService repository) {
		this.repository = repository;
	}

	/** The keys of the deployed processes (latest versions) with a task that a capability's agents take. */
	public java.util.List<String> processesUsing(String capability) {
		return repository.createProcessDefinitionQuery().latestVersion().list().stream()
			.filter(d -> cache.computeIfAbsent(d.getId(), this::read).values().stream()
				.anyMatch(t -> capability.equals(t.capability())))
			.map(d -> d.getKey())
			.sorted()
			.toList();
	}

	public Map<String, TaskInfo> tasks(String processKey) {
		String id = repository.createProcessDefinitionQuery().processDefinitionKey(processKey).latestVersion()
			.singleResult().getId();
		return cache.computeIfAbsent(id, this::read);
	}

	private Map<String, TaskInfo> read(String definitionId) {
		BpmnModelInstance model = repository.getBpmnModelInstance(definitionId);
		Map<String, TaskInfo> tasks = new LinkedHashMap<>();
		for (Task t : model.getModelElementsByType(Task.class)) {
			String capability = null;
			if (t.getExtensionElements() != null) {
				for (CamundaProperty p : t.getExtensionElements().getElementsQuery()
					.filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
					.flatMap(ps -> ps.getCamundaProperties().stream())
					.toList()) {
					if (CAPABILITY_PROPERTY.equals(p.getCamundaName())) {
						capability = p.getCamundaValue();
					}
				}
			}
			if (capability == null && t instanceof ServiceTask s && s.getCamundaTopic() != null) {
				Matcher m = ROUTED.matcher(s.getCamundaTopic());
				capability = m.find() ? m.group(1) : null;
			}
			String group = t instanceof UserTask u && u.getCamundaCandidateGroups() != null
					&& !u.getCamundaCandidateGroups().contains("${") ? u.getCamundaCandidateGroups().split(",")[0].trim()
							: null;
			tasks.put(t.getId(), new TaskInfo(t.getId(), t.getName(), capability, group));
		}
		return tasks;
	}
}

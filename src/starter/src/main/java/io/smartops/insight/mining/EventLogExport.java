package io.smartops.insight.mining;

import java.io.OutputStream;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Query;

/**
 * Exports a process's event log in one of the {@link EventLogFormat}s, streamed: the instances
 * that started in the window (every one, running or ended), each with its task executions, are
 * written as they are read, so an export of any size runs in the same memory.
 */
@Service
public class EventLogExport {

	/** What a format writes: a header, each instance, and for OCEL a second pass for the objects. */
	interface Writer {

		void begin(String processKey, String processName) throws Exception;

		void write(Case c) throws Exception;

		default boolean objectsPass() {
			return false;
		}

		default void beginObjects() throws Exception {
		}

		default void object(Case c) throws Exception {
		}

		default void businessObject(String variable, String value) throws Exception {
		}

		void end() throws Exception;
	}

	private final CaseStream cases;
	private final EventLogProperties properties;
	private final RepositoryService repository;

	EventLogExport(CaseStream cases, EventLogProperties properties, RepositoryService repository) {
		this.cases = cases;
		this.properties = properties;
		this.repository = repository;
	}

	/** Writes the log of [from, to) — of one version when {@code definitionId} is set — and returns how many instances it holds. */
	public long export(EventLogFormat format, String processKey, String definitionId, long from, long to,
			OutputStream out) {
		Pseudonyms pseudonyms = Pseudonyms.forExport(properties.pseudonymise());
		Map<String, String> objects = properties.objectsOf(processKey);
		Query query = new Query(processKey, definitionId, from, to, false, objects.keySet(), false);
		try {
			Writer writer = switch (format) {
				case XES -> new XesWriter(out, pseudonyms);
				case CSV -> new CsvWriter(out, pseudonyms);
				case OCEL -> new OcelWriter(out, pseudonyms, objects);
			};
			ProcessDefinition latest = repository.createProcessDefinitionQuery().processDefinitionKey(processKey)
				.latestVersion().singleResult();
			writer.begin(processKey, latest == null ? null : latest.getName());
			long count = cases.forEach(query, c -> unchecked(() -> writer.write(c)));
			if (writer.objectsPass()) {
				writer.beginObjects();
				cases.forEach(query, c -> unchecked(() -> writer.object(c)));
				cases.forEachObject(query, (variable, value) -> unchecked(() -> writer.businessObject(variable, value)));
			}
			writer.end();
			return count;
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException("writing the " + format + " log of " + processKey + " failed", e);
		}
	}

	/** How an instance ended: the end event it reached, else its state in the engine's history (ACTIVE while it runs). */
	static String outcome(Case c) {
		return "COMPLETED".equals(c.state()) && c.endActivityId() != null ? c.endActivityId() : c.state();
	}

	private interface Step {
		void run() throws Exception;
	}

	private static void unchecked(Step step) {
		try {
			step.run();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}

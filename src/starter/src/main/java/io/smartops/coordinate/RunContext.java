package io.smartops.coordinate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The shared context of coordinator runs: the facts agents write and read (with provenance), the
 * documents (scenario, plan) that process variables reference by id, and the runs themselves.
 * Agents pass data to each other only through here.
 */
@Service
public class RunContext {

	static final ObjectMapper JSON = new ObjectMapper();

	private final PlanningRunRepository runs;
	private final RunFactRepository facts;
	private final StoredDocumentRepository documents;

	RunContext(PlanningRunRepository runs, RunFactRepository facts, StoredDocumentRepository documents) {
		this.runs = runs;
		this.facts = facts;
		this.documents = documents;
	}

	/** Who wrote a fact, and from which inputs. */
	public record Provenance(String agentId, String agentVersion, Map<String, Object> inputs) {
	}

	@Transactional
	public RunFact put(String runId, String name, JsonNode value, Provenance provenance) {
		run(runId);
		return facts.save(new RunFact(runId, name, value.toString(), provenance.agentId(), provenance.agentVersion(),
				write(provenance.inputs())));
	}

	/** The newest fact of that name; throws naming the missing fact. */
	public JsonNode fact(String runId, String name) {
		return facts.findFirstByRunIdAndNameOrderByIdDesc(runId, name)
			.map(f -> read(f.getValue()))
			.orElseThrow(() -> new IllegalStateException("run " + runId + " has no fact '" + name + "' yet"));
	}

	public List<RunFact> facts(String runId) {
		return facts.findByRunIdOrderById(runId);
	}

	/** The newest fact of each name that starts with the prefix (one per supplier, say). */
	public List<JsonNode> factsStartingWith(String runId, String prefix) {
		Map<String, RunFact> newest = new java.util.TreeMap<>();
		facts.findByRunIdAndNameStartingWithOrderById(runId, prefix).forEach(f -> newest.put(f.getName(), f));
		return newest.values().stream().map(f -> read(f.getValue())).toList();
	}

	@Transactional
	public String store(String runId, String kind, String content) {
		String id = kind + "-" + UUID.randomUUID();
		documents.save(new StoredDocument(id, runId, kind, content));
		return id;
	}

	public String document(String id) {
		return documents.findById(id)
			.map(StoredDocument::getContent)
			.orElseThrow(() -> new IllegalStateException("no document " + id));
	}

	/** A stored document of this kind ({@code scenario}, {@code plan}), if there is one. */
	public java.util.Optional<String> document(String id, String kind) {
		return documents.findById(id).filter(d -> kind.equals(d.getKind())).map(StoredDocument::getContent);
	}

	/** A plan document, read back as the optimizer wrote it. */
	public io.smartops.plan.Plan plan(String document) {
		try {
			return JSON.readValue(document(document), io.smartops.plan.Plan.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("plan " + document + " cannot be read: " + e.getOriginalMessage(), e);
		}
	}

	public PlanningRun run(String runId) {
		return runs.findById(runId).orElseThrow(() -> new NoSuchRunException(runId));
	}

	public Scope scope(String runId) {
		try {
			@SuppressWarnings("unchecked")
			Map<String, Object> map = JSON.readValue(run(runId).getScope(), Map.class);
			return Scope.from(map, Scope.widest(1));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("run " + runId + " has an unreadable scope", e);
		}
	}

	public static JsonNode read(String json) {
		try {
			return JSON.readTree(json);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("unreadable JSON: " + e.getOriginalMessage(), e);
		}
	}

	public static String write(Object value) {
		try {
			return JSON.writeValueAsString(value);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A run id that does not exist (REST: 404). */
	public static class NoSuchRunException extends io.smartops.core.web.NotFoundException {
		public NoSuchRunException(String runId) {
			super("no planning run " + runId);
		}
	}
}

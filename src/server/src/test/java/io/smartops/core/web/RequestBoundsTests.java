package io.smartops.core.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.smartops.SmartOpsTest;
import io.smartops.support.Api;

/**
 * Validation said once, checked everywhere: every request type of the REST API and every MCP
 * tool's arguments carry their bounds where they are declared. The test walks each record a
 * request body binds to (and the records inside it) and fails on a text without a length or a
 * pattern, a number without a lower and an upper bound, or a list or map without a size; a body
 * that is a JSON document read by its own reader (a lead, a sensor event, a scope, KPI targets, a
 * scenario) must be one of the documents below, whose every field is probed over HTTP with a
 * megabyte of text and with ±1e308. It walks each MCP tool's input schema the same way.
 */
@SmartOpsTest
class RequestBoundsTests {

	static final ObjectMapper JSON = new ObjectMapper();

	/**
	 * The documents read by their own readers, with every field they take: each field gets a
	 * megabyte of text and ±1e308 and must be refused with a 400 that names it.
	 */
	record Document(String method, String path, List<String> fields) {
	}

	static final List<Document> DOCUMENTS = List.of(
			new Document("POST", "/smartops/api/leads", io.smartops.demo.sales.LeadValidator.FIELDS),
			new Document("POST", "/smartops/api/sensors/events", io.smartops.sense.SensorEvent.FIELDS),
			new Document("POST", "/smartops/api/coordinator/runs", io.smartops.coordinate.Scope.FIELDS),
			new Document("PUT", "/smartops/api/insights/processes/sales-operations/targets",
					io.smartops.insight.ProcessInsights.TARGET_FIELDS),
			new Document("POST", "/smartops/api/plans", io.smartops.plan.scenario.ScenarioJson.FIELDS),
			new Document("POST", "/smartops/api/plans/compare", io.smartops.plan.scenario.ScenarioJson.FIELDS));

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@Autowired
	List<io.smartops.mcp.ToolSet> toolSets;

	@Test
	void everyRecordARequestBindsToBoundsEachTextNumberListAndMap() {
		List<String> unbounded = new ArrayList<>();
		Set<String> documents = new HashSet<>();
		DOCUMENTS.forEach(d -> documents.add(d.method() + " " + d.path()
			.replace("/sales-operations/", "/{key}/")));
		mappings.getHandlerMethods().forEach((info, method) -> {
			for (MethodParameter p : method.getMethodParameters()) {
				if (!p.hasParameterAnnotation(RequestBody.class)) {
					continue;
				}
				String endpoint = info.getMethodsCondition().getMethods().iterator().next() + " "
						+ info.getPatternValues().iterator().next();
				if (!endpoint.contains("/smartops/api/")) {
					continue;
				}
				Class<?> type = p.getParameterType();
				if (type.isRecord()) {
					if (!p.hasParameterAnnotation(Valid.class)) {
						unbounded.add(endpoint + ": its body " + type.getSimpleName() + " is not @Valid, so its bounds are not checked");
					}
					walk(type, type.getSimpleName(), unbounded, new HashSet<>());
				}
				else if (!documents.contains(endpoint.replaceAll("\\{[^}]+\\}", "{key}"))
						&& !documents.contains(endpoint)) {
					unbounded.add(endpoint + ": its body is a " + type.getSimpleName()
							+ ", neither a record with bounds nor a document this test probes");
				}
			}
		});
		assertThat(unbounded).isEmpty();
	}

	@Test
	void everyFieldOfEveryDocumentIsRefusedBeyondItsBounds() {
		Api admin = new Api(port);
		String megabyte = "\"" + "x".repeat(1 << 20) + "\"";
		List<String> wrong = new ArrayList<>();
		for (Document d : DOCUMENTS) {
			for (String field : d.fields()) {
				for (String value : List.of(megabyte, "1e308", "-1e308")) {
					Api.Response r = admin.send(d.method(), d.path(), "{\"" + field + "\":" + value + "}");
					boolean named = r.status() == 400 && r.body().contains(field);
					if (!named) {
						wrong.add(d.method() + " " + d.path() + " " + field + "=" + value.substring(0, Math.min(8, value.length()))
								+ ": " + r.status() + " " + r.body().substring(0, Math.min(200, r.body().length())));
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	@Test
	void everyMcpToolsArgumentIsBoundedInItsSchema() throws Exception {
		List<String> unbounded = new ArrayList<>();
		for (io.smartops.mcp.ToolSet set : toolSets) {
			for (io.smartops.mcp.McpTool tool : set.tools()) {
				walkSchema(JSON.readTree(tool.inputSchema()), tool.name(), unbounded);
			}
		}
		assertThat(unbounded).isEmpty();
	}

	/** A JSON schema's properties: texts with a length, a pattern or values; numbers with both bounds; arrays with a size. */
	static void walkSchema(JsonNode schema, String path, List<String> unbounded) {
		String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
		switch (type) {
			case "object" -> {
				JsonNode properties = schema.path("properties");
				if (properties.isMissingNode() || properties.isEmpty()) {
					if (!schema.has("x-smartops-document")) {
						unbounded.add(path + ": an object without properties and not a document with a reader");
					}
					return;
				}
				for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
					Map.Entry<String, JsonNode> p = it.next();
					walkSchema(p.getValue(), path + "." + p.getKey(), unbounded);
				}
			}
			case "string" -> {
				if (!schema.has("maxLength") && !schema.has("enum") && !schema.has("pattern")) {
					unbounded.add(path + ": a string without maxLength, pattern or enum");
				}
			}
			case "number", "integer" -> {
				if (!schema.has("minimum") && !schema.has("exclusiveMinimum")
						|| !schema.has("maximum") && !schema.has("exclusiveMaximum")) {
					unbounded.add(path + ": a number without minimum and maximum");
				}
			}
			case "array" -> {
				if (!schema.has("maxItems")) {
					unbounded.add(path + ": an array without maxItems");
				}
				walkSchema(schema.path("items"), path + "[]", unbounded);
			}
			case "boolean" -> {
			}
			default -> unbounded.add(path + ": no type");
		}
	}

	/** A record's components, and the records inside it, each with its bounds. */
	static void walk(Class<?> record, String path, List<String> unbounded, Set<Class<?>> seen) {
		if (!seen.add(record)) {
			return;
		}
		for (RecordComponent c : record.getRecordComponents()) {
			String at = path + "." + c.getName();
			check(c.getType(), c.getGenericType(), elementOf(record, c), at, unbounded, seen, true);
		}
	}

	private static AnnotatedElement elementOf(Class<?> record, RecordComponent c) {
		try {
			return record.getDeclaredField(c.getName());
		}
		catch (NoSuchFieldException e) {
			return c;
		}
	}

	private static void check(Class<?> type, Type generic, AnnotatedElement annotated, String at, List<String> unbounded,
			Set<Class<?>> seen, boolean needsBound) {
		if (type.isEnum() || type == boolean.class || type == Boolean.class || java.time.temporal.Temporal.class.isAssignableFrom(type)) {
			return;
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			if (needsBound && !has(annotated, Size.class) && !has(annotated, Pattern.class)) {
				unbounded.add(at + ": a text without @Size(max) or @Pattern");
			}
			return;
		}
		if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
			boolean lower = has(annotated, Min.class) || has(annotated, DecimalMin.class) || has(annotated, Positive.class)
					|| has(annotated, PositiveOrZero.class);
			boolean upper = has(annotated, Max.class) || has(annotated, DecimalMax.class) || has(annotated, Negative.class)
					|| has(annotated, NegativeOrZero.class);
			if (needsBound && !(lower && upper)) {
				unbounded.add(at + ": a number without a lower and an upper bound");
			}
			return;
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
			if (needsBound && !has(annotated, Size.class)) {
				unbounded.add(at + ": a list or map without @Size(max)");
			}
			if (generic instanceof ParameterizedType p) {
				Type[] args = p.getActualTypeArguments();
				Type element = args[args.length - 1];
				Class<?> raw = element instanceof Class<?> k ? k
						: element instanceof ParameterizedType e ? (Class<?>) e.getRawType() : Object.class;
				if (raw.isRecord()) {
					walk(raw, at + "[]", unbounded, seen);
				}
				else if (raw != Object.class && !Map.class.isAssignableFrom(raw) && !CharSequence.class.isAssignableFrom(raw)
						&& !Number.class.isAssignableFrom(raw)) {
					check(raw, element, annotated, at + "[]", unbounded, seen, false);
				}
			}
			return;
		}
		if (type.isRecord()) {
			walk(type, at, unbounded, seen);
			return;
		}
		if (type == Object.class || JsonNode.class.isAssignableFrom(type)) {
			if (!has(annotated, Size.class) && !has(annotated, JudgedByItsReader.class)) {
				unbounded.add(at + ": any value, neither bounded nor judged by its reader");
			}
			return;
		}
		unbounded.add(at + ": a " + type.getSimpleName() + " the walk cannot see into");
	}

	private static boolean has(AnnotatedElement element, Class<? extends java.lang.annotation.Annotation> annotation) {
		return element.isAnnotationPresent(annotation);
	}
}

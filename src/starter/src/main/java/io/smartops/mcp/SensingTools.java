package io.smartops.mcp;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import io.smartops.core.web.NotFoundException;
import io.smartops.core.security.Roles;
import io.smartops.sense.ReplanRepository;
import io.smartops.sense.SensePipeline;
import io.smartops.sense.SensorEvent;

/** Sensing over MCP: post a sensor event (as over REST or MQTT), read the trace of the re-plans. */
@Component
class SensingTools implements ToolSet {

	private final SensePipeline pipeline;
	private final ReplanRepository replans;

	SensingTools(SensePipeline pipeline, ReplanRepository replans) {
		this.pipeline = pipeline;
		this.replans = replans;
	}

	@Override
	public List<McpTool> tools() {
		return List.of(new McpTool("post_sensor_event", "Post a sensor event",
				"Records an event from the field; when it touches a binding constraint of the plan in force it triggers a re-plan. "
						+ "The same id twice is recorded once (duplicate: true).",
				List.of(Roles.SENSOR_FEEDS, Roles.OPERATORS), """
						{"type":"object","required":["id","source","type","subject","value","observedAt"],"properties":{
						  "id":{"type":"string","maxLength":200,"description":"the event's own id; a repeat is recognised"},
						  "source":{"type":"string","maxLength":200},
						  "type":{"type":"string","enum":%s},
						  "subject":{"type":"string","maxLength":200,"description":"what the value is about, e.g. W1/P3 for a stock level"},
						  "value":{"type":"number","minimum":0,"maximum":1e10},
						  "observedAt":{"type":"string","format":"date-time","maxLength":40}},
						 "additionalProperties":false}""".formatted(types()), """
						{"type":"object","required":["event","duplicate"],"properties":{
						  "event":{"type":"object","required":["id","decision"],"properties":{"id":{"type":"string"},"decision":{"type":"string"},
						    "replanId":{"type":["string","null"]}}},
						  "duplicate":{"type":"boolean"}}}""",
				args -> {
					SensePipeline.Result r = pipeline.ingest(args.all(), "mcp");
					return Map.of("event", r.event(), "duplicate", r.duplicate());
				}), new McpTool("get_replan_trace", "Read the re-plan trace",
						"One re-plan (with replanId) or the latest 100: what triggered it, the touched binding constraints, the stable "
								+ "and unconstrained margins, the choice and why, pinned and held actions, changes by channel, solve times.",
						List.of(Roles.OPERATORS, Roles.PLANNERS), """
								{"type":"object","properties":{
								  "replanId":{"type":"string","maxLength":100,"description":"one re-plan's id; without it, the latest 100"}},
								 "additionalProperties":false}""", """
								{"type":"object","required":["replans"],"properties":{"replans":{"type":"array","items":{
								  "type":"object","required":["id","status"],"properties":{"id":{"type":"string"},"status":{"type":"string"},
								  "touched":{"type":"array","items":{"type":"string"}},"choice":{"type":["string","null"]}}}}}}""",
						this::trace));
	}

	private static String types() {
		return SensorEvent.TYPES.stream().sorted().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
	}

	private Object trace(Arguments args) {
		String id = args.text("replanId", false);
		args.check();
		if (id == null) {
			return Map.of("replans", replans.findTop100ByOrderByRequestedAtDesc());
		}
		return Map.of("replans", List.of(replans.findById(id).orElseThrow(() -> new NotFoundException("no re-plan " + id))));
	}
}

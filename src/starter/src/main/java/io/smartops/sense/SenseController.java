package io.smartops.sense;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.security.Roles;
import io.smartops.core.web.NotFoundException;

/**
 * Sensing over REST: post an event (201, or 200 for a duplicate id, 400 naming each bad field),
 * read the events with their decisions, the dead letters of the MQTT subscription, and the trace
 * of every re-plan.
 */
@RestController
@RolesAllowed({ Roles.OPERATORS, Roles.PLANNERS })
public class SenseController {

	private final SensePipeline pipeline;
	private final SensedEventRepository events;
	private final DeadLetterRepository deadLetters;
	private final ReplanRepository replans;

	SenseController(SensePipeline pipeline, SensedEventRepository events, DeadLetterRepository deadLetters,
			ReplanRepository replans) {
		this.pipeline = pipeline;
		this.events = events;
		this.deadLetters = deadLetters;
		this.replans = replans;
	}

	@PostMapping("/smartops/api/sensors/events")
	@RolesAllowed({ Roles.SENSOR_FEEDS, Roles.OPERATORS })
	public ResponseEntity<Map<String, Object>> post(@RequestBody Map<String, Object> body) {
		SensePipeline.Result r = pipeline.ingest(body, "rest");
		return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED)
			.body(Map.of("event", r.event(), "duplicate", r.duplicate()));
	}

	@GetMapping("/smartops/api/sensors/events")
	public List<SensedEventRecord> events() {
		return events.findTop200ByOrderByReceivedAtDesc();
	}

	@GetMapping("/smartops/api/sensors/events/{id}")
	public SensedEventRecord event(@PathVariable String id) {
		return events.findById(id).orElseThrow(() -> new NotFoundException("no sensed event " + id));
	}

	@GetMapping("/smartops/api/sensors/dead-letters")
	public List<DeadLetter> deadLetters() {
		return deadLetters.findTop200ByOrderByIdDesc();
	}

	@GetMapping("/smartops/api/replans")
	public List<Replan> replans() {
		return replans.findTop100ByOrderByRequestedAtDesc();
	}

	@GetMapping("/smartops/api/replans/{id}")
	public Replan replan(@PathVariable String id) {
		return replans.findById(id).orElseThrow(() -> new NotFoundException("no re-plan " + id));
	}
}

package io.smartops.insight;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.smartops.core.web.ForbiddenException;
import io.smartops.core.web.InvalidRequestException;
import io.smartops.core.owner.ProcessOwners;
import io.smartops.core.security.CurrentUser;
import io.smartops.core.security.Roles;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.insight.mining.Conformance;
import io.smartops.insight.mining.ConformanceReport;
import io.smartops.insight.mining.EventLogExport;
import io.smartops.insight.mining.EventLogFormat;
import io.smartops.insight.mining.Variants;

/**
 * {@code /smartops/api/insights}: every process's headline KPIs, one process's insight, its
 * targets, baseline and owner. A window is {@code from}/{@code to} (ISO-8601 instants or dates,
 * UTC); without {@code to} it ends now, without {@code from} it is the configured default long.
 * Only the process's owner or an administrator changes its targets, baseline or owner. Process
 * mining: the event log (XES, OCEL 2.0, CSV), conformance to the BPMN, and the variants.
 */
@RestController
@RequestMapping("/smartops/api/insights/processes")
class InsightController {

	private final ProcessInsights insights;
	private final ProcessOwners owners;
	private final InsightProperties properties;
	private final CurrentUser user;
	private final EventLogExport eventLogs;
	private final Conformance conformance;
	private final Variants variants;
	private final RepositoryService repository;

	InsightController(ProcessInsights insights, ProcessOwners owners, InsightProperties properties, CurrentUser user,
			EventLogExport eventLogs, Conformance conformance, Variants variants, RepositoryService repository) {
		this.insights = insights;
		this.owners = owners;
		this.properties = properties;
		this.user = user;
		this.eventLogs = eventLogs;
		this.conformance = conformance;
		this.variants = variants;
		this.repository = repository;
	}

	record OwnerChange(@Size(max = 64) String owner, @Size(max = 64) String pod) {
	}

	@GetMapping
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	List<ProcessInsights.Headline> overview(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Window w = window(from, to);
		return insights.overview(w.from(), w.to());
	}

	@GetMapping("/{key}")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	ProcessInsight insight(@PathVariable String key, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String version) {
		Window w = window(from, to);
		return insights.insight(key, version(version), w.from(), w.to());
	}

	@GetMapping("/{key}/targets")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	Map<String, Double> targets(@PathVariable String key) {
		owners.requireDeployed(key);
		return insights.targets(key);
	}

	@PutMapping("/{key}/targets")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.ACTION_TAKERS })
	Map<String, Double> setTargets(@PathVariable String key, @RequestBody(required = false) Map<String, Object> body) {
		ownerOrAdmin(key, "set its targets");
		return insights.setTargets(key, body, user.userId());
	}

	@PostMapping("/{key}/baseline")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.ACTION_TAKERS })
	List<ProcessInsights.Baseline> measureBaseline(@PathVariable String key, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Window w = window(from, to);
		ownerOrAdmin(key, "measure its baseline");
		return insights.measureBaseline(key, w.from(), w.to(), user.userId());
	}

	@GetMapping("/{key}/segmentation")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	List<Segmentation.TaskSegment> segmentation(@PathVariable String key, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Window w = window(from, to);
		return insights.segmentation(key, w.from(), w.to());
	}

	@GetMapping("/{key}/improvements")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	ProcessInsights.Improvements improvements(@PathVariable String key, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to) {
		Window w = window(from, to);
		return insights.improvements(key, w.from(), w.to());
	}

	@PostMapping("/{key}/improvements/{improvementId}/acceptance")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.ACTION_TAKERS })
	ProcessInsights.Accepted accept(@PathVariable String key, @PathVariable String improvementId,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Window w = window(from, to);
		ownerOrAdmin(key, "accept an improvement");
		return insights.accept(key, improvementId, w.from(), w.to(), user.userId());
	}

	/**
	 * The process's event log as a download, streamed: {@code format} xes (the default), ocel or
	 * csv; the instances that started in the window, of one version when {@code version} is given.
	 */
	@GetMapping("/{key}/event-log")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	void eventLog(@PathVariable String key, @RequestParam(required = false) String format,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String version, HttpServletResponse response) throws IOException {
		EventLogFormat f = format == null ? EventLogFormat.XES : EventLogFormat.named(format);
		if (f == null) {
			throw new InvalidRequestException("unknown event-log format",
					Map.of("format", "'" + format + "' is none of " + EventLogFormat.names()));
		}
		Window w = window(from, to);
		owners.requireDeployed(key);
		Integer v = version(version);
		String definitionId = definitionId(key, v);
		String file = key + (v == null ? "" : "-v" + v) + "-" + LocalDate.ofInstant(w.from(), ZoneOffset.UTC) + "-"
				+ LocalDate.ofInstant(w.to(), ZoneOffset.UTC) + "." + f.extension();
		response.setContentType(f.mediaType() + ";charset=UTF-8");
		response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
				ContentDisposition.attachment().filename(file).build().toString());
		// written as it is read, on this request's thread: no async timeout cuts a long export short
		eventLogs.export(f, key, definitionId, w.from().toEpochMilli(), w.to().toEpochMilli(), response.getOutputStream());
	}

	/** How the ended instances that started in the window conform to their BPMN, with the process's {@code fitness} on top. */
	@GetMapping("/{key}/conformance")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	ConformanceReport conformance(@PathVariable String key, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String version) {
		Window w = window(from, to);
		owners.requireDeployed(key);
		Integer v = version(version);
		return conformance.check(key, v, definitionId(key, v), w.from(), w.to());
	}

	/**
	 * The variants of the ended instances that started in the window, most frequent first;
	 * {@code outcome} (an end event's id or name, or a state) and {@code executorKind} filter them.
	 */
	@GetMapping("/{key}/variants")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	Variants.VariantReport variants(@PathVariable String key, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String version,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String executorKind,
			@RequestParam(required = false) String limit) {
		Window w = window(from, to);
		owners.requireDeployed(key);
		Integer v = version(version);
		ExecutorKind kind = null;
		if (executorKind != null) {
			kind = Arrays.stream(ExecutorKind.values()).filter(k -> k.name().equalsIgnoreCase(executorKind)).findFirst()
				.orElseThrow(() -> new InvalidRequestException("unknown executor kind", Map.of("executorKind",
						"'" + executorKind + "' is none of " + Arrays.toString(ExecutorKind.values()))));
		}
		int top = 20;
		if (limit != null) {
			try {
				top = Integer.parseInt(limit);
			}
			catch (NumberFormatException e) {
				top = -1;
			}
			if (top < 1 || top > 200) {
				throw new InvalidRequestException("invalid limit", Map.of("limit", "not a whole number from 1 to 200: " + limit));
			}
		}
		return variants.variants(key, v, definitionId(key, v), w.from(), w.to(), outcome, kind, top);
	}

	@GetMapping("/{key}/owner")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	ProcessOwners.Owner owner(@PathVariable String key) {
		owners.requireDeployed(key);
		return owners.ownerOf(key);
	}

	@PutMapping("/{key}/owner")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS, Roles.ACTION_TAKERS })
	ProcessOwners.Owner setOwner(@PathVariable String key, @Valid @RequestBody(required = false) OwnerChange body) {
		ownerOrAdmin(key, "hand it over");
		owners.requireDeployed(key);
		if (body == null) {
			throw new InvalidRequestException("the body must name the owner and the pod", Map.of("owner", "missing"));
		}
		return owners.setOwner(key, body.owner(), body.pod(), user.userId());
	}

	@GetMapping("/{key}/changes")
	@RolesAllowed({ Roles.DESIGNERS, Roles.OPERATORS, Roles.PLANNERS })
	List<ProcessOwners.Change> changes(@PathVariable String key) {
		owners.requireDeployed(key);
		return owners.changes(key);
	}

	/** 403 unless the caller owns the process or is an administrator (then 404 for an unknown process). */
	private void ownerOrAdmin(String key, String what) {
		String owner = owners.ownerOf(key).owner();
		if (!user.groups().contains(Roles.ADMINS) && !owner.equals(user.userId())) {
			throw new ForbiddenException("only the owner of " + key + " (" + owner + ") or an administrator may " + what
					+ "; user " + user.userId() + " is neither");
		}
	}

	private Window window(String from, String to) {
		return Window.of("from", from, "to", to, properties.defaultWindow());
	}

	/** The definition of a version of a process; null without a version; 400 naming {@code version} for one that does not exist. */
	private String definitionId(String key, Integer version) {
		if (version == null) {
			return null;
		}
		ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey(key)
			.processDefinitionVersion(version).singleResult();
		if (definition == null) {
			throw new InvalidRequestException("no such version", Map.of("version", "process '" + key + "' has no version " + version));
		}
		return definition.getId();
	}

	private static Integer version(String version) {
		if (version == null) {
			return null;
		}
		try {
			int v = Integer.parseInt(version);
			if (v > 0) {
				return v;
			}
		}
		catch (NumberFormatException e) {
			// named below
		}
		throw new InvalidRequestException("invalid version", Map.of("version", "not a positive whole number: " + version));
	}
}

package io.smartops.insight;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;

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

/**
 * {@code /smartops/api/insights}: every process's headline KPIs, one process's insight, its
 * targets, baseline and owner. A window is {@code from}/{@code to} (ISO-8601 instants or dates,
 * UTC); without {@code to} it ends now, without {@code from} it is the configured default long.
 * Only the process's owner or an administrator changes its targets, baseline or owner.
 */
@RestController
@RequestMapping("/smartops/api/insights/processes")
class InsightController {

	private final ProcessInsights insights;
	private final ProcessOwners owners;
	private final InsightProperties properties;
	private final CurrentUser user;

	InsightController(ProcessInsights insights, ProcessOwners owners, InsightProperties properties, CurrentUser user) {
		this.insights = insights;
		this.owners = owners;
		this.properties = properties;
		this.user = user;
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

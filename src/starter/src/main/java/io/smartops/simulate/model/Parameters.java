package io.smartops.simulate.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a simulation samples from, fitted from history or given: the arrivals, each task,
 * each exclusive gateway's branch probabilities (flow id → probability), the people per group (and
 * of a group not listed, {@code defaultPeople}; null to fail on one), the hourly rates, the SLA the attainment is measured against, and the start variables (each instance
 * starts with one of these sets, drawn at random, so that decisions and expressions see real inputs).
 */
public record Parameters(Arrivals arrivals, Map<String, ActivityParameters> activities,
		Map<String, Map<String, Double>> branches, Map<String, Integer> people, Integer defaultPeople, Map<String, Double> hourlyRates,
		double defaultHourlyRate, Long slaMillis, List<Map<String, Object>> variables) {

	public double hourlyRate(String group) {
		return group == null ? defaultHourlyRate : hourlyRates.getOrDefault(group, defaultHourlyRate);
	}
}

package io.smartops.simulate.model;

/** A KPI's mean over the replications and its 95% confidence interval (Student's t; null with one replication). */
public record Estimate(Double mean, Double low, Double high) {
}

package io.smartops.simulate.model;

/** A labelled set of parameters to simulate: the baseline, or the baseline with what-if changes applied. */
public record Scenario(String label, Parameters parameters) {
}

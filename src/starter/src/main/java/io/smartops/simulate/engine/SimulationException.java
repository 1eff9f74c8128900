package io.smartops.simulate.engine;

/** A simulation cannot go on: the model and its parameters do not fit together. The message says why. */
public class SimulationException extends RuntimeException {

	public SimulationException(String message) {
		super(message);
	}

	public SimulationException(String message, Throwable cause) {
		super(message, cause);
	}
}

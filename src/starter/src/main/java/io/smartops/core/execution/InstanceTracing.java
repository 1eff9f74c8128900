package io.smartops.core.execution;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/**
 * One trace per process instance, across the engine's transactions and the workers' processes.
 * The engine keeps no trace context of its own, so the instance does: when it starts inside a span
 * (the HTTP request that posted a lead), that span's W3C {@code traceparent} becomes the instance's
 * variable {@value #VARIABLE}. The router's decision and each agent task worked by a worker are spans
 * of that trace, whatever thread or process works them; the worker passes its span on to the engine
 * in the {@code traceparent} header of the call that completes the task, and the agent's own calls
 * (an LLM, an MCP tool, an HTTP agent through Spring's observed clients) are its children.
 * <p>
 * Micrometer Tracing's API only: the host chooses the tracer (the server bridges to OpenTelemetry
 * and exports over OTLP when {@code management.otlp.tracing.endpoint} is set). Without a tracer
 * every method does nothing.
 */
public final class InstanceTracing {

	/** The process variable holding the trace the instance belongs to. */
	public static final String VARIABLE = "traceparent";

	private static final InstanceTracing NONE = new InstanceTracing(() -> null, () -> null);

	private final Supplier<Tracer> tracer;
	private final Supplier<Propagator> propagator;

	/** Tracing with the tracer and propagator the suppliers give (either may give null: no tracing). */
	public InstanceTracing(Supplier<Tracer> tracer, Supplier<Propagator> propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/** No tracing (a worker outside Spring, a test). */
	public static InstanceTracing none() {
		return NONE;
	}

	/** The process-start listener that stores the current span as the instance's trace. */
	public ExecutionListener rememberAtStart() {
		return this::remember;
	}

	void remember(DelegateExecution execution) {
		Tracer t = tracer.get();
		Propagator p = propagator.get();
		Span current = t == null ? null : t.currentSpan();
		if (current == null || p == null || execution.getVariable(VARIABLE) != null) {
			return;
		}
		Map<String, String> carrier = new HashMap<>();
		p.inject(current.context(), carrier, Map::put);
		String traceparent = carrier.get(VARIABLE);
		if (traceparent != null) {
			execution.setVariable(VARIABLE, traceparent);
		}
	}

	/**
	 * Starts a span in the trace {@code traceparent} names (an instance's variable), or in a new trace
	 * when it names none; {@link Span#NOOP} without a tracer. The caller ends it.
	 */
	public Span start(String name, Object traceparent) {
		Tracer t = tracer.get();
		Propagator p = propagator.get();
		if (t == null) {
			return Span.NOOP;
		}
		Span.Builder builder = traceparent instanceof String header && p != null
				? p.extract(Map.of(VARIABLE, header), Map::get) : t.spanBuilder();
		return builder.name(name).start();
	}

	/** Runs {@code work} in a span {@code name}, a child of the current span (or nothing without a tracer). */
	public void inChild(String name, Runnable work) {
		Tracer t = tracer.get();
		if (t == null) {
			work.run();
			return;
		}
		Span span = t.nextSpan().name(name).start();
		try (Tracer.SpanInScope scope = t.withSpan(span)) {
			work.run();
		}
		catch (RuntimeException e) {
			span.error(e);
			throw e;
		}
		finally {
			span.end();
		}
	}

	/** Makes {@code span} the current one until the returned scope closes. */
	public AutoCloseable inScope(Span span) {
		Tracer t = tracer.get();
		if (t == null || span == Span.NOOP) {
			return () -> {
			};
		}
		Tracer.SpanInScope scope = t.withSpan(span);
		return scope::close;
	}

	/** Writes the current span's context as headers (a worker's calls to the engine). */
	public void injectCurrent(BiConsumer<String, String> headers) {
		Tracer t = tracer.get();
		Propagator p = propagator.get();
		Span current = t == null ? null : t.currentSpan();
		if (current != null && p != null) {
			p.inject(current.context(), headers, BiConsumer::accept);
		}
	}
}

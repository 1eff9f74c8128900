package io.smartops.insight;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.smartops.agent.AgentCall;
import io.smartops.insight.HistoryDigest.ExecutionDigest;
import io.smartops.insight.HistoryDigest.InstanceDigest;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.core.execution.TaskExecution.ExecutorKind;
import io.smartops.core.execution.TaskExecution.Outcome;

/**
 * The compact form of a day's digests, one byte array per kind (instances, executions, calls):
 * a format version, a table of the strings the records use (activity ids, groups, enum names,
 * paths), then the records, numbers as variable-length integers and times as differences from the
 * record before (the records are kept in time order). About 25 bytes a task execution; a day of a
 * busy process is a few hundred kilobytes, read in one row.
 */
final class DigestCodec {

	private static final int VERSION = 1;

	private static final int ENDED = 1;
	private static final int WORKED = 2;
	private static final int COSTED = 4;
	private static final int REPEATED = 8;
	private static final int COMPLETED = 16;
	private static final int FIRST_PASS = 32;
	private static final int CONFIDENT = 64;

	private static final String PATH_SEPARATOR = ",";

	private DigestCodec() {
	}

	static byte[] instances(List<InstanceDigest> records) {
		List<InstanceDigest> sorted = new ArrayList<>(records);
		sorted.sort(Comparator.comparingLong(InstanceDigest::startMillis));
		Writer w = new Writer();
		for (InstanceDigest i : sorted) {
			w.string(String.join(PATH_SEPARATOR, i.path()));
			i.humanWorkingMillis().keySet().forEach(w::string);
		}
		w.start(sorted.size());
		long previous = 0;
		for (InstanceDigest i : sorted) {
			w.flags((i.endMillis() != null ? ENDED : 0) | (i.completed() ? COMPLETED : 0) | (i.firstPass() ? FIRST_PASS : 0));
			w.varlong(i.startMillis() - previous);
			previous = i.startMillis();
			if (i.endMillis() != null) {
				w.signed(i.endMillis() - i.startMillis());
			}
			w.ref(String.join(PATH_SEPARATOR, i.path()));
			w.dbl(i.agentCost());
			w.varlong(i.automationExecutions());
			w.varlong(i.humanWorkingMillis().size());
			i.humanWorkingMillis().forEach((group, millis) -> {
				w.ref(group);
				w.signed(millis);
			});
		}
		return w.bytes();
	}

	static void readInstances(byte[] bytes, List<InstanceDigest> into) {
		Reader r = new Reader(bytes);
		Map<String, List<String>> paths = new HashMap<>();
		int n = r.count();
		long start = 0;
		for (int k = 0; k < n; k++) {
			int flags = r.flags();
			start += r.varlong();
			Long end = (flags & ENDED) != 0 ? start + r.signed() : null;
			String path = r.ref();
			List<String> steps = paths.computeIfAbsent(path,
					p -> p.isEmpty() ? List.of() : List.of(p.split(PATH_SEPARATOR, -1)));
			double agentCost = r.dbl();
			int automation = (int) r.varlong();
			int groups = (int) r.varlong();
			Map<String, Long> human;
			if (groups == 0) {
				human = Map.of();
			}
			else if (groups == 1) {
				human = Collections.singletonMap(r.ref(), r.signed());
			}
			else {
				human = new HashMap<>(groups * 2);
				for (int g = 0; g < groups; g++) {
					human.put(r.ref(), r.signed());
				}
			}
			into.add(new InstanceDigest(start, end, (flags & COMPLETED) != 0, (flags & FIRST_PASS) != 0, steps, agentCost,
					automation, human));
		}
	}

	static byte[] executions(List<ExecutionDigest> records) {
		List<ExecutionDigest> sorted = new ArrayList<>(records);
		sorted.sort(Comparator.comparingLong(ExecutionDigest::startMillis));
		Writer w = new Writer();
		for (ExecutionDigest e : sorted) {
			w.string(e.activityId());
			w.string(e.activityName());
			w.string(e.kind().name());
			w.string(e.outcome().name());
			w.string(e.group());
			w.string(e.executorId());
		}
		w.start(sorted.size());
		long previous = 0;
		for (ExecutionDigest e : sorted) {
			w.flags((e.ended() ? ENDED : 0) | (e.worked() ? WORKED : 0) | (e.costed() ? COSTED : 0)
					| (e.repeated() ? REPEATED : 0));
			w.varlong(e.startMillis() - previous);
			previous = e.startMillis();
			w.ref(e.activityId());
			w.ref(e.activityName());
			w.ref(e.kind().name());
			w.ref(e.outcome().name());
			if (e.ended()) {
				w.signed(e.durationMillis());
			}
			if (e.worked()) {
				w.signed(e.workingMillis());
			}
			if (e.costed()) {
				w.dbl(e.cost());
			}
			w.varlong(e.failures());
			w.varlong(e.escalations());
			w.ref(e.group());
			w.ref(e.executorId());
			w.varlong(e.run());
		}
		return w.bytes();
	}

	/** Adds every execution. */
	static void readExecutions(byte[] bytes, List<ExecutionDigest> into) {
		readExecutions(bytes, (activity, name, kind, start, duration, working, cost, outcome, failures, escalations, group,
				executor, run, repeated) -> into.add(new ExecutionDigest(activity, name, kind, start, duration, working, cost,
						outcome, failures, escalations, group, executor, run, repeated)));
	}

	/** Hands every execution to the sink, field by field. */
	static void readExecutions(byte[] bytes, ExecutionSink sink) {
		Reader r = new Reader(bytes);
		Map<String, ExecutorKind> kinds = new HashMap<>();
		Map<String, Outcome> outcomes = new HashMap<>();
		int n = r.count();
		long start = 0;
		for (int k = 0; k < n; k++) {
			int flags = r.flags();
			start += r.varlong();
			String activity = r.ref();
			String name = r.ref();
			ExecutorKind kind = kinds.computeIfAbsent(r.ref(), ExecutorKind::valueOf);
			Outcome outcome = outcomes.computeIfAbsent(r.ref(), Outcome::valueOf);
			long duration = (flags & ENDED) != 0 ? r.signed() : ExecutionDigest.NONE;
			long working = (flags & WORKED) != 0 ? r.signed() : ExecutionDigest.NONE;
			double cost = (flags & COSTED) != 0 ? r.dbl() : Double.NaN;
			int failures = (int) r.varlong();
			int escalations = (int) r.varlong();
			String group = r.ref();
			String executor = r.ref();
			int run = (int) r.varlong();
			sink.accept(activity, name, kind, start, duration, working, cost, outcome, failures, escalations, group, executor,
					run, (flags & REPEATED) != 0);
		}
	}

	static byte[] calls(List<AgentCallRecord> records) {
		List<AgentCallRecord> sorted = new ArrayList<>(records);
		sorted.sort(Comparator.comparingLong(AgentCallRecord::startMillis));
		Writer w = new Writer();
		for (AgentCallRecord c : sorted) {
			w.string(c.activityId());
			w.string(c.agentId());
			w.string(c.outcome().name());
			w.string(c.feedback() == null ? null : c.feedback().name());
		}
		w.start(sorted.size());
		long previous = 0;
		for (AgentCallRecord c : sorted) {
			w.flags(c.confidence() != null ? CONFIDENT : 0);
			w.varlong(c.startMillis() - previous);
			previous = c.startMillis();
			w.ref(c.activityId());
			w.ref(c.agentId());
			w.ref(c.outcome().name());
			w.ref(c.feedback() == null ? null : c.feedback().name());
			if (c.confidence() != null) {
				w.dbl(c.confidence());
			}
		}
		return w.bytes();
	}

	/** Adds the calls that started in [from, to). */
	static void readCalls(byte[] bytes, long from, long to, List<AgentCallRecord> into) {
		Reader r = new Reader(bytes);
		int n = r.count();
		long start = 0;
		for (int k = 0; k < n; k++) {
			int flags = r.flags();
			start += r.varlong();
			String activity = r.ref();
			String agent = r.ref();
			AgentCall.Outcome outcome = AgentCall.Outcome.valueOf(r.ref());
			String feedback = r.ref();
			Double confidence = (flags & CONFIDENT) != 0 ? r.dbl() : null;
			if (start >= from && start < to) {
				into.add(new AgentCallRecord(activity, agent, outcome,
						feedback == null ? null : AgentCall.Feedback.valueOf(feedback), confidence, start));
			}
		}
	}

	/** Collects the strings first, then writes the table and the records that refer to it. */
	private static final class Writer {

		private final Map<String, Integer> strings = new HashMap<>();
		private final List<String> table = new ArrayList<>();
		private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

		void string(String s) {
			if (s != null && !strings.containsKey(s)) {
				strings.put(s, table.size() + 1);
				table.add(s);
			}
		}

		void start(int records) {
			varlong(VERSION);
			varlong(table.size());
			for (String s : table) {
				byte[] utf = s.getBytes(StandardCharsets.UTF_8);
				varlong(utf.length);
				out.writeBytes(utf);
			}
			varlong(records);
		}

		void ref(String s) {
			varlong(s == null ? 0 : strings.get(s));
		}

		void flags(int flags) {
			out.write(flags);
		}

		void varlong(long v) {
			if (v < 0) {
				throw new IllegalArgumentException("a digest holds no negative number: " + v);
			}
			while ((v & ~0x7FL) != 0) {
				out.write((int) ((v & 0x7F) | 0x80));
				v >>>= 7;
			}
			out.write((int) v);
		}

		/** A number that may be negative (a duration across clocks that disagree), zigzag-encoded. */
		void signed(long v) {
			varlong((v << 1) ^ (v >> 63));
		}

		void dbl(double d) {
			long bits = Double.doubleToRawLongBits(d);
			for (int k = 0; k < 8; k++) {
				out.write((int) (bits >>> (8 * k)));
			}
		}

		byte[] bytes() {
			return out.toByteArray();
		}
	}

	private static final class Reader {

		private final byte[] in;
		private int at;
		private final String[] table;

		Reader(byte[] in) {
			this.in = in;
			long version = varlong();
			if (version != VERSION) {
				throw new IllegalStateException("a digest of format " + version + "; this server reads " + VERSION);
			}
			table = new String[(int) varlong() + 1];
			for (int k = 1; k < table.length; k++) {
				int length = (int) varlong();
				table[k] = new String(in, at, length, StandardCharsets.UTF_8);
				at += length;
			}
		}

		int count() {
			return (int) varlong();
		}

		int flags() {
			return in[at++] & 0xFF;
		}

		String ref() {
			return table[(int) varlong()];
		}

		long varlong() {
			long v = 0;
			int shift = 0;
			while (true) {
				byte b = in[at++];
				v |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return v;
				}
				shift += 7;
			}
		}

		long signed() {
			long v = varlong();
			return (v >>> 1) ^ -(v & 1);
		}

		double dbl() {
			long bits = 0;
			for (int k = 0; k < 8; k++) {
				bits |= (long) (in[at++] & 0xFF) << (8 * k);
			}
			return Double.longBitsToDouble(bits);
		}

	}
}

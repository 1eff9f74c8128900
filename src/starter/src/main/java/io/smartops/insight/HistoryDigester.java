package io.smartops.insight;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.smartops.insight.HistoryDigest.ExecutionDigest;
import io.smartops.insight.HistoryDigest.InstanceDigest;
import io.smartops.insight.ProcessHistory.AgentCallRecord;
import io.smartops.insight.ProcessHistory.Instance;

/**
 * Writes the digest of every ended instance into its process version's day rows
 * ({@code smartops_insight_day}): the instance under the day it ended, each task execution and
 * agent call under the day it started, so that an insight reads a few rows a day instead of every
 * raw row. A day is kept in segments of a few thousand executions, so that a batch rewrites a small
 * row, not the whole of a busy day. Incremental: the engine queues an instance as it ends ({@link InstanceEndQueue}), and every
 * {@code smartops.insights.digest.interval} this job digests what has settled, in batches, logging
 * its progress when there is a backlog.
 * <p>
 * One batch is one transaction: the instances are taken off the queue in the order they ended (a
 * delete that finds its row is this node's claim; another node's delete of the same row waits and
 * then finds none),
 * their digests merged into the day rows, each locked in day order so that nodes never wait on
 * each other in a circle, and all of it commits or none: an instance is digested exactly once or
 * stays queued. A request reads the day rows and the instances not digested yet (running or
 * queued) in one snapshot, so the answer is the same as from the raw rows at any moment.
 * <p>
 * At start the job compares the setting with the one the database was digested under: when the
 * digest was off (or never on), it clears the day rows and queues every ended instance of the
 * history, which it then digests in the background.
 */
@Component
class HistoryDigester implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(HistoryDigester.class);

	private static final String STATE = "history-digest";

	/**
	 * A day's digests are kept in segments of at most this many task executions (a batch may make
	 * one larger): a batch rewrites the day's last segment, never the whole of a busy day.
	 */
	static final int SEGMENT_EXECUTIONS = 4096;

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;
	private final HistoryReader reader;
	private final InsightProperties.Digest settings;
	private volatile ScheduledExecutorService scheduler;
	private volatile boolean stopping;

	HistoryDigester(JdbcTemplate jdbc, PlatformTransactionManager transactions, HistoryReader reader,
			InsightProperties properties) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.reader = reader;
		this.settings = properties.digest();
	}

	/** The UTC day of an instant, the key of the day rows. */
	static LocalDate day(long epochMillis) {
		return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
	}

	@Override
	public void start() {
		reconcile();
		stopping = false;
		if (settings.enabled()) {
			scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
				Thread t = new Thread(r, "history-digest");
				t.setDaemon(true);
				return t;
			});
			scheduler.scheduleWithFixedDelay(this::digestQueued, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService s = scheduler;
		scheduler = null;
		stopping = true;
		if (s != null) {
			s.shutdown();
			try {
				s.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return scheduler != null;
	}

	/** Queues the whole history when the digest is on now and was not when the database was last digested. */
	void reconcile() {
		try {
			jdbc.update("insert into smartops_insight_state (name, state_value, updated_at) values (?, 'off', ?)", STATE,
					Timestamp.from(Instant.now()));
		}
		catch (DuplicateKeyException present) {
			// the state row exists: read and lock it below
		}
		String wanted = settings.enabled() ? "on" : "off";
		Integer queued = transaction.execute(status -> {
			String state = jdbc.queryForObject("select state_value from smartops_insight_state where name = ? for update",
					String.class, STATE);
			if (wanted.equals(state)) {
				return null;
			}
			int n = 0;
			if (settings.enabled()) {
				jdbc.update("delete from smartops_insight_day");
				jdbc.update("delete from smartops_insight_pending");
				n = jdbc.update("insert into smartops_insight_pending (process_instance_id, process_definition_key,"
						+ " ended_at, queued_at) select ID_, PROC_DEF_KEY_, END_TIME_, ? from ACT_HI_PROCINST"
						+ " where END_TIME_ is not null order by END_TIME_, ID_", Timestamp.from(Instant.EPOCH));
			}
			jdbc.update("update smartops_insight_state set state_value = ?, updated_at = ? where name = ?", wanted,
					Timestamp.from(Instant.now()), STATE);
			return n;
		});
		if (queued != null && settings.enabled()) {
			log.info("history digest: on; {} ended instances of the history queued to be digested", queued);
		}
	}

	/** Digests batch after batch while full ones come, logging the progress of a backlog. */
	void digestQueued() {
		try {
			long started = System.nanoTime();
			long instances = 0;
			long executions = 0;
			while (true) {
				long[] batch = digestBatch(Instant.now().minus(settings.settle()));
				instances += batch[0];
				executions += batch[1];
				if (batch[0] < settings.batchSize() || stopping) {
					break;
				}
				double seconds = (System.nanoTime() - started) / 1e9;
				log.info("history digest: {} instances and {} task executions digested in {} s ({} instances/s), {} queued",
						instances, executions, String.format(Locale.ROOT, "%.1f", seconds),
						String.format(Locale.ROOT, "%.0f", instances / seconds), queued());
			}
		}
		catch (RuntimeException e) {
			log.warn("history digest: a batch failed and stays queued for the next try: {}", e.toString());
		}
	}

	/** How many ended instances wait for their digest. */
	long queued() {
		return jdbc.queryForObject("select count(*) from smartops_insight_pending", Long.class);
	}

	/** A queued instance: its place in the queue and its id. */
	private record Queued(long entry, String id) {
	}

	/**
	 * One batch of the instances queued before the given time, in one transaction; returns the
	 * instances taken off the queue and the task executions digested.
	 */
	long[] digestBatch(Instant queuedBefore) {
		return transaction.execute(status -> {
			List<Queued> queued = jdbc.query("select id, process_instance_id from smartops_insight_pending"
					+ " where queued_at < ? order by id limit ?", (rs, i) -> new Queued(rs.getLong(1), rs.getString(2)),
					Timestamp.from(queuedBefore), settings.batchSize());
			if (queued.isEmpty()) {
				return new long[] { 0, 0 };
			}
			int[] deleted = jdbc.batchUpdate("delete from smartops_insight_pending where id = ?",
					queued.stream().map(q -> new Object[] { q.entry() }).toList());
			Set<String> claimed = new LinkedHashSet<>();
			for (int k = 0; k < queued.size(); k++) {
				if (deleted[k] != 0) {
					claimed.add(queued.get(k).id());
				}
			}
			long executions = 0;
			for (Map.Entry<HistoryReader.Version, List<Instance>> version : reader
				.endedByVersion(new ArrayList<>(claimed)).entrySet()) {
				HistoryDigest digest = HistoryDigest.of(reader.withTasks(version.getValue(), null, null));
				executions += digest.executions().size();
				merge(version.getKey().processKey(), version.getKey().definitionId(), digest);
			}
			return new long[] { queued.size(), executions };
		});
	}

	/** The parts of a digest that go under one day. */
	private record Day(List<InstanceDigest> instances, List<ExecutionDigest> executions, List<AgentCallRecord> calls) {

		Day() {
			this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		}
	}

	void merge(String processKey, String definitionId, HistoryDigest digest) {
		TreeMap<LocalDate, Day> days = new TreeMap<>();
		Function<Long, Day> at = millis -> days.computeIfAbsent(day(millis), d -> new Day());
		digest.instances().forEach(i -> at.apply(i.endMillis()).instances().add(i));
		digest.executions().forEach(e -> at.apply(e.startMillis()).executions().add(e));
		digest.calls().forEach(c -> at.apply(c.startMillis()).calls().add(c));
		days.forEach((day, parts) -> {
			List<Segment> last = jdbc.query("select segment, execution_count, instances, executions, calls"
					+ " from smartops_insight_day where process_definition_key = ? and process_definition_id = ?"
					+ " and bucket_day = ? order by segment desc limit 1 for update",
					(rs, i) -> new Segment(rs.getInt(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4), rs.getBytes(5)),
					processKey, definitionId, day);
			Segment open = last.isEmpty() || last.get(0).executions() + parts.executions().size() > SEGMENT_EXECUTIONS
					? null : last.get(0);
			if (open != null) {
				DigestCodec.readInstances(open.instances(), parts.instances());
				DigestCodec.readExecutions(open.executionBytes(), parts.executions());
				DigestCodec.readCalls(open.calls(), Long.MIN_VALUE, Long.MAX_VALUE, parts.calls());
			}
			Object[] values = { parts.instances().size(), parts.executions().size(), parts.calls().size(),
					DigestCodec.instances(parts.instances()), DigestCodec.executions(parts.executions()),
					DigestCodec.calls(parts.calls()), Timestamp.from(Instant.now()), processKey, definitionId, day,
					open != null ? open.segment() : last.isEmpty() ? 0 : last.get(0).segment() + 1 };
			if (open == null) {
				jdbc.update("insert into smartops_insight_day (instance_count, execution_count, call_count, instances,"
						+ " executions, calls, updated_at, process_definition_key, process_definition_id, bucket_day, segment)"
						+ " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
			}
			else {
				jdbc.update("update smartops_insight_day set instance_count = ?, execution_count = ?, call_count = ?,"
						+ " instances = ?, executions = ?, calls = ?, updated_at = ? where process_definition_key = ?"
						+ " and process_definition_id = ? and bucket_day = ? and segment = ?", values);
			}
		});
	}

	/** The last segment of a day as stored. */
	private record Segment(int segment, int executions, byte[] instances, byte[] executionBytes, byte[] calls) {
	}

	/** After the web server: the first digest runs once the application is up. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE;
	}
}

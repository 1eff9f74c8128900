package io.smartops.insight.mining;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import io.smartops.insight.mining.CaseStream.Case;
import io.smartops.insight.mining.CaseStream.Step;

/**
 * Writes an event log as CSV (RFC 4180, UTF-8, a header row), one row per task execution as Disco
 * and Celonis import it: the case id first, then the activity, start, end (ISO-8601, UTC; empty
 * while running), resource, executor kind and cost, and after those the activity id, the group,
 * how the execution ended, the case's business key and outcome.
 */
final class CsvWriter implements EventLogExport.Writer {

	static final String HEADER = "case_id,activity,start,end,resource,executor_kind,cost,activity_id,group,execution_outcome,"
			+ "business_key,case_outcome";

	private final Writer out;
	private final Pseudonyms pseudonyms;

	CsvWriter(OutputStream out, Pseudonyms pseudonyms) {
		this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
		this.pseudonyms = pseudonyms;
	}

	@Override
	public void begin(String processKey, String processName) throws IOException {
		out.write(HEADER);
		out.write("\r\n");
	}

	@Override
	public void write(Case c) throws IOException {
		String outcome = EventLogExport.outcome(c);
		String businessKey = pseudonyms.value(c.businessKey());
		for (Step s : c.steps()) {
			field(c.id(), false);
			field(s.activityName() == null ? s.activityId() : s.activityName(), true);
			field(Instant.ofEpochMilli(s.start()).toString(), true);
			field(s.end() == null ? null : Instant.ofEpochMilli(s.end()).toString(), true);
			field(pseudonyms.resource(s), true);
			field(s.kind().name(), true);
			field(s.cost() == null ? null : String.format(Locale.ROOT, "%.6f", s.cost()), true);
			field(s.activityId(), true);
			field(s.group(), true);
			field(s.outcome().name(), true);
			field(businessKey, true);
			field(outcome, true);
			out.write("\r\n");
		}
	}

	@Override
	public void end() throws IOException {
		out.flush();
	}

	private void field(String value, boolean separated) throws IOException {
		if (separated) {
			out.write(',');
		}
		if (value == null) {
			return;
		}
		if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
			out.write('"');
			out.write(value.replace("\"", "\"\""));
			out.write('"');
		}
		else {
			out.write(value);
		}
	}
}

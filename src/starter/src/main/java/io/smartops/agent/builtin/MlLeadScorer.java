package io.smartops.agent.builtin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import io.smartops.agent.AgentOutput;
import io.smartops.agent.AgentHandler;

/**
 * The machine-learning lead scorer: a logistic-regression classifier (Tribuo, SGD) trained at
 * start from the shipped history of won and lost leads ({@code data/lead-history.csv}: employees,
 * industry, source, region, outcome). A seeded 80/20 split holds out a fifth of the leads; the
 * classifier's AUC on them is its evaluation and its quality in the library. The score is the
 * predicted probability of winning; the confidence is how far that probability is from a coin toss.
 */
public final class MlLeadScorer implements AgentHandler {

	public static final String ID = "lead-scoring-ml";

	static final String HISTORY = "/io/smartops/data/lead-history.csv";

	private static final Label WON = new Label("won");

	private static final LabelFactory LABELS = new LabelFactory();

	private final Model<Label> model;

	private final double heldOutAuc;

	private final int trainingLeads;

	private final int heldOutLeads;

	public MlLeadScorer() {
		this(MlLeadScorer.class.getResourceAsStream(HISTORY), 42L);
	}

	MlLeadScorer(InputStream history, long seed) {
		List<Example<Label>> examples = read(history);
		Collections.shuffle(examples, new Random(seed));
		int cut = examples.size() * 4 / 5;
		List<Example<Label>> train = examples.subList(0, cut);
		List<Example<Label>> test = examples.subList(cut, examples.size());
		// logistic loss, AdaGrad, 50 epochs over the training leads, seeded: the same model every start
		this.model = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.5, 0.1), 50, 1_000, 1, seed)
			.train(dataset(train, "training"));
		LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, dataset(test, "held-out"));
		this.heldOutAuc = evaluation.AUCROC(WON);
		this.trainingLeads = train.size();
		this.heldOutLeads = test.size();
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of("employees", "industry", "source", "region");
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		long employees = in.get("employees") instanceof Number n ? n.longValue() : 0;
		Example<Label> lead = example(LABELS.getUnknownOutput(), employees, text(in.get("industry")),
				text(in.get("source")), text(in.get("region")));
		Prediction<Label> prediction = model.predict(lead);
		double won = prediction.getOutputScores().get(WON.getLabel()).getScore();
		double score = Math.round(won * 1000) / 1000.0;
		double confidence = Math.round(Math.abs(won - 0.5) * 2000) / 1000.0;
		return new AgentOutput(Map.of("leadScore", score), confidence);
	}

	@Override
	public Map<String, Object> evaluation() {
		return Map.of("heldOutAuc", Math.round(heldOutAuc * 1000) / 1000.0, "trainingLeads", trainingLeads, "heldOutLeads",
				heldOutLeads, "model", "logistic regression (Tribuo SGD, AdaGrad)");
	}

	public double heldOutAuc() {
		return heldOutAuc;
	}

	private static String text(Object value) {
		return value == null || value.toString().isBlank() ? "Unknown" : value.toString();
	}

	private static List<Example<Label>> read(InputStream in) {
		if (in == null) {
			throw new IllegalStateException("lead history " + HISTORY + " is not on the classpath");
		}
		List<Example<Label>> examples = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String header = r.readLine();
			if (!"employees,industry,source,region,outcome".equals(header)) {
				throw new IllegalStateException("lead history header is \"" + header
						+ "\", expected employees,industry,source,region,outcome");
			}
			String line;
			int row = 1;
			while ((line = r.readLine()) != null) {
				row++;
				String[] f = line.split(",");
				if (f.length != 5 || !(f[4].equals("won") || f[4].equals("lost"))) {
					throw new IllegalStateException("lead history row " + row + " is malformed: " + line);
				}
				examples.add(example(new Label(f[4]), Long.parseLong(f[0]), f[1], f[2], f[3]));
			}
		}
		catch (IOException e) {
			throw new IllegalStateException("lead history cannot be read", e);
		}
		return examples;
	}

	/** Features: log10 of the head count and one indicator per industry, source and region. */
	private static Example<Label> example(Label label, long employees, String industry, String source, String region) {
		return new ArrayExample<>(label,
				new String[] { "log10Employees", "industry=" + industry, "source=" + source, "region=" + region },
				new double[] { Math.log10(Math.max(1, employees)), 1, 1, 1 });
	}

	private static MutableDataset<Label> dataset(List<Example<Label>> examples, String name) {
		return new MutableDataset<>(new ListDataSource<>(examples, LABELS,
				new SimpleDataSourceProvenance(HISTORY + " (" + name + ")", LABELS)));
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s (AUC %.3f)", ID, heldOutAuc);
	}
}

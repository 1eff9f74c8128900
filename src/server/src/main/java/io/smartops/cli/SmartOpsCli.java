package io.smartops.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.smartops.plan.Comparison;
import io.smartops.plan.Optimizer;
import io.smartops.plan.Plan;
import io.smartops.plan.ScenarioGenerator;
import io.smartops.plan.SiloedPlanner;
import io.smartops.plan.model.AutoBackend;
import io.smartops.plan.model.BranchAndBoundBackend;
import io.smartops.plan.model.CpSatBackend;
import io.smartops.plan.model.DecompositionBackend;
import io.smartops.plan.model.MipBackend;
import io.smartops.plan.model.MpSolverBackend;
import io.smartops.plan.model.SolveOptions;
import io.smartops.plan.scenario.InvalidScenarioException;
import io.smartops.plan.scenario.Scenario;
import io.smartops.plan.scenario.ScenarioJson;

/**
 * The command line that starts no engine and no web server:
 * <pre>
 * plan [--siloed | --compare] [--backend auto|bnb|decomposition|scip|highs|cbc|cpsat] [--time-limit SECONDS] [--gap G] [--verbose] SCENARIO.json
 * generate --products N --warehouses N --stores N --periods N --options N --seed S [--family F] [--out FILE]
 * </pre>
 * Exit status: 0 plan found, 1 infeasible, 2 invalid input or usage, 3 no plan within the time limit.
 */
public final class SmartOpsCli {

	static final int INVALID = 2;

	private static final Set<String> COMMANDS = Set.of("plan", "generate");

	private static final String USAGE = """
			usage: smartops plan [--siloed | --compare] [--backend auto|bnb|decomposition|scip|highs|cbc|cpsat] [--time-limit SECONDS] [--gap G] [--verbose] SCENARIO.json
			       smartops generate --products N --warehouses N --stores N --periods N --options N --seed S [--family F] [--out FILE]
			         families: %s""".formatted(String.join(", ", ScenarioGenerator.Family.labels()));

	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

	private SmartOpsCli() {
	}

	public static boolean handles(String[] args) {
		return args.length > 0 && COMMANDS.contains(args[0]);
	}

	public static int run(String[] args, PrintStream out, PrintStream err) {
		try {
			return switch (args[0]) {
				case "plan" -> plan(options(args), out, err);
				case "generate" -> generate(options(args), out, err);
				default -> throw new UsageException("unknown command " + args[0]);
			};
		}
		catch (UsageException e) {
			err.println("smartops: " + e.getMessage());
			err.println(USAGE);
			return INVALID;
		}
		catch (InvalidScenarioException e) {
			err.println("invalid scenario: " + e.getMessage());
			return INVALID;
		}
	}

	private static int plan(Options o, PrintStream out, PrintStream err) {
		String file = o.singlePositional("SCENARIO.json");
		boolean siloed = o.flag("--siloed");
		boolean compare = o.flag("--compare");
		boolean verbose = o.flag("--verbose");
		if (siloed && compare) {
			throw new UsageException("--siloed and --compare exclude each other");
		}
		String backendName = o.value("--backend", "auto");
		double seconds = o.number("--time-limit", 60);
		double gap = o.number("--gap", SolveOptions.DEFAULT_GAP);
		o.rejectUnknown();
		Scenario scenario = ScenarioJson.parse(read(file));
		SolveOptions options = new SolveOptions(Duration.ofMillis((long) (seconds * 1000)), gap,
				line -> err.println(line));
		// solves that may run long show the solver's own progress lines (incumbent, bound, gap) on
		// standard error; standard output keeps only the JSON (NativeStdout)
		long optionChoices = scenario.demand().stream().mapToLong(d -> d.priceOptions().size()).sum();
		boolean solverLog = verbose || optionChoices >= 500;
		MipBackend backend = switch (backendName) {
			case "auto" -> AutoBackend.standard(solverLog);
			case "scip" -> new MpSolverBackend("SCIP", solverLog, "");
			case "highs" -> new MpSolverBackend("HIGHS", solverLog, "");
			case "cbc" -> new MpSolverBackend("CBC", solverLog, "");
			case "cpsat" -> new CpSatBackend();
			case "bnb" -> new BranchAndBoundBackend(solverLog);
			case "decomposition" -> new DecompositionBackend(solverLog);
			default -> throw new UsageException(
					"--backend: \"" + backendName + "\" is not auto, bnb, decomposition, scip, highs, cbc or cpsat");
		};
		Plan plan;
		Object printed;
		try (NativeStdout redirect = NativeStdout.toStderr()) {
			Optimizer optimizer = new Optimizer(backend, options);
			if (siloed) {
				plan = new SiloedPlanner(backend, options).plan(scenario);
				printed = plan;
			}
			else if (compare) {
				Comparison c = Comparison.of(scenario, optimizer, new SiloedPlanner(backend, options));
				plan = c.optimized();
				printed = c.summary();
			}
			else {
				plan = optimizer.optimize(scenario);
				printed = plan;
			}
		}
		print(out, printed);
		if (plan.status() == Plan.Status.NOT_SOLVED) {
			err.println("no plan found within the time limit of " + seconds + " s");
		}
		return plan.exitStatus();
	}

	private static int generate(Options o, PrintStream out, PrintStream err) {
		ScenarioGenerator.Size size = new ScenarioGenerator.Size(o.positiveInt("--products"),
				o.positiveInt("--warehouses"), o.positiveInt("--stores"), o.positiveInt("--periods"),
				o.positiveInt("--options"));
		long seed = (long) o.number("--seed", 1);
		ScenarioGenerator.Family family = family(o.value("--family", "standard"));
		String target = o.value("--out", null);
		o.rejectUnknown();
		if (!o.positional.isEmpty()) {
			throw new UsageException("unexpected argument " + o.positional.get(0));
		}
		String json = ScenarioJson.write(new ScenarioGenerator(seed, family).generate(size));
		if (target == null) {
			out.println(json);
		}
		else {
			try {
				Files.writeString(Path.of(target), json + "\n");
			}
			catch (IOException e) {
				throw new UsageException("--out: cannot write " + target + " (" + e.getMessage() + ")");
			}
			err.println("wrote " + target);
		}
		return 0;
	}

	private static ScenarioGenerator.Family family(String name) {
		try {
			return ScenarioGenerator.Family.parse(name);
		}
		catch (IllegalArgumentException unknown) {
			throw new UsageException("--family: " + unknown.getMessage());
		}
	}

	private static String read(String file) {
		try {
			return Files.readString(Path.of(file));
		}
		catch (NoSuchFileException e) {
			throw new UsageException("SCENARIO.json: no such file " + file);
		}
		catch (IOException e) {
			throw new UsageException("SCENARIO.json: cannot read " + file + " (" + e.getMessage() + ")");
		}
	}

	private static void print(PrintStream out, Object value) {
		try {
			out.println(JSON.writeValueAsString(value));
			out.flush();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	private static Options options(String[] args) {
		return new Options(args);
	}

	static final class UsageException extends RuntimeException {
		UsageException(String message) {
			super(message);
		}
	}

	/** Flags ({@code --x}), valued options ({@code --x v}) and positional arguments. */
	private static final class Options {

		private static final Set<String> FLAGS = Set.of("--siloed", "--compare", "--verbose");

		private final Map<String, String> values = new LinkedHashMap<>();
		private final List<String> positional = new java.util.ArrayList<>();

		Options(String[] args) {
			Deque<String> rest = new ArrayDeque<>(List.of(args).subList(1, args.length));
			while (!rest.isEmpty()) {
				String a = rest.pop();
				if (a.startsWith("--")) {
					if (FLAGS.contains(a)) {
						values.put(a, "true");
					}
					else if (rest.isEmpty()) {
						throw new UsageException(a + ": needs a value");
					}
					else {
						values.put(a, rest.pop());
					}
				}
				else {
					positional.add(a);
				}
			}
		}

		boolean flag(String name) {
			return values.remove(name) != null;
		}

		String value(String name, String fallback) {
			String v = values.remove(name);
			return v == null ? fallback : v;
		}

		double number(String name, double fallback) {
			String v = values.remove(name);
			if (v == null) {
				return fallback;
			}
			try {
				double d = Double.parseDouble(v);
				if (!Double.isFinite(d) || d < 0) {
					throw new NumberFormatException();
				}
				return d;
			}
			catch (NumberFormatException e) {
				throw new UsageException(name + ": \"" + v + "\" is not a non-negative number");
			}
		}

		int positiveInt(String name) {
			String v = values.remove(name);
			if (v == null) {
				throw new UsageException(name + " is required");
			}
			try {
				int i = Integer.parseInt(v);
				if (i < 1) {
					throw new NumberFormatException();
				}
				return i;
			}
			catch (NumberFormatException e) {
				throw new UsageException(name + ": \"" + v + "\" is not a whole number of at least 1");
			}
		}

		String singlePositional(String what) {
			if (positional.size() != 1) {
				throw new UsageException(positional.isEmpty() ? what + " is required" : "one " + what + " expected");
			}
			return positional.get(0);
		}

		void rejectUnknown() {
			if (!values.isEmpty()) {
				throw new UsageException("unknown option " + values.keySet().iterator().next());
			}
		}
	}
}

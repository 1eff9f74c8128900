package io.smartops.agent.builtin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.smartops.agent.AgentBusinessError;
import io.smartops.agent.AgentHandler;
import io.smartops.agent.AgentOutput;

/**
 * The demand-forecasting agent: additive Holt-Winters ({@link HoltWinters}, season 12) over the
 * shipped monthly sales history ({@code data/sales-history.csv}: store, product, month, units).
 * Inputs: {@code store}, {@code product} and {@code horizon} (months, default 3). Output:
 * {@code demandForecast}, a JSON array of units per month ahead. Its evaluation is the mean
 * backtest MAPE over every series, holding out the last six months.
 */
public final class DemandForecaster implements AgentHandler {

	public static final String ID = "demand-forecasting-holt-winters";

	static final int SEASON = 12;

	static final int BACKTEST_MONTHS = 6;

	private final HoltWinters model = new HoltWinters(SEASON);

	/** "store/product" → monthly units, in month order. */
	private final Map<String, double[]> history;

	private final double meanBacktestMape;

	public DemandForecaster() {
		this(DemandForecaster.class.getResourceAsStream("/io/smartops/data/sales-history.csv"));
	}

	DemandForecaster(InputStream csv) {
		this.history = read(csv);
		this.meanBacktestMape = history.values()
			.stream()
			.mapToDouble(y -> model.backtestMape(y, BACKTEST_MONTHS))
			.average()
			.orElse(Double.NaN);
	}

	@Override
	public String agentId() {
		return ID;
	}

	@Override
	public List<String> inputs() {
		return List.of("store", "product", "horizon");
	}

	@Override
	public AgentOutput handle(Map<String, Object> in) {
		String key = in.get("store") + "/" + in.get("product");
		double[] series = history.get(key);
		if (series == null) {
			throw new AgentBusinessError("NO_SALES_HISTORY", "no sales history for store/product " + key);
		}
		int horizon = in.get("horizon") instanceof Number n ? n.intValue() : 3;
		if (horizon < 1 || horizon > 24) {
			throw new IllegalArgumentException("horizon " + horizon + " is outside 1..24 months");
		}
		double[] forecast = forecast(series, horizon);
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; i < forecast.length; i++) {
			json.append(i == 0 ? "" : ",").append(Math.round(forecast[i] * 10) / 10.0);
		}
		return AgentOutput.of(Map.of("demandForecast", json.append(']').toString()));
	}

	/** Units per month ahead, never negative. */
	public double[] forecast(double[] series, int horizon) {
		double[] f = model.forecast(series, horizon);
		for (int i = 0; i < f.length; i++) {
			f[i] = Math.max(0, f[i]);
		}
		return f;
	}

	/** The shipped history of one store and product, or null. */
	public double[] history(String store, String product) {
		return history.get(store + "/" + product);
	}

	@Override
	public Map<String, Object> evaluation() {
		return Map.of("meanBacktestMapePercent", Math.round(meanBacktestMape * 100) / 100.0, "series", history.size(),
				"backtestMonths", BACKTEST_MONTHS, "model", "additive Holt-Winters, season " + SEASON);
	}

	public double meanBacktestMape() {
		return meanBacktestMape;
	}

	private static Map<String, double[]> read(InputStream in) {
		if (in == null) {
			throw new IllegalStateException("sales history data/sales-history.csv is not on the classpath");
		}
		Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			r.readLine();
			String line;
			while ((line = r.readLine()) != null) {
				String[] f = line.split(",");
				series.computeIfAbsent(f[0] + "/" + f[1], k -> new TreeMap<>())
					.put(Integer.parseInt(f[2]), Double.parseDouble(f[3]));
			}
		}
		catch (IOException | RuntimeException e) {
			throw new IllegalStateException("sales history data/sales-history.csv cannot be read: " + e.getMessage(), e);
		}
		Map<String, double[]> out = new LinkedHashMap<>();
		series.forEach((k, v) -> out.put(k, new ArrayList<>(v.values()).stream().mapToDouble(Double::doubleValue).toArray()));
		return out;
	}
}

// Smart Operations run page: one coordinator run's operating plan with charts (Apache ECharts):
// margin by period, the binding limits and what one more unit of each would earn, and the capacity
// the plan uses of each carrier and warehouse per period. Reads GET /smartops/api/coordinator/runs/{id},
// its /plan and its /scenario; the run's id is in the address (run.html#run=…). No build step.
'use strict';

async function json(path) {
  const r = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!r.ok) throw new Error(`${path}: HTTP ${r.status}`);
  return r.json();
}

/** Each period's share of the margin that the plan's decisions and the scenario's prices make exact. */
function marginByPeriod(plan, scenario) {
  const periods = scenario.periods;
  const margin = Array(periods + 1).fill(0);
  const offers = Object.fromEntries((scenario.supplyOffers || []).map(o => [o.id, o]));
  const lanes = Object.fromEntries((scenario.lanes || []).map(l => [`${l.warehouse}|${l.store}|${l.carrier}`, l]));
  const carriers = Object.fromEntries((scenario.carriers || []).map(c => [c.id, c]));
  const carbon = (scenario.policy && scenario.policy.carbonPrice) || 0;
  const committed = {};
  (scenario.demand || []).forEach(d => { if (d.committed) committed[`${d.store}|${d.product}|${d.period}`] = d.committed; });
  (plan.prices || []).forEach(p => {
    if (p.price != null) margin[p.period] += p.price * p.newUnits;
    const c = committed[`${p.store}|${p.product}|${p.period}`];
    if (c) margin[p.period] += c.price * p.committedUnits - c.penaltyPerUnit * Math.max(0, c.quantity - p.committedUnits);
  });
  (plan.purchases || []).forEach(b => {
    const o = offers[b.offer] || {};
    margin[b.period] -= b.quantity * ((o.unitCost || 0) + carbon * (o.co2PerUnit || 0));
  });
  const used = {};
  (plan.shipments || []).forEach(s => {
    const l = lanes[`${s.warehouse}|${s.store}|${s.carrier}`] || {};
    margin[s.period] -= s.quantity * ((l.costPerUnit || 0) + carbon * (l.co2PerUnit || 0));
    used[`${s.carrier}|${s.period}`] = true;
  });
  Object.keys(used).forEach(k => {
    const [carrier, period] = k.split('|');
    margin[Number(period)] -= (carriers[carrier] && carriers[carrier].fixedCostPerPeriod) || 0;
  });
  const byPeriod = margin.slice(1);
  const rest = plan.margin - byPeriod.reduce((a, b) => a + b, 0);
  return { byPeriod, rest };
}

/** Rows of a group (carrier-capacity[3PL-A,1]) as {subject: [used per period]} and their limits. */
function capacity(plan, group, periods) {
  const used = {};
  const limits = {};
  (plan.constraints || []).filter(c => c.group === group).forEach(c => {
    const m = /\[([^,\]]+),(\d+)\]/.exec(c.name);
    if (!m || c.limit == null) return;
    used[m[1]] = used[m[1]] || Array(periods).fill(0);
    limits[m[1]] = limits[m[1]] || Array(periods).fill(0);
    used[m[1]][Number(m[2]) - 1] = Math.round((c.limit - c.slack) * 100) / 100;
    limits[m[1]][Number(m[2]) - 1] = c.limit;
  });
  return { used, limits };
}

function capacityChart(element, plan, group, periods) {
  const { used, limits } = capacity(plan, group, periods);
  const names = Object.keys(used).sort();
  const labels = Array.from({ length: periods }, (_, i) => `period ${i + 1}`);
  echarts.init(element).setOption({
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll' },
    grid: { left: 50, right: 10, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: 'units' },
    series: names.flatMap(n => [
      { name: `${n} used`, type: 'bar', data: used[n] },
      { name: `${n} limit`, type: 'line', step: 'middle', data: limits[n], symbol: 'none', lineStyle: { type: 'dashed' } }
    ])
  });
  if (!names.length) element.textContent = 'The plan reports no such limit.';
}

function words(name) {
  const m = /^([a-z0-9-]+)\[([^,\]]+),(\d+)\]$/.exec(name);
  if (!m) return name.replace(/-/g, ' ');
  const what = m[1] === 'carrier-capacity' ? `carrier ${m[2]}` : m[1] === 'warehouse-capacity' ? `warehouse ${m[2]}` : m[2];
  return `${what}, period ${m[3]}`;
}

async function load() {
  const id = new URLSearchParams(location.hash.slice(1)).get('run');
  if (!id) { message('Open this page from a plan approval in Tasklist, or add #run=<run id> to its address.'); return; }
  try {
    const [view, plan, scenario] = await Promise.all([json(`/smartops/api/coordinator/runs/${encodeURIComponent(id)}`),
      json(`/smartops/api/coordinator/runs/${encodeURIComponent(id)}/plan`),
      json(`/smartops/api/coordinator/runs/${encodeURIComponent(id)}/scenario`)]);
    const run = view.run || {};
    $('title').textContent = `The plan of the run started ${new Date(run.startedAt || Date.now()).toLocaleString('en')}`;
    $('cards').innerHTML = [['Operating margin', num(plan.margin)], ['Status', esc(run.status || '').toLowerCase().replace(/_/g, ' ')],
      ['Periods', scenario.periods], ['Binding limits', (plan.constraints || []).filter(c => c.binding).length]]
      .map(([k, v]) => `<div class="card">${k}<b>${v}</b></div>`).join('');
    const { byPeriod, rest } = marginByPeriod(plan, scenario);
    const labels = byPeriod.map((_, i) => `period ${i + 1}`).concat(['whole horizon']);
    echarts.init($('margin')).setOption({
      tooltip: { trigger: 'axis', valueFormatter: v => num(v) },
      grid: { left: 70, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: byPeriod.concat([rest]).map(v => Math.round(v * 100) / 100),
        itemStyle: { color: p => p.value < 0 ? '#c62828' : '#2e7d32' } }]
    });
    const binding = (plan.constraints || []).filter(c => c.binding).sort((a, b) => Math.abs(b.dual) - Math.abs(a.dual)).slice(0, 15);
    echarts.init($('binding')).setOption({
      tooltip: { trigger: 'axis', valueFormatter: v => num(v) },
      grid: { left: 170, right: 20, top: 10, bottom: 30 },
      xAxis: { type: 'value', name: 'earns per unit' },
      yAxis: { type: 'category', data: binding.map(c => words(c.name)).reverse() },
      series: [{ type: 'bar', data: binding.map(c => Math.round(Math.abs(c.dual) * 1000) / 1000).reverse(), itemStyle: { color: '#5470c6' } }]
    });
    capacityChart($('carriers'), plan, 'carrier-capacity', scenario.periods);
    capacityChart($('warehouses'), plan, 'warehouse-capacity', scenario.periods);
  } catch (e) {
    message(`The run cannot be shown: ${e.message}. Log in to Tasklist or Cockpit first; planners and operators may see runs.`);
  }
}

load();

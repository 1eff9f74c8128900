// Smart Operations dashboard: reads Smart Ops' API with the Camunda web apps' session (or HTTP
// basic) and draws it with Apache ECharts. No build step; the server serves this file as it is.
'use strict';

const API = '/smartops/api';
const KIND_COLOURS = { AUTOMATION: '#2f7d32', AGENT: '#6a3fb5', HUMAN: '#c2571a' };
const charts = {};
const state = { key: null };


async function api(path, options = {}) {
  const response = await fetch(API + path, {
    credentials: 'same-origin',
    ...options,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-SmartOps-Request': 'dashboard', ...(options.headers || {}) }
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = new Error((body && body.error) || response.statusText);
    error.status = response.status;
    throw error;
  }
  return body;
}

function chart(id) {
  if (!charts[id]) {
    charts[id] = echarts.init($(id));
  }
  return charts[id];
}

function windowQuery() {
  const q = [];
  if ($('from').value) q.push('from=' + $('from').value);
  if ($('to').value) q.push('to=' + $('to').value);
  return q.length ? '?' + q.join('&') : '';
}

async function overview() {
  const processes = await api('/insights/processes' + windowQuery());
  const select = $('process');
  select.innerHTML = processes.map(p => `<option value="${esc(p.processKey)}">${esc(p.name || p.processKey)}</option>`).join('');
  table('processes', ['process', 'owner', 'started', 'completed', 'running', 'cycle time p50', 'p90', 'per day', 'cost / instance', 'first-pass yield'],
    processes.map(p => `<tr class="pick" data-key="${esc(p.processKey)}"><td>${esc(p.name || p.processKey)}</td><td>${esc(p.owner)}</td>`
      + `<td class="n">${p.started}</td><td class="n">${p.completed}</td><td class="n">${p.runningAtEnd}</td>`
      + `<td class="n">${dur(p.kpis.CYCLE_TIME_P50)}</td><td class="n">${dur(p.kpis.CYCLE_TIME_P90)}</td>`
      + `<td class="n">${num(p.kpis.THROUGHPUT_PER_DAY, 1)}</td><td class="n">${num(p.kpis.COST_PER_INSTANCE)}</td>`
      + `<td class="n">${pct(p.kpis.FIRST_PASS_YIELD)}</td></tr>`));
  document.querySelectorAll('#processes tr.pick').forEach(row => row.onclick = () => show(row.dataset.key));
  const busiest = processes.slice().sort((a, b) => b.completed - a.completed)[0];
  return state.key || (busiest && busiest.processKey);
}

async function show(key) {
  state.key = key;
  $('process').value = key;
  const q = windowQuery();
  const insight = await api(`/insights/processes/${encodeURIComponent(key)}${q}`);
  $('title').textContent = `${key} · owner ${insight.owner} (${insight.pod})`;
  drawHeadline(insight);
  drawKpis(insight);
  drawHistogram(insight);
  drawTrend(insight);
  drawActivities(insight);
  drawCost(insight);
  const [segments, plan] = await Promise.all([api(`/insights/processes/${encodeURIComponent(key)}/segmentation${q}`),
    api(`/insights/processes/${encodeURIComponent(key)}/improvements${q}`)]);
  drawSegmentation(segments);
  drawPlan(plan, key);
}

function drawHeadline(insight) {
  const e = insight.endToEnd;
  const cards = [['started', e.started], ['completed', e.completed], ['in progress at the end', e.runningAtEnd],
    ['per day', num(e.throughputPerDay, 1)], ['work in progress', num(e.workInProgress, 1)],
    ['cycle time p50', dur(e.cycleTime.p50)], ['p90', dur(e.cycleTime.p90)], ['p95', dur(e.cycleTime.p95)],
    ['variation (CV)', num(e.cycleTime.cv)], ['cost / instance', num(e.costPerInstance)],
    ['first-pass yield', pct(e.firstPassYield)], ['SLA attainment', e.slaMillis ? pct(e.slaAttainment) + ' of ' + dur(e.slaMillis) : 'no SLA set']];
  $('headline').innerHTML = cards.map(([label, value]) => `<div class="card"><span class="muted">${esc(label)}</span><b>${esc(value)}</b></div>`).join('');
}

function kpiValue(kpi, v) {
  if (v == null) return '–';
  if (kpi.startsWith('CYCLE_TIME')) return dur(v);
  if (kpi === 'FIRST_PASS_YIELD' || kpi === 'SLA_ATTAINMENT') return pct(v);
  return num(v);
}

function drawKpis(insight) {
  table('kpis', ['KPI', 'now', 'baseline', 'target', 'entitlement (best week)', 'gap to target', 'gap to entitlement'],
    insight.kpis.map(k => `<tr><td>${esc(k.kpi)}</td><td class="n">${kpiValue(k.kpi, k.current)}</td><td class="n">${kpiValue(k.kpi, k.baseline)}</td>`
      + `<td class="n">${kpiValue(k.kpi, k.target)}</td><td class="n">${kpiValue(k.kpi, k.entitlement)} <span class="muted">${esc(k.entitlementWeek || '')}</span></td>`
      + `<td class="n">${kpiValue(k.kpi, k.gapToTarget)}</td><td class="n">${kpiValue(k.kpi, k.gapToEntitlement)}</td></tr>`));
  const cycle = insight.kpis.filter(k => k.kpi.startsWith('CYCLE_TIME'));
  const series = [['now', 'current'], ['baseline', 'baseline'], ['target', 'target'], ['entitlement', 'entitlement']]
    .map(([name, field]) => ({ name, type: 'bar', data: cycle.map(k => hours(k[field])) }));
  chart('kpiChart').setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 20, bottom: 30 },
    xAxis: { type: 'category', data: cycle.map(k => k.kpi.replace('CYCLE_TIME_', 'cycle time ')) },
    yAxis: { type: 'value', name: 'hours' }, series
  }, true);
}

function drawHistogram(insight) {
  const buckets = insight.cycleTimeHistogram;
  chart('histogram').setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: buckets.map(b => dur(b.fromMillis) + '–' + dur(b.toMillis)), axisLabel: { rotate: 40 } },
    yAxis: { type: 'value', name: 'instances' },
    series: [{ type: 'bar', data: buckets.map(b => b.instances), itemStyle: { color: '#3e6ea8' } }]
  }, true);
}

function drawTrend(insight) {
  const weeks = insight.trend;
  chart('trend').setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 50, bottom: 30 },
    xAxis: { type: 'category', data: weeks.map(w => w.week) },
    yAxis: [{ type: 'value', name: 'hours' }, { type: 'value', name: 'completed' }],
    series: [{ name: 'completed', type: 'bar', yAxisIndex: 1, data: weeks.map(w => w.completed), itemStyle: { color: '#c9d6e6' } },
      { name: 'p50', type: 'line', data: weeks.map(w => hours(w.cycleTimeP50)) },
      { name: 'p90', type: 'line', data: weeks.map(w => hours(w.cycleTimeP90)) }]
  }, true);
}

function drawActivities(insight) {
  const acts = insight.activities.slice().sort((a, b) => (a.duration.p50 || 0) - (b.duration.p50 || 0));
  const names = acts.map(a => a.name || a.activityId);
  chart('activities').setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: {}, grid: { left: 190, right: 30, bottom: 30 },
    xAxis: { type: 'log', name: 'hours', min: 0.0001 },
    yAxis: { type: 'category', data: names },
    series: [
      { name: 'waiting p50', type: 'bar', stack: 't', data: acts.map(a => Math.max(hours(a.waiting.p50) || 0, 0.0001)), itemStyle: { color: '#d3d8de' } },
      { name: 'working p50', type: 'bar', stack: 't', data: acts.map(a => ({ value: Math.max(hours(a.working.p50) || 0, 0.0001), itemStyle: { color: KIND_COLOURS[a.executorKind] } })) },
      { name: 'p95', type: 'scatter', symbol: 'diamond', symbolSize: 10, data: acts.map(a => Math.max(hours(a.duration.p95) || 0, 0.0001)), itemStyle: { color: '#14213d' } }
    ]
  }, true);
  table('activityTable', ['task', 'executor', 'executions', 'p50', 'p95', 'CV', 'waiting p50', 'working p50', 'rework', 'errors', 'cost / execution', 'agent calls', 'edited', 'SLA breaches'],
    insight.activities.map(a => `<tr><td>${esc(a.name || a.activityId)}</td><td class="${esc(a.executorKind)}">${esc(a.executorKind)}</td>`
      + `<td class="n">${a.executions}</td><td class="n">${dur(a.duration.p50)}</td><td class="n">${dur(a.duration.p95)}</td><td class="n">${num(a.duration.cv)}</td>`
      + `<td class="n">${dur(a.waiting.p50)}</td><td class="n">${dur(a.working.p50)}</td><td class="n">${pct(a.reworkRate)}</td><td class="n">${pct(a.errorRate)}</td>`
      + `<td class="n">${num(a.costPerExecution, 3)}</td><td class="n">${a.quality.agentCalls}</td><td class="n">${a.quality.edited}</td><td class="n">${a.quality.slaBreaches}</td></tr>`));
}

function drawCost(insight) {
  chart('cost').setOption({
    tooltip: { trigger: 'item', formatter: p => `${esc(p.name)}: ${num(p.value)} (${p.percent}%)` },
    series: [{ type: 'pie', radius: ['35%', '70%'], data: insight.activities.filter(a => a.totalCost > 0)
      .map(a => ({ name: a.name || a.activityId, value: Math.round(a.totalCost * 100) / 100, itemStyle: { color: undefined } })) }]
  }, true);
}

function drawSegmentation(segments) {
  table('segmentation', ['task', 'now', 'recommendation', 'why', 'per day', 'working p50', 'variation', 'rework', 'errors', 'edited', 'unsure', 'agents that could take it'],
    segments.map(s => `<tr><td>${esc(s.name || s.activityId)}</td><td class="${esc(s.executorKind)}">${esc(s.executorKind)}</td>`
      + `<td class="${esc(s.recommendation)}"><b>${esc(s.recommendation)}</b></td><td>${esc(s.reason)}</td>`
      + `<td class="n">${num(s.evidence.dailyVolume, 1)}</td><td class="n">${dur(s.evidence.workingP50)}</td><td class="n">${num(s.evidence.workingCv)}</td>`
      + `<td class="n">${pct(s.evidence.reworkRate)}</td><td class="n">${pct(s.evidence.errorRate)}</td><td class="n">${pct(s.evidence.editRate)}</td>`
      + `<td class="n">${pct(s.evidence.lowConfidenceRate)}</td><td>${s.candidateAgents.map(a => esc(a.name) + ' <span class="muted">(' + esc(a.status) + ', q ' + num(a.quality) + ')</span>').join('<br>')}</td></tr>`));
}

function drawPlan(plan, key) {
  const items = plan.candidates;
  chart('roi').setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: {}, grid: { left: 260, right: 30, bottom: 30 },
    xAxis: { type: 'value' }, yAxis: { type: 'category', data: items.map(i => i.title).reverse() },
    series: [{ name: 'annual benefit', type: 'bar', data: items.map(i => Math.round(i.annualBenefit)).reverse(), itemStyle: { color: '#2f7d32' } },
      { name: 'one-time cost', type: 'bar', data: items.map(i => Math.round(i.oneTimeCost)).reverse(), itemStyle: { color: '#c2571a' } }]
  }, true);
  const interval = (k, f) => k == null ? '–' : f(k.mean) + (k.low == null ? '' : ` <small>(${f(k.low)}–${f(k.high)})</small>`);
  const simulated = i => !i.simulated ? '<small>not simulated yet</small>'
    : i.simulated.notSimulated ? `<small>${esc(i.simulated.notSimulated)}</small>`
      : `cycle time p50 ${interval(i.simulated.before.cycleTimeP50, dur)} → ${interval(i.simulated.after.cycleTimeP50, dur)}<br>`
        + `p90 ${interval(i.simulated.before.cycleTimeP90, dur)} → ${interval(i.simulated.after.cycleTimeP90, dur)}<br>`
        + `cost / instance ${interval(i.simulated.before.costPerInstance, num)} → ${interval(i.simulated.after.costPerInstance, num)}`;
  table('improvements', ['', 'improvement', 'annual benefit', 'one-time cost', 'payback (months)', 'ROI', 'simulated before → after (95% interval)', 'evidence'],
    items.map(i => `<tr><td><button type="button" data-id="${esc(i.id)}">Accept</button></td><td>${esc(i.title)}</td>`
      + `<td class="n">${num(i.annualBenefit, 0)}</td><td class="n">${num(i.oneTimeCost, 0)}</td><td class="n">${num(i.paybackMonths, 1)}</td>`
      + `<td class="n">${num(i.roi, 1)}</td><td class="sim">${simulated(i)}</td><td>${i.evidence.map(esc).join('<br>')}</td></tr>`));
  $('findings').innerHTML = (plan.findings || []).length
    ? plan.findings.map(f => `<li>${esc(f.text)}${f.example ? ` (<a href="${esc(f.example)}" target="_blank">an example in Cockpit</a>)` : ''}</li>`).join('')
    : '<li class="muted">No task deviates from the model in 5% of the instances or more.</li>';
  $('miningLink').href = 'mining.html#process=' + encodeURIComponent(key);
  $('simulatePlan').onclick = async () => {
    try {
      const started = await api(`/insights/processes/${encodeURIComponent(key)}/improvements/simulation${windowQuery()}`, { method: 'POST' });
      message('Simulating the plan…');
      let v = started;
      while (v.status === 'QUEUED' || v.status === 'RUNNING') {
        await new Promise(r => setTimeout(r, 1000));
        v = await api('/simulations/' + started.id);
        message(`Simulating the plan: ${v.progress.percent.toFixed(0)}% (${v.progress.instances} of ${v.progress.total} instances)`);
      }
      message(v.status === 'SUCCEEDED' ? 'The plan is simulated.' : 'The simulation failed: ' + v.error);
      await show(key);
    } catch (e) {
      message(e.message);
    }
  };
  document.querySelectorAll('#improvements button').forEach(b => b.onclick = async () => {
    try {
      await api(`/insights/processes/${encodeURIComponent(key)}/improvements/${encodeURIComponent(b.dataset.id)}/acceptance${windowQuery()}`, { method: 'POST' });
      message('Accepted: ' + b.dataset.id);
      await show(key);
    } catch (e) {
      message(e.message);
    }
  });
  table('accepted', ['accepted', 'by', 'version', 'cycle time p50 before', 'after', 'cost / instance before', 'after'],
    plan.accepted.map(a => `<tr><td>${esc(a.title)}</td><td>${esc(a.acceptedBy)}</td><td class="n">${a.acceptedVersion} → ${a.afterVersion ?? '…'}</td>`
      + `<td class="n">${dur(a.before.CYCLE_TIME_P50)}</td><td class="n">${a.after ? dur(a.after.CYCLE_TIME_P50) : '–'}</td>`
      + `<td class="n">${num(a.before.COST_PER_INSTANCE)}</td><td class="n">${a.after ? num(a.after.COST_PER_INSTANCE) : '–'}</td></tr>`));
}

async function agents() {
  try {
    const list = await api('/agents');
    const cards = await Promise.all(list.map(a => api(`/agents/${encodeURIComponent(a.id)}/scorecard`).catch(() => null)));
    const scored = cards.filter(c => c && c.calls > 0);
    chart('agentChart').setOption({
      tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 180, right: 30, bottom: 30 },
      xAxis: { type: 'value', max: 1 }, yAxis: { type: 'category', data: scored.map(c => c.agentId) },
      series: [{ name: 'success rate', type: 'bar', data: scored.map(c => c.successRate) },
        { name: 'acceptance rate', type: 'bar', data: scored.map(c => c.acceptanceRate) },
        { name: 'quality', type: 'bar', data: scored.map(c => c.quality) }]
    }, true);
    table('agents', ['agent', 'capability', 'status', 'calls', 'p50', 'p95', 'cost', 'accepted', 'edited'],
      cards.filter(c => c).map(c => `<tr><td>${esc(c.agentId)}</td><td>${esc(c.capability)}</td><td>${esc(c.status)}</td><td class="n">${c.calls}</td>`
        + `<td class="n">${dur(c.latencyP50Millis)}</td><td class="n">${dur(c.latencyP95Millis)}</td><td class="n">${num(c.totalCost)}</td>`
        + `<td class="n">${c.accepted}</td><td class="n">${c.edited}</td></tr>`));
  } catch (e) {
    $('agents').innerHTML = `<tr><td class="muted">${esc(e.message)}</td></tr>`;
  }
}

async function runs() {
  try {
    const list = await api('/coordinator/runs');
    chart('runChart').setOption({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } }, legend: {}, grid: { left: 60, right: 30, bottom: 30 },
      xAxis: { type: 'category', data: list.map(r => r.run.id.slice(0, 8)) }, yAxis: { type: 'value', name: 's' },
      series: ['gatherMillis', 'optimizeMillis', 'approveMillis', 'dispatchMillis'].map(stage => ({
        name: stage.replace('Millis', ''), type: 'bar', stack: 's', data: list.map(r => r.stages[stage] == null ? 0 : r.stages[stage] / 1000) }))
    }, true);
    table('runs', ['run', 'status', 'margin', 'plan', 'started'], list.map(r => `<tr><td><a href="run.html#run=${encodeURIComponent(r.run.id)}">${esc(r.run.id)}</a></td><td>${esc(r.run.status)}</td>`
      + `<td class="n">${num(r.run.margin, 0)}</td><td>${esc(r.run.planStatus)}</td><td>${esc(r.run.startedAt)}</td></tr>`));
    const replans = await api('/replans');
    table('replans', ['requested', 'status', 'triggers', 'margin before', 'stable plan', 'unconstrained', 'choice', 'people changes (stable / unconstrained)', 'solve ms'],
      replans.map(p => `<tr><td>${esc(p.requestedAt)}</td><td>${esc(p.status)}</td><td>${esc(p.triggers)}</td><td class="n">${num(p.oldMargin, 0)}</td>`
        + `<td class="n">${num(p.stableMargin, 0)}</td><td class="n">${num(p.unconstrainedMargin, 0)}</td><td>${esc(p.choice)}</td>`
        + `<td class="n">${p.peopleChangesStable ?? '–'} / ${p.peopleChangesUnconstrained ?? '–'}</td><td class="n">${p.stableSolveMillis ?? '–'}</td></tr>`));
  } catch (e) {
    $('runs').innerHTML = `<tr><td class="muted">${esc(e.message)}</td></tr>`;
  }
}

async function load() {
  message('');
  try {
    const key = await overview();
    if (key) {
      await show(key);
    }
    await Promise.all([agents(), runs()]);
    document.body.dataset.loaded = 'true';
  } catch (e) {
    message(e.status === 401 ? 'Log in to Camunda first (Cockpit or Tasklist), then reload this page.' : e.message);
    document.body.dataset.loaded = 'error';
  }
}

$('refresh').onclick = load;
$('process').onchange = () => show($('process').value).catch(e => message(e.message));
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
load();

// Smart Operations what-if page: starts a simulation over Smart Ops' API, follows its progress and
// draws the baseline against the what-if with Apache ECharts. No build step.
'use strict';

const API = '/smartops/api';
const BASE = '#5470c6';
const WHAT_IF = '#c2571a';

async function api(path, options = {}) {
  const response = await fetch(API + path, {
    credentials: 'same-origin', ...options,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'X-SmartOps-Request': 'dashboard' }
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fields = body && body.fields ? Object.entries(body.fields).map(([f, p]) => `${f}: ${p}`).join('; ') : '';
    throw new Error(((body && body.error) || response.statusText) + (fields ? ' — ' + fields : ''));
  }
  return body;
}

function showFields() {
  const type = $('type').value;
  document.querySelectorAll('[data-for]').forEach(l => l.hidden = !l.dataset.for.split(' ').includes(type));
}

async function tasks() {
  const insight = await api('/insights/processes/' + encodeURIComponent($('process').value));
  $('activity').innerHTML = insight.activities.map(a => `<option value="${esc(a.activityId)}">${esc(a.name)} (${esc(a.executorKind)})</option>`).join('');
}

function change() {
  const type = $('type').value;
  switch (type) {
    case 'AGENT_TAKES_TASK': return { type, activityId: $('activity').value, agentId: $('agent').value };
    case 'AUTOMATE_TASK': return { type, activityId: $('activity').value };
    case 'PEOPLE': return { type, group: $('group').value, delta: Number($('delta').value) };
    case 'ARRIVALS': return { type, factor: Number($('factor').value) };
    default: return { type, slaMillis: Math.round(Number($('sla').value) * 3.6e6) };
  }
}

async function run(event) {
  event.preventDefault();
  message('');
  try {
    const started = await api('/simulations', { method: 'POST', body: JSON.stringify({
      processKey: $('process').value, instances: Number($('instances').value),
      replications: Number($('replications').value), seed: 1, changes: [change()] }) });
    $('progress').hidden = false;
    let v = started;
    while (v.status === 'QUEUED' || v.status === 'RUNNING') {
      $('progress').value = v.progress.percent;
      message(`Simulating: ${v.progress.instances} of ${v.progress.total} instances`);
      await new Promise(r => setTimeout(r, 700));
      v = await api('/simulations/' + started.id);
    }
    $('progress').hidden = true;
    if (v.status !== 'SUCCEEDED') {
      message('The simulation failed: ' + v.error);
      return;
    }
    message('');
    draw(v.result);
    document.body.dataset.simulated = v.id;
  } catch (e) {
    $('progress').hidden = true;
    message(e.message);
  }
}

function cell(e, f) {
  if (!e || e.mean == null) return '–';
  return f(e.mean) + (e.low == null ? '' : ` <small>(${f(e.low)} – ${f(e.high)})</small>`);
}

function draw(result) {
  const [base, whatIf] = result.scenarios.map(s => s.result);
  const rows = [
    ['cycle time p50', r => r.cycleTime.p50, dur], ['cycle time p90', r => r.cycleTime.p90, dur],
    ['cycle time p95', r => r.cycleTime.p95, dur], ['throughput a day', r => r.throughputPerDay, v => num(v, 1)],
    ['work in progress', r => r.workInProgress, v => num(v, 1)], ['cost per instance', r => r.costPerInstance, num],
    ['SLA attainment', r => r.slaAttainment, pct], ['wrong agent outputs per instance', r => r.wrongOutputsPerInstance, v => num(v, 3)]];
  $('kpis').innerHTML = '<tr><th>KPI</th><th>baseline</th><th>what if</th></tr>'
    + rows.map(([name, get, f]) => `<tr><td>${name}</td><td class="n">${cell(get(base), f)}</td><td class="n">${cell(get(whatIf), f)}</td></tr>`).join('');
  $('assumptions').textContent = `Fitted on ${result.fit.instances} instances from ${result.fit.from} to ${result.fit.to}. `
    + result.fit.assumptions.join('. ');
  const labels = base.cycleTimeHistogram.map(b => b.toMillis > 1e15 ? '≥ ' + dur(b.fromMillis) : dur(b.fromMillis));
  echarts.init($('distribution')).setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 50, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 45 } }, yAxis: { type: 'value', name: 'instances' },
    series: [{ name: 'baseline', type: 'bar', data: base.cycleTimeHistogram.map(b => b.instances), itemStyle: { color: BASE } },
      { name: 'what if', type: 'bar', data: whatIf.cycleTimeHistogram.map(b => b.instances), itemStyle: { color: WHAT_IF } }]
  }, true);
  const groups = [...new Set([...Object.keys(base.utilisation), ...Object.keys(whatIf.utilisation)])];
  const util = (r, g) => r.utilisation[g] ? Math.round(1000 * r.utilisation[g].mean) / 10 : 0;
  echarts.init($('utilisation')).setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 160, right: 20 },
    xAxis: { type: 'value', max: 100, name: '%' }, yAxis: { type: 'category', data: groups },
    series: [{ name: 'baseline', type: 'bar', data: groups.map(g => util(base, g)), itemStyle: { color: BASE } },
      { name: 'what if', type: 'bar', data: groups.map(g => util(whatIf, g)), itemStyle: { color: WHAT_IF } }]
  }, true);
  const waits = [...new Set([...Object.keys(base.waiting), ...Object.keys(whatIf.waiting)])];
  const wait = (r, a) => r.waiting[a] && r.waiting[a].mean != null ? Math.round(r.waiting[a].mean / 36e3) / 100 : 0;
  echarts.init($('waiting')).setOption({
    tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 180, right: 20 },
    xAxis: { type: 'value', name: 'hours' }, yAxis: { type: 'category', data: waits },
    series: [{ name: 'baseline', type: 'bar', data: waits.map(a => wait(base, a)), itemStyle: { color: BASE } },
      { name: 'what if', type: 'bar', data: waits.map(a => wait(whatIf, a)), itemStyle: { color: WHAT_IF } }]
  }, true);
}

async function start() {
  try {
    const processes = await api('/insights/processes');
    $('process').innerHTML = processes.map(p => `<option value="${esc(p.processKey)}">${esc(p.name || p.processKey)}</option>`).join('');
    const busiest = processes.slice().sort((a, b) => b.completed - a.completed)[0];
    if (busiest) $('process').value = busiest.processKey;
    const agents = await api('/agents');
    $('agent').innerHTML = agents.filter(a => a.status !== 'RETIRED')
      .map(a => `<option value="${esc(a.id)}">${esc(a.name)} (${esc(a.capability)})</option>`).join('');
    await tasks();
    document.body.dataset.loaded = 'true';
  } catch (e) {
    document.body.dataset.loaded = 'false';
    message(e.message);
  }
  $('process').onchange = tasks;
  $('type').onchange = showFields;
  $('whatif').onsubmit = run;
  showFields();
}

start();

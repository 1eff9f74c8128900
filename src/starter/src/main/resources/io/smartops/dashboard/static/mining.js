// Smart Operations process mining page: conformance of the ended instances to their BPMN (fitness
// over time, deviations per task with examples in Cockpit), the variant explorer (share, cycle
// time, cost and outcome of each sequence of tasks, filtered by window, version, outcome and
// executor kind) and the event-log downloads. Reads /smartops/api/insights/processes/{key}/conformance,
// /variants and the process list; draws with Apache ECharts. No build step.
'use strict';

const API = '/smartops/api/insights/processes';
const charts = {};

async function json(path) {
  const r = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (!r.ok) {
    const error = new Error((body && body.error ? body.error + (body.fields ? ': ' + Object.values(body.fields).join('; ') : '') : `HTTP ${r.status}`));
    error.status = r.status;
    throw error;
  }
  return body;
}

function chart(id) {
  charts[id] = charts[id] || echarts.init($(id));
  return charts[id];
}

function query(extra = {}) {
  const q = new URLSearchParams();
  if ($('from').value) q.set('from', $('from').value);
  if ($('to').value) q.set('to', $('to').value);
  if ($('version').value) q.set('version', $('version').value);
  Object.entries(extra).forEach(([k, v]) => { if (v) q.set(k, v); });
  const s = q.toString();
  return s ? '?' + s : '';
}

const cockpit = (id, text) => `<a href="${esc('/camunda/app/cockpit/default/#/process-instance/' + id)}" target="_blank">${esc(text || id.slice(0, 8))}</a>`;

function drawConformance(c) {
  const cards = [
    ['fitness', c.fitness == null ? '–' : num(c.fitness, 3)],
    ['ended instances', num(c.instances, 0)],
    ['ran as modelled', c.instances ? pct(c.fitting / c.instances) : '–'],
    ['changed by hand', num(c.changedByHand, 0)],
    ['not aligned', num(c.unaligned, 0)]
  ];
  $('conformance').innerHTML = cards.map(([k, v]) => `<div class="card">${esc(k)}<b>${esc(v)}</b></div>`).join('');
  $('algorithm').textContent = 'Each instance replayed on the BPMN of its own version: ' + c.algorithm + '.';
  chart('fitnessChart').setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, bottom: 30 },
    xAxis: { type: 'category', data: c.overTime.map(d => d.day) },
    yAxis: { type: 'value', min: v => Math.max(0, Math.floor(v.min * 10) / 10), max: 1 },
    series: [{ name: 'fitness', type: 'line', data: c.overTime.map(d => Number(d.fitness.toFixed(4))), itemStyle: { color: '#14213d' } }]
  }, true);
  const buckets = Object.keys(c.distribution);
  chart('distributionChart').setOption({
    tooltip: { trigger: 'axis' }, grid: { left: 50, right: 20, bottom: 30 },
    xAxis: { type: 'category', data: buckets }, yAxis: { type: 'value' },
    series: [{ name: 'instances', type: 'bar', data: buckets.map(b => c.distribution[b]), itemStyle: { color: '#6a3fb5' } }]
  }, true);
  table('deviations', ['task', 'skipped', 'inserted', 'out of order', 'instances', 'share', 'changed by hand', 'examples'],
    c.deviations.map(d => `<tr><td>${esc(d.name)}</td><td class="n">${num(d.skipped, 0)}</td><td class="n">${num(d.inserted, 0)}</td>`
      + `<td class="n">${num(d.outOfOrder, 0)}</td><td class="n">${num(d.instances, 0)}</td><td class="n">${pct(d.share)}</td>`
      + `<td class="n">${num(d.changedByHand, 0)}</td><td>${d.examples.map(e => cockpit(e.instanceId) + ' ' + esc(e.deviation)).join('<br>')}</td></tr>`));
  if (!c.deviations.length) $('deviations').innerHTML += '<tr><td colspan="8" class="muted">Every instance ran as modelled.</td></tr>';
  table('least', ['instance', 'fitness', 'deviations', 'changed by hand', 'what happened'],
    c.leastFitting.map(i => `<tr><td>${cockpit(i.instanceId)}</td><td class="n">${num(i.fitness, 3)}</td><td class="n">${i.deviations}</td>`
      + `<td>${i.changedByHand ? 'yes' : ''}</td><td>${i.details.map(esc).join('; ')}</td></tr>`));
}

function drawVariants(v) {
  $('variantSummary').textContent = `${num(v.instances, 0)} instances in ${num(v.variants, 0)} variants; the ${v.top.length} most frequent:`;
  const label = (x, i) => `#${i + 1} (${x.activities.length} tasks)`;
  chart('variantChart').setOption({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: p => {
      const x = v.top[p[0].dataIndex];
      return `${esc(x.activities.join(' → '))}<br>${num(x.instances, 0)} instances, ${pct(x.share)}, cycle time p50 ${dur(x.cycleTimeP50Millis)}`;
    } },
    legend: {}, grid: { left: 110, right: 60, bottom: 30 },
    xAxis: [{ type: 'value', name: 'share' }, { type: 'value', name: 'cycle time p50 (h)' }],
    yAxis: { type: 'category', data: v.top.map(label).reverse() },
    series: [
      { name: 'share of instances', type: 'bar', data: v.top.map(x => Number((100 * x.share).toFixed(2))).reverse(), itemStyle: { color: '#2f7d32' } },
      { name: 'cycle time p50 (h)', type: 'bar', xAxisIndex: 1, data: v.top.map(x => hours(x.cycleTimeP50Millis)).reverse(), itemStyle: { color: '#c2571a' } }
    ]
  }, true);
  table('variants', ['#', 'tasks in order', 'instances', 'share', 'cycle time p50', 'mean', 'cost / instance', 'outcomes', 'executors', 'instances in Cockpit'],
    v.top.map((x, i) => `<tr><td>${i + 1}</td><td>${x.activities.map(esc).join(' → ')}</td><td class="n">${num(x.instances, 0)}</td>`
      + `<td class="n">${pct(x.share)}</td><td class="n">${dur(x.cycleTimeP50Millis)}</td><td class="n">${dur(x.cycleTimeMeanMillis)}</td>`
      + `<td class="n">${num(x.meanCost, 4)}</td><td>${Object.entries(x.outcomes).map(([k, n]) => esc(k) + ' ' + num(n, 0)).join('<br>')}</td>`
      + `<td>${Object.entries(x.executorKinds).map(([k, n]) => `<span class="${esc(k)}">${esc(k.toLowerCase())}</span> ${num(n, 0)}`).join('<br>')}</td>`
      + `<td>${x.examples.map(e => cockpit(e.instanceId)).join(' ')}</td></tr>`));
  const outcome = $('outcome');
  const chosen = outcome.value;
  outcome.innerHTML = '<option value="">any</option>' + v.outcomes.map(o => `<option>${esc(o)}</option>`).join('');
  outcome.value = chosen;
}

function links(key) {
  for (const format of ['xes', 'ocel', 'csv']) {
    $(format).href = `${API}/${encodeURIComponent(key)}/event-log${query({ format })}`;
  }
}

async function show() {
  message('');
  const key = $('process').value;
  links(key);
  document.body.dataset.loaded = '';
  try {
    const [c, v] = await Promise.all([
      json(`${API}/${encodeURIComponent(key)}/conformance${query()}`),
      json(`${API}/${encodeURIComponent(key)}/variants${query({ outcome: $('outcome').value, executorKind: $('executorKind').value })}`)
    ]);
    drawConformance(c);
    drawVariants(v);
    document.body.dataset.loaded = 'true';
  } catch (e) {
    message(e.status === 401 ? 'Log in to Camunda first (Cockpit or Tasklist), then reload this page.' : e.message);
    document.body.dataset.loaded = 'error';
  }
}

async function versions(key) {
  const r = await fetch(`/camunda/api/engine/engine/default/process-definition?key=${encodeURIComponent(key)}&sortBy=version&sortOrder=desc`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  const defs = r.ok ? await r.json() : [];
  $('version').innerHTML = '<option value="">all</option>' + defs.map(d => `<option>${d.version}</option>`).join('');
}

async function start() {
  try {
    const processes = await json(API);
    $('process').innerHTML = processes.map(p => `<option value="${esc(p.processKey)}">${esc(p.name || p.processKey)}</option>`).join('');
    const wanted = new URLSearchParams(location.hash.slice(1)).get('process');
    const busiest = processes.slice().sort((a, b) => (b.completed || 0) - (a.completed || 0))[0];
    if (wanted) $('process').value = wanted;
    else if (busiest) $('process').value = busiest.processKey;
    await versions($('process').value);
    await show();
  } catch (e) {
    message(e.status === 401 ? 'Log in to Camunda first (Cockpit or Tasklist), then reload this page.' : e.message);
    document.body.dataset.loaded = 'error';
  }
}

$('filters').onsubmit = e => { e.preventDefault(); show(); };
$('process').onchange = async () => { $('outcome').value = ''; await versions($('process').value); show(); };
window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
start();

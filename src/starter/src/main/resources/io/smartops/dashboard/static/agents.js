// Smart Operations agents page: per capability the incumbent, the candidates, their stages, the
// evidence since each candidate entered its stage and the gate's decision on it, with a chart of
// each side's figures (Apache ECharts). Reads GET /smartops/api/agent-lifecycle. No build step.
'use strict';

const CANDIDATE = '#c2571a';
const INCUMBENT = '#5470c6';

function agentRow(a) {
  const interval = a.qualityLow == null ? '' : ` (${num(a.qualityLow, 3)}–${num(a.qualityHigh, 3)})`;
  return `<tr><td>${esc(a.name)}<br><span class="muted">${esc(a.id)}</span></td><td>${esc(a.status)}${a.canaryShare != null ? ' ' + pct(a.canaryShare) : ''}</td>
    <td>${num(a.quality, 3)}${interval}</td><td>${num(a.qualityEvidence, 0)}</td><td>${num(a.registeredQuality, 2)}</td>
    <td>${num(a.costPerCall, 5)}</td><td>${num(a.expectedLatencyMillis, 0)} ms</td></tr>`;
}

function figures(arm) {
  if (!arm) return '–';
  return [`calls ${arm.calls}`, `instances ${arm.instances} (${arm.endedInstances} ended)`,
    `right ${pct(arm.correctRate)} of ${arm.judged}`, `accepted ${pct(arm.acceptanceRate)} of ${arm.verdicts}`,
    `failed ${pct(arm.failureRate)}`, `unsure ${pct(arm.lowConfidenceRate)}`, `rework ${pct(arm.reworkRate)}`,
    `latency p50 ${arm.latencyP50Millis ?? '–'} ms`, `cost ${num(arm.meanCost, 5)}`,
    arm.cycleTimeMedianMillis == null ? null : `cycle time p50 ${dur(arm.cycleTimeMedianMillis)}`]
    .filter(Boolean).map(esc).join('<br>');
}

function chart(element, e) {
  const metrics = [['Quality', 'quality'], ['Right (truth)', 'correctRate'], ['Accepted', 'acceptanceRate'],
    ['Failed', 'failureRate'], ['Unsure', 'lowConfidenceRate']];
  const value = (arm, key) => arm && arm[key] != null ? Math.round(arm[key] * 1000) / 10 : null;
  echarts.init(element).setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '–' : v + '%' },
    legend: { data: ['Candidate', 'Incumbent'] },
    grid: { left: 40, right: 10, top: 30, bottom: 30 },
    xAxis: { type: 'category', data: metrics.map(m => m[0]) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      { name: 'Candidate', type: 'bar', color: CANDIDATE, data: metrics.map(m => value(e.candidate, m[1])) },
      { name: 'Incumbent', type: 'bar', color: INCUMBENT, data: metrics.map(m => value(e.incumbent, m[1])) }
    ]
  });
}

function evidenceBlock(e, i, c) {
  const tests = (e.tests || []).map(t => `<li>${esc(t.name)}: p = ${Number(t.pValue).toFixed(4)}${t.significant ? ' <b>significant</b>' : ''}</li>`).join('');
  return `<div class="evidence"><h4>${esc(e.agentId)}: ${esc(e.stage)} → ${esc(e.promotesTo)}
      <span class="decision decision-${esc(e.decision)}">${esc(e.decision)}</span></h4>
    <p>${(e.reasons || []).map(esc).join('<br>')}</p>
    ${e.compared != null ? `<p class="muted">shadow runs ${e.shadowRunsDispatched} given, ${e.compared} compared, agreement ${pct(e.agreementRate)}</p>` : ''}
    <table><tr><th>Candidate</th><th>Incumbent</th></tr><tr><td>${figures(e.candidate)}</td><td>${figures(e.incumbent)}</td></tr></table>
    ${tests ? `<ul class="muted">${tests}</ul>` : ''}
    <div id="chart-${c}-${i}" class="chart"></div></div>`;
}

async function load() {
  const response = await fetch('/smartops/api/agent-lifecycle', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    message(response.status === 401 || response.status === 403 ? 'Log in to Camunda (Cockpit or Tasklist) as a designer, operator, planner or agent administrator.' : 'Could not load the agents: ' + response.status);
    return;
  }
  const capabilities = await response.json();
  if (capabilities.length === 0) {
    $('capabilities').innerHTML = '<p class="muted">Every capability has only active agents: no candidate is in a stage.</p>';
    return;
  }
  $('capabilities').innerHTML = capabilities.map((cap, c) => `<section><h2>${esc(cap.capability)}</h2>
    <p class="muted">Approved by ${esc((cap.approvers || []).join(', '))}</p>
    <table><tr><th>Agent</th><th>Stage</th><th>Quality (95%)</th><th>Evidence</th><th>Registered</th><th>Cost</th><th>Latency</th></tr>
      ${[...cap.incumbents, ...cap.candidates, ...cap.retiring].map(agentRow).join('')}</table>
    ${cap.evidence.map((e, i) => evidenceBlock(e, i, c)).join('')}</section>`).join('');
  capabilities.forEach((cap, c) => cap.evidence.forEach((e, i) => chart($(`chart-${c}-${i}`), e)));
}

const STEPS = [['pickup', 'pick-up', '#d3d8de'], ['work', 'work', '#5470c6'], ['complete', 'complete', '#91cc75']];

/** Pick-up, work and completion per agent (GET /smartops/api/agents/step-latency), a stacked bar each. */
async function loadSteps() {
  const response = await fetch('/smartops/api/agents/step-latency', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const rows = await response.json();
  const agents = [...new Set(rows.map(r => r.agentId))];
  const at = (agent, step) => rows.find(r => r.agentId === agent && r.step === step);
  const ms = v => v == null || Number.isNaN(v) ? null : Math.round(v * 10) / 10;
  if (!agents.length) {
    $('steps').hidden = true;
    table('stepTable', ['No agent task has been worked on this node since it started.'], []);
    return;
  }
  echarts.init($('steps')).setOption({
    tooltip: { trigger: 'axis', valueFormatter: v => v == null ? '–' : v + ' ms' },
    legend: { data: STEPS.map(s => s[1]) },
    grid: { left: 160, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', name: 'ms (p50)' },
    yAxis: { type: 'category', data: agents },
    series: [...STEPS.map(([step, name, color]) => ({ name, type: 'bar', stack: 'p50', color,
      data: agents.map(a => ms(at(a, step)?.p50Millis)) })),
    { name: 'p95', type: 'scatter', symbol: 'diamond', color: '#c2571a',
      data: agents.map(a => STEPS.reduce((sum, [step]) => sum + (ms(at(a, step)?.p95Millis) || 0), 0)) }]
  });
  table('stepTable', ['agent', 'step', 'tasks', 'p50', 'p95', 'mean'], rows.map(r =>
    `<tr><td>${esc(r.agentId)}</td><td>${esc(r.step)}</td><td class="n">${r.count}</td><td class="n">${num(ms(r.p50Millis), 1)} ms</td>`
    + `<td class="n">${num(ms(r.p95Millis), 1)} ms</td><td class="n">${num(ms(r.meanMillis), 1)} ms</td></tr>`));
}

const TOKENS = [['inputTokens', 'input', '#5470c6'], ['cachedTokens', 'cached input', '#91cc75'],
  ['outputTokens', 'output', '#c2571a']];

/** The declared LLM agents' scorecards (GET /smartops/api/agents, then each one's scorecard): tokens by type, a stacked bar each. */
async function loadLlm() {
  const response = await fetch('/smartops/api/agents', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) return;
  const llm = (await response.json()).filter(a => a.kind === 'LLM' && a.llm);
  const cards = await Promise.all(llm.map(a => fetch(`/smartops/api/agents/${encodeURIComponent(a.id)}/scorecard`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(r => r.ok ? r.json() : null)));
  const rows = llm.map((a, i) => ({ agent: a, card: cards[i] })).filter(r => r.card && r.card.llm);
  if (!rows.length) {
    $('llmTokens').hidden = true;
    table('llmTable', ['No LLM agent is declared.'], []);
    return;
  }
  echarts.init($('llmTokens')).setOption({
    tooltip: { trigger: 'axis' },
    legend: { data: TOKENS.map(t => t[1]) },
    grid: { left: 200, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value', name: 'tokens' },
    yAxis: { type: 'category', data: rows.map(r => r.agent.id) },
    series: TOKENS.map(([key, name, color]) => ({ name, type: 'bar', stack: 'tokens', color,
      data: rows.map(r => r.card.llm[key]) }))
  });
  const breaches = g => Object.entries(g || {}).map(([k, v]) => `${k} ${v}`).join(', ') || '–';
  const judged = l => l.judged ? `${num(l.judgedQuality, 2)} of ${l.judged}${l.judgeCounted ? '' : ' (not counted)'}` : '–';
  const human = l => l.humanVerified ? `${num(l.humanQuality, 2)} of ${l.humanVerified}` : '–';
  const kappa = l => l.agreement ? `κ ${l.agreement.kappa == null ? '–' : num(l.agreement.kappa, 2)} over ${l.agreement.count}` : '';
  table('llmTable', ['agent', 'stage', 'model', 'calls', 'cost', 'structured output', 'redacted', 'guardrails',
    'judged quality', 'people', 'agreement'], rows.map(({ agent, card }) => {
    const l = card.llm;
    return `<tr><td>${esc(agent.name)}<br><span class="muted">${esc(agent.id)}</span></td><td>${esc(agent.status)}${agent.available ? '' : ' (unavailable)'}</td>`
      + `<td>${esc(agent.llm.connection)}: ${esc(agent.llm.model)}</td><td class="n">${card.calls}</td><td class="n">${num(card.totalCost, 5)}</td>`
      + `<td>${esc(breaches(l.structuredOutput))}</td><td class="n">${l.redactions}</td><td>${esc(breaches(l.guardrails))}</td>`
      + `<td>${esc(judged(l))}</td><td>${esc(human(l))}</td><td>${esc(kappa(l))}</td></tr>`;
  }));
}

load().catch(e => message(e.message));
loadLlm().catch(e => message(e.message));
loadSteps().catch(e => message(e.message));

// Smart Operations in Cockpit: each task of the process definition's diagram shows its median and
// 95th-percentile duration over the last 90 days and who executes it (automation, agent, person),
// read from Smart Ops' API with the Cockpit user's session; a link opens the dashboard. A switch
// lays a heatmap over the diagram: per task and per sequence flow, how often it ran (frequency) or
// how long it took (a task's mean duration, a flow's mean wait), from the conformance replay of
// this version's ended instances, with a legend.
const COLOURS = { AUTOMATION: '#2f7d32', AGENT: '#6a3fb5', HUMAN: '#c2571a' };

function duration(ms) {
  if (ms == null) return '–';
  if (ms < 60e3) return (ms / 1e3).toFixed(1) + 's';
  if (ms < 3.6e6) return (ms / 60e3).toFixed(1) + 'm';
  if (ms < 864e5) return (ms / 3.6e6).toFixed(1) + 'h';
  return (ms / 864e5).toFixed(1) + 'd';
}

function escape(text) {
  return String(text ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function heatColour(t) {
  return `hsl(${Math.round(55 - 55 * t)}, 95%, ${Math.round(62 - 17 * t)}%)`;
}

function heatValue(heat, mode) {
  return heat == null ? null : mode === 'frequency' ? heat.frequency : heat.meanMillis;
}

function heatLabel(value, mode) {
  return value == null ? '–' : mode === 'frequency' ? String(value) : duration(value);
}

/** The heatmap: overlays on tasks, coloured strokes on flows, a legend; cleared when switched off. */
function heatmap(viewer, container, report) {
  const overlays = viewer.get('overlays');
  const registry = viewer.get('elementRegistry');
  const strokes = [];
  const legend = document.createElement('div');
  legend.className = 'smartops-heat-legend';
  legend.style.cssText = 'position:absolute;bottom:40px;right:12px;z-index:10;background:#fff;border:1px solid #ccc;padding:4px 8px;font:11px sans-serif;border-radius:3px';
  container.appendChild(legend);
  const clear = () => {
    overlays.remove({ type: 'smartops-heat' });
    strokes.forEach(([path, stroke, width]) => { path.style.stroke = stroke; path.style.strokeWidth = width; });
    strokes.length = 0;
    legend.hidden = true;
  };
  return mode => {
    clear();
    if (mode === 'off') return;
    const activities = Object.entries(report.heatmap.activities).filter(([id]) => registry.get(id));
    const flows = Object.entries(report.heatmap.flows).filter(([id]) => registry.get(id));
    const values = [...activities, ...flows].map(([, h]) => heatValue(h, mode)).filter(v => v != null);
    const max = Math.max(1, ...values);
    for (const [id, heat] of activities) {
      const value = heatValue(heat, mode);
      if (value == null) continue;
      const element = registry.get(id);
      overlays.add(id, 'smartops-heat', {
        position: { top: -4, left: -4 },
        html: `<div class="smartops-heat" data-activity="${escape(id)}" data-value="${value}" title="${escape(heatLabel(value, mode))}"`
          + ` style="width:${element.width + 8}px;height:${element.height + 8}px;background:${heatColour(value / max)};opacity:.5;border-radius:12px;pointer-events:none"></div>`
      });
      overlays.add(id, 'smartops-heat', {
        position: { top: -18, right: 0 },
        html: `<div class="smartops-heat-label" style="font:bold 11px sans-serif;color:#222;background:#fff;padding:0 3px;border-radius:2px">${escape(heatLabel(value, mode))}</div>`
      });
    }
    for (const [id, heat] of flows) {
      const value = heatValue(heat, mode);
      if (value == null) continue;
      const path = registry.getGraphics(id).querySelector('.djs-visual path');
      if (path) {
        strokes.push([path, path.style.stroke, path.style.strokeWidth]);
        path.style.stroke = heatColour(value / max);
        path.style.strokeWidth = String(2 + 6 * value / max);
      }
      overlays.add(id, 'smartops-heat', {
        position: { top: 0, left: 0 },
        html: `<div class="smartops-heat-flow" data-flow="${escape(id)}" data-value="${value}" style="font:10px sans-serif;color:#222;background:rgba(255,255,255,.85);padding:0 2px">${escape(heatLabel(value, mode))}</div>`
      });
    }
    legend.hidden = false;
    legend.innerHTML = `<b>${mode === 'frequency' ? 'How often' : 'How long (task: mean duration; flow: mean wait)'}</b>`
      + `<div style="width:180px;height:10px;margin:3px 0;background:linear-gradient(to right, ${heatColour(0)}, ${heatColour(0.5)}, ${heatColour(1)})"></div>`
      + `<span>0</span><span style="float:right">${escape(heatLabel(max, mode))}</span>`
      + `<div style="clear:both;color:#555">${report.instances} ended instances, fitness ${report.fitness == null ? '–' : report.fitness.toFixed(3)}</div>`;
  };
}

function heatmapSwitch(viewer, container, key, version) {
  const box = document.createElement('div');
  box.className = 'smartops-heatmap-switch';
  box.style.cssText = 'position:absolute;bottom:8px;right:12px;z-index:10;background:#14213d;color:#fff;padding:3px 8px;border-radius:3px;font:12px sans-serif';
  box.innerHTML = 'Smart Ops heatmap: '
    + ['off', 'frequency', 'duration'].map(m => `<label style="margin-left:6px"><input type="radio" name="smartops-heat" value="${m}"${m === 'off' ? ' checked' : ''}> ${m}</label>`).join('');
  container.appendChild(box);
  let draw = null;
  box.addEventListener('change', async event => {
    const mode = event.target.value;
    try {
      if (!draw) {
        const response = await fetch(`/smartops/api/insights/processes/${encodeURIComponent(key)}/conformance?version=${encodeURIComponent(version)}`, {
          credentials: 'same-origin', headers: { Accept: 'application/json' }
        });
        if (!response.ok) throw new Error('HTTP ' + response.status);
        draw = heatmap(viewer, container, await response.json());
      }
      draw(mode);
      box.dataset.mode = mode;
    } catch (error) {
      console.warn('Smart Ops heatmap unavailable:', error);
    }
  });
}

export default {
  id: 'smartops-insights.diagram',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 5,
  render: (viewer, { processDefinitionId }) => {
    const [key, version] = processDefinitionId.split(':');
    fetch(`/smartops/api/insights/processes/${encodeURIComponent(key)}?version=${encodeURIComponent(version)}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    })
      .then(response => response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)))
      .then(insight => {
        const overlays = viewer.get('overlays');
        const registry = viewer.get('elementRegistry');
        for (const a of insight.activities) {
          if (!registry.get(a.activityId)) continue;
          overlays.add(a.activityId, 'smartops-insights', {
            position: { bottom: 14, left: -4 },
            html: `<div class="smartops-overlay" data-activity="${escape(a.activityId)}" title="${escape(a.executions)} executions; waiting p50 ${duration(a.waiting.p50)}, working p50 ${duration(a.working.p50)}"`
              + ` style="background:${COLOURS[a.executorKind] || '#555'};color:#fff;font:11px sans-serif;padding:1px 4px;border-radius:3px;white-space:nowrap">`
              + `${escape(a.executorKind)} · p50 ${duration(a.duration.p50)} · p95 ${duration(a.duration.p95)}</div>`
          });
        }
        const canvas = viewer.get('canvas').getContainer();
        const link = document.createElement('a');
        link.className = 'smartops-dashboard-link';
        link.href = '/smartops/dashboard/index.html';
        link.target = '_blank';
        link.textContent = 'Smart Ops dashboard: ' + insight.endToEnd.completed + ' completed, cycle time p50 '
          + duration(insight.endToEnd.cycleTime.p50);
        link.style.cssText = 'position:absolute;bottom:8px;left:12px;z-index:10;background:#14213d;color:#fff;padding:3px 8px;border-radius:3px;font:12px sans-serif';
        canvas.appendChild(link);
        heatmapSwitch(viewer, canvas, key, version);
      })
      .catch(error => console.warn('Smart Ops insights unavailable:', error));
  }
};

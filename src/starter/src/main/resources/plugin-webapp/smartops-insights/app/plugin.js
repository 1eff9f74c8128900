// Smart Operations in Cockpit: each task of the process definition's diagram shows its median and
// 95th-percentile duration over the last 90 days and who executes it (automation, agent, person),
// read from Smart Ops' API with the Cockpit user's session; a link opens the dashboard.
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
      })
      .catch(error => console.warn('Smart Ops insights unavailable:', error));
  }
};

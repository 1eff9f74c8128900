// What the dashboard's pages share: element lookup, escaping and the formats of durations,
// numbers and shares. Loaded before each page's own script; no build step.
'use strict';

const $ = id => document.getElementById(id);
const esc = v => String(v ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const hours = ms => ms == null ? null : Math.round(ms / 36e3) / 100;
const dur = ms => {
  if (ms == null) return '–';
  if (ms < 60e3) return (ms / 1e3).toFixed(1) + ' s';
  if (ms < 3.6e6) return (ms / 60e3).toFixed(1) + ' min';
  if (ms < 864e5) return (ms / 3.6e6).toFixed(1) + ' h';
  return (ms / 864e5).toFixed(1) + ' d';
};
const num = (v, d = 2) => v == null ? '–' : Number(v).toLocaleString('en', { maximumFractionDigits: d });
const pct = v => v == null ? '–' : (100 * v).toFixed(1) + '%';

/** Shows a message above the page (an error, a hint), or hides it when there is none. */
function message(text) {
  $('message').hidden = !text;
  $('message').textContent = text || '';
}

/** Fills a table: a header row, then the rows given as HTML. */
function table(id, headers, rows) {
  $(id).innerHTML = '<tr>' + headers.map(h => `<th>${esc(h)}</th>`).join('') + '</tr>' + rows.join('');
}

/**
 * While the node warms up (the demo history seeds in the background), a banner above every page
 * says how far it is; it goes when the node works, and the page's own figures fill in as it goes.
 */
async function warmUpBanner() {
  let banner = document.getElementById('warmUp');
  try {
    const r = await fetch('/smartops/api/node/warm-up', { headers: { Accept: 'application/json' } });
    const works = r.ok ? await r.json() : [];
    if (!works.length) {
      if (banner) banner.remove();
      return;
    }
    if (!banner) {
      banner = document.createElement('p');
      banner.id = 'warmUp';
      banner.className = 'message';
      document.querySelector('main').prepend(banner);
    }
    banner.textContent = works.map(w => `This node is warming up: ${w.name}, ${w.progress} (${Math.round(100 * w.fraction)}%).`).join(' ')
      + ' Figures fill in as it goes; new work waits until it ends.';
    setTimeout(warmUpBanner, 2000);
  } catch (e) {
    // the banner is a courtesy: a node that cannot say leaves the page as it is
  }
}
document.addEventListener('DOMContentLoaded', warmUpBanner);

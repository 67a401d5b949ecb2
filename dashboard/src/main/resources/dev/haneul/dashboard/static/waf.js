// Haneul dashboard: the WAF page (#/waf), from each snapshot's `wafv2` part. Loaded before app.js,
// which calls renderWaf(snapshot) on every snapshot.
'use strict';

window.renderWaf = function renderWaf(s) {
  const page = document.getElementById('page-waf');
  if (!page) return;
  const esc = v => String(v ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const rate = v => v >= 10 ? Math.round(v) : (Math.round(v * 10) / 10);
  const table = (headers, rows) => `<table><tr>${headers.map(h => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map(r =>
    `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
  const lbName = arn => { const p = String(arn).split('/'); return p.length >= 3 ? p[p.length - 2] : arn; };
  const acls = ((s.wafv2 || {}).webAcls) || [];
  const denied = (s.denied || {})['wafv2 ListWebACLs'];
  const html = denied ? `<p class="denied" data-testid="denied">${esc(denied)}</p>` : acls.map(a => {
    const ps = a.perSecond || {}, t = a.total || {};
    const counts = ['allowed', 'blocked', 'counted', 'captcha', 'challenge'];
    return `<h2 data-testid="waf-${esc(a.name)}">Web ACL ${esc(a.name)}</h2>` +
      `<p>Guards: ${(a.resources || []).map(r => `<code>${esc(lbName(r))}</code>`).join(', ') || '<em>nothing associated</em>'}` +
      ` · default action <strong>${esc(a.defaultAction)}</strong> · rules: ${(a.rules || []).map(r => esc(r.name)).join(', ') || '-'}</p>` +
      table(counts.map(c => c[0].toUpperCase() + c.slice(1) + ' (req/s · total)'),
        [counts.map(c => `<span data-testid="waf-${esc(a.name)}-${c}">${rate(ps[c] || 0)}</span> · ${esc(t[c] || 0)}`)]) +
      '<h3>Latest blocked requests</h3>' +
      ((a.latestBlocked || []).length ? table(['Time', 'Action', 'Terminating rule', 'Client', 'Country', 'Request'],
        a.latestBlocked.map(b => [esc(new Date(b.time).toLocaleTimeString()), `<span class="pill bad">${esc(b.action)}</span>`,
          `<code data-testid="waf-rule">${esc(b.rule)}</code>`, esc(b.client), esc(b.country), `<code>${esc(b.method)} ${esc(b.uri)}</code>`]))
        : '<p>None in the last three hours.</p>');
  }).join('') || '<p>No web ACLs.</p>';
  if (page.dataset.html !== html) { page.dataset.html = html; page.innerHTML = html; }
};

// Haneul dashboard, IAM part: who the dashboard acts as (a selector of the account's root, IAM users and
// roles; app.js sends the choice with every action), the caller of each action it performed, and the
// decisions page (IAM's decision log, refreshed live). Kept apart from app.js so the pages stay independent.
'use strict';

(() => {
  const TOKEN = document.querySelector('meta[name="haneul-token"]').content;
  const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const get = async url => {
    const r = await fetch(url, { headers: { 'X-Haneul-Token': TOKEN } });
    if (r.status === 401) location.reload();
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  };
  const STORE = 'haneul-principal';

  // ------------------------------------------------------------ the principal selector

  async function principals() {
    let answer;
    try { answer = await get('/_haneul/api/principals'); } catch (e) { return; }
    if (!answer.principals || answer.principals.length === 0) return; // no IAM: the dashboard acts as itself
    let box = document.getElementById('acting');
    if (!box) {
      box = document.createElement('label');
      box.id = 'acting';
      box.className = 'acting';
      box.title = answer.enforcing ? 'Every action is authorized as this principal (HANEUL_AUTH=iam)'
        : 'IAM does not enforce (HANEUL_AUTH is not iam): every principal may do everything';
      box.innerHTML = 'Act as <select id="acting-as" data-testid="acting-as"></select>' +
        `<span class="pill ${answer.enforcing ? 'ok' : 'idle'}" data-testid="iam-mode">${answer.enforcing ? 'IAM enforced' : 'IAM not enforced'}</span>`;
      document.querySelector('header').insertBefore(box, document.querySelector('header .live'));
      box.querySelector('select').onchange = e => choose(e.target.value);
    }
    const select = box.querySelector('select');
    const wanted = window.haneulPrincipal || localStorage.getItem(STORE) || answer.principals[0].arn;
    const html = answer.principals.map(p => `<option value="${esc(p.arn)}">${esc(p.kind === 'root' ? 'root (account)' : p.kind + ' ' + p.name)}</option>`).join('');
    if (select.dataset.html !== html) { select.dataset.html = html; select.innerHTML = html; }
    choose(answer.principals.some(p => p.arn === wanted) ? wanted : answer.principals[0].arn);
  }
  function choose(arn) {
    const changed = window.haneulPrincipal !== arn;
    window.haneulPrincipal = arn;
    localStorage.setItem(STORE, arn);
    // app.js reads the pages again as this principal.
    if (changed) document.dispatchEvent(new CustomEvent('haneul-principal', { detail: arn }));
    const select = document.getElementById('acting-as');
    if (select && select.value !== arn) select.value = arn;
  }

  // ------------------------------------------------------------ the actions' callers

  const done = [];
  function activity(detail) {
    done.unshift({ time: new Date(), ...detail });
    done.length = Math.min(done.length, 20);
    let card = document.getElementById('activity');
    if (!card) {
      card = document.createElement('div');
      card.id = 'activity';
      card.className = 'card activity';
      card.dataset.testid = 'activity';
      document.getElementById('page-diagram').appendChild(card);
    }
    card.innerHTML = '<h3>Actions of this dashboard</h3><table><tr><th>Time</th><th>Action</th><th>Caller</th><th>Result</th></tr>' +
      done.map(a => `<tr><td>${esc(a.time.toLocaleTimeString())}</td><td>${esc(a.label)}</td><td><code data-testid="caller">${esc(a.caller || '-')}</code></td>` +
        `<td class="${a.ok ? 'allowed' : 'denied'}" data-testid="result">${esc(a.message)}</td></tr>`).join('') + '</table>';
  }
  document.addEventListener('haneul-action', e => activity(e.detail));

  // ------------------------------------------------------------ the decisions page

  const PAGE = 'iam-decisions';
  function decisionsPage() {
    if (document.getElementById('page-' + PAGE)) return;
    const link = document.createElement('a');
    link.href = '#/' + PAGE;
    link.dataset.page = PAGE;
    link.textContent = 'IAM decisions';
    document.getElementById('nav').appendChild(link);
    const page = document.createElement('section');
    page.id = 'page-' + PAGE;
    page.className = 'page';
    page.hidden = true;
    page.innerHTML = `<h2>IAM authorization decisions</h2>
      <div class="filters">
        <label>Principal <input id="decisions-principal" data-testid="decisions-principal" placeholder="ARN or name"></label>
        <label>Decision <select id="decisions-decision" data-testid="decisions-decision">
          <option value="">any</option><option value="allowed">allowed</option><option value="denied">denied</option>
          <option value="explicitDeny">explicit deny</option><option value="implicitDeny">implicit deny</option></select></label>
        <span class="muted" id="decisions-count"></span>
      </div>
      <div id="decisions-table" data-testid="decisions"></div>`;
    document.querySelector('main').insertBefore(page, document.getElementById('toast'));
    page.querySelectorAll('input, select').forEach(i => i.oninput = () => refresh());
    if (typeof route === 'function') route(); // app.js's router shows the page when the URL names it
  }
  let loading = false;
  async function refresh() {
    const page = document.getElementById('page-' + PAGE);
    if (!page || page.hidden || loading) return;
    const principal = document.getElementById('decisions-principal').value.trim();
    const decision = document.getElementById('decisions-decision').value;
    const query = new URLSearchParams({ last: '200' });
    if (principal) query.set('principal', principal);
    if (decision) query.set('decision', decision);
    loading = true;
    let answer;
    try { answer = await get('/_haneul/api/iam/decisions?' + query); } catch (e) {
      document.getElementById('decisions-table').innerHTML = '<p>No decision log: IAM is not running.</p>';
      return;
    } finally { loading = false; }
    document.getElementById('decisions-count').textContent = `${answer.decisions.length} shown · ${answer.written} decided since start`;
    const rows = answer.decisions.map(d => {
      const denied = d.decision !== 'allowed';
      return `<tr data-testid="decision"><td>${esc(new Date(d.time).toLocaleTimeString())}</td><td><code>${esc(d.principal)}</code></td><td>${esc(d.action)}</td>` +
        `<td><code>${esc(d.resource)}</code></td><td class="${denied ? 'denied' : 'allowed'}">${esc(d.decision)}${d.reason ? `<span class="why">${esc(d.reason)}</span>` : ''}</td>` +
        `<td>${d.statement ? `<code>${esc(d.statement)}</code>` : '<span class="muted">none matched</span>'}</td></tr>`;
    }).join('');
    const html = rows ? `<table><tr><th>Time</th><th>Principal</th><th>Action</th><th>Resource</th><th>Decision</th><th>Deciding statement</th></tr>${rows}</table>`
      : '<p>No decisions yet' + (principal || decision ? ' that match.' : ': they appear as soon as a call is authorized (HANEUL_AUTH=iam).') + '</p>';
    const table = document.getElementById('decisions-table');
    if (table.dataset.html !== html) { table.dataset.html = html; table.innerHTML = html; }
    table.dataset.updated = String(Date.now());
  }

  decisionsPage();
  principals();
  window.addEventListener('hashchange', refresh);
  // Live like the rest of the dashboard: once a second while the page is shown; the principals every 5 s.
  setInterval(refresh, 1000);
  setInterval(principals, 5000);
  refresh();
})();

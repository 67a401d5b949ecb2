// Haneul dashboard: renders /_haneul/api/events snapshots as a live diagram and pages.
// No framework and nothing from the internet: plain DOM and SVG.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';
const W = { box: 196, h: 56 };
const COLS = { client: 105, listener: 365, group: 625, app: 885, endpoint: 1185, engine: 1475 };
const WIDTH = 1600;
let snapshot = null;

const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
const health = state => {
  const s = String(state || '').toLowerCase();
  if (['available', 'healthy', 'running', 'active', 'in-sync'].includes(s)) return 'ok';
  if (['unhealthy', 'exited', 'failed', 'stopped', 'deleting', 'failed-over', 'incompatible-network', 'inactive'].includes(s)) return 'bad';
  if (['unused', 'unknown', ''].includes(s)) return 'idle';
  return 'warn';
};
const rate = v => v >= 10 ? Math.round(v) : (Math.round(v * 10) / 10);

function el(name, attrs, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}
function text(parent, x, y, value, cls, anchor) {
  const t = el('text', {x, y, class: cls || '', 'text-anchor': anchor || 'start'}, parent);
  t.textContent = value;
  return t;
}

// ---------------------------------------------------------------- model: what the diagram shows

function model(s) {
  const traffic = key => s.traffic.find(t => t.service + '|' + t.resource + '|' + t.endpoint === key);
  const m = { nodes: [], edges: [], areas: [] };
  const add = n => { m.nodes.push(n); return n; };
  const client = add({ id: 'client', col: 'client', title: 'Users', sub: 'browsers, curl', state: 'active' });

  const tgs = s.elbv2.targetGroups;
  const appsByPort = Object.fromEntries(s.apps.map(a => [a.port, a]));
  const listenerNodes = [];
  for (const l of s.elbv2.listeners) {
    const lb = s.elbv2.loadBalancers.find(b => b.LoadBalancerArn === l.LoadBalancerArn) || {};
    const t = traffic('elbv2|' + l.LoadBalancerArn + '|listener/' + l.Port) || {};
    const n = add({ id: 'listener:' + l.ListenerArn, col: 'listener', title: lb.LoadBalancerName + ' · ' + l.Protocol + ':' + l.Port,
      sub: (lb.DNSName || '') + ':' + l.Port + ' · ' + '%CONN%', state: lb.State && lb.State.Code, kind: 'listener', testid: 'lb-' + lb.LoadBalancerName });
    n.connections = t.connections || 0;
    n.sub = n.sub.replace('%CONN%', n.connections + ' conn');
    listenerNodes.push(n);
    const forwards = (l.DefaultActions || []).map(a => a.TargetGroupArn).filter(Boolean);
    n.forwards = forwards;
  }
  const appNodes = {};
  for (const tg of tgs) {
    const t = traffic('elbv2|' + tg.TargetGroupArn + '|targets') || { backends: {} };
    const sticky = tg.Attributes['stickiness.enabled'] === 'true';
    const g = add({ id: 'tg:' + tg.TargetGroupArn, col: 'group', title: tg.TargetGroupName,
      sub: 'stickiness ' + (sticky ? 'ON' : 'off') + ' · ' + (tg.HealthCheckPath || ''), state: 'active', testid: 'tg-' + tg.TargetGroupName });
    for (const ln of listenerNodes.filter(ln => ln.forwards.includes(tg.TargetGroupArn))) {
      const rps = t.requestsPerSecond || 0;
      m.edges.push({ from: client.id, to: ln.id, label: rate(rps) + ' req/s', active: rps > 0 });
      m.edges.push({ from: ln.id, to: g.id, label: rate(rps) + ' req/s', active: rps > 0 });
    }
    for (const d of tg.TargetHealthDescriptions) {
      const key = d.Target.Id + ':' + d.Target.Port;
      const app = appsByPort[d.Target.Port];
      const b = t.backends[key] || {};
      const state = d.TargetHealth.State;
      const name = app ? app.name : key;
      const n = appNodes[name] || add({ id: 'app:' + name, col: 'app', title: name,
        sub: (app && app.state !== 'running' ? app.state : state) + ' · ' + key, state: app && app.state !== 'running' ? app.state : state,
        kind: 'app', app, testid: 'app-' + name });
      appNodes[name] = n;
      m.edges.push({ from: g.id, to: n.id, label: rate(b.requestsPerSecond || 0) + ' req/s', active: (b.requestsPerSecond || 0) > 0,
        idle: state !== 'healthy' });
    }
  }
  for (const app of s.apps) {
    if (!appNodes[app.name]) appNodes[app.name] = add({ id: 'app:' + app.name, col: 'app', title: app.name,
      sub: app.url.replace('http://', '') + ' · ' + app.state, state: app.state, kind: 'app', app, testid: 'app-' + app.name });
  }
  const connect = (address, to) => {
    for (const a of Object.values(appNodes)) {
      const n = a.app && a.app.connections ? (a.app.connections[address] || 0) : 0;
      if (n > 0) m.edges.push({ from: a.id, to, active: true });
    }
  };

  // ElastiCache
  for (const rg of s.elasticache.replicationGroups) {
    const area = { title: 'ElastiCache (Redis) · ' + rg.ReplicationGroupId + ' · automatic failover ' + String(rg.AutomaticFailover || '').toLowerCase(), nodes: [] };
    m.areas.push(area);
    for (const ng of rg.NodeGroups || []) {
      const eps = [['primary', 'primary endpoint', ng.PrimaryEndpoint], ['reader', 'reader endpoint', ng.ReaderEndpoint]];
      const nodeIds = {};
      for (const member of ng.NodeGroupMembers || []) {
        const cc = s.elasticache.cacheClusters.find(c => c.CacheClusterId === member.CacheClusterId) || {};
        const n = add({ id: 'cache:' + member.CacheClusterId, col: 'engine', title: member.CacheClusterId,
          sub: (member.CurrentRole || '') + ' · ' + ((member.ReadEndpoint || {}).Address || '') + ':' + ((member.ReadEndpoint || {}).Port || ''),
          state: cc.CacheClusterStatus || rg.Status, badge: member.CurrentRole === 'primary' ? 'PRIMARY' : null, testid: 'cache-node-' + member.CacheClusterId });
        nodeIds[member.CacheClusterId] = n;
        area.nodes.push(n);
      }
      for (const [role, label, ep] of eps) {
        if (!ep) continue;
        const address = ep.Address + ':' + ep.Port;
        const t0 = traffic('elasticache|' + rg.ReplicationGroupId + '|' + role) || {};
        const n = add({ id: 'cache-ep:' + rg.ReplicationGroupId + ':' + role, col: 'endpoint', title: label, sub: address + ' · ' + (t0.connections || 0) + ' conn', state: rg.Status,
          testid: 'cache-ep-' + role });
        area.nodes.push(n);
        connect(address, n.id);
        const t = traffic('elasticache|' + rg.ReplicationGroupId + '|' + role) || { backends: {} };
        const targets = (ng.NodeGroupMembers || []).filter(x => role === 'primary' ? x.CurrentRole === 'primary' : x.CurrentRole !== 'primary');
        for (const x of (targets.length ? targets : ng.NodeGroupMembers || [])) {
          const b = t.backends[x.CacheClusterId] || {};
          m.edges.push({ from: n.id, to: nodeIds[x.CacheClusterId].id, label: (b.connections || 0) + ' conn', active: (b.connections || 0) > 0 });
        }
      }
    }
  }

  // Aurora
  for (const c of s.rds.clusters) {
    const area = { title: 'Aurora MySQL · ' + c.DBClusterIdentifier + ' · ' + (c.Status || ''), nodes: [] };
    m.areas.push(area);
    const writer = (c.DBClusterMembers || []).find(x => x.IsClusterWriter);
    const inst = {};
    for (const member of c.DBClusterMembers || []) {
      const i = s.rds.instances.find(x => x.DBInstanceIdentifier === member.DBInstanceIdentifier) || {};
      const n = add({ id: 'db:' + member.DBInstanceIdentifier, col: 'engine', title: member.DBInstanceIdentifier,
        sub: (member.IsClusterWriter ? 'writer' : 'reader') + ' · tier ' + (member.PromotionTier ?? 1) + ' · ' + ((i.Endpoint || {}).Address || ''),
        state: i.DBInstanceStatus, badge: member.IsClusterWriter ? 'WRITER' : null, testid: 'db-' + member.DBInstanceIdentifier,
        writer: !!member.IsClusterWriter });
      inst[member.DBInstanceIdentifier] = n;
      area.nodes.push(n);
    }
    const port = c.Port;
    const endpoints = s.rds.endpoints.filter(e => e.DBClusterIdentifier === c.DBClusterIdentifier);
    const shown = [['cluster', 'cluster endpoint', c.Endpoint, writer ? [writer.DBInstanceIdentifier] : []],
      ['reader', 'reader endpoint', c.ReaderEndpoint, (c.DBClusterMembers || []).filter(x => !x.IsClusterWriter).map(x => x.DBInstanceIdentifier)]];
    for (const e of endpoints.filter(e => e.EndpointType === 'CUSTOM')) {
      const members = (e.StaticMembers && e.StaticMembers.length) ? e.StaticMembers
        : (c.DBClusterMembers || []).map(x => x.DBInstanceIdentifier).filter(id => !(e.ExcludedMembers || []).includes(id)
            && (e.CustomEndpointType === 'ANY' || !(writer && writer.DBInstanceIdentifier === id)));
      shown.push(['custom/' + e.DBClusterEndpointIdentifier, 'custom ' + e.DBClusterEndpointIdentifier, e.Endpoint, members, e.CustomEndpointType]);
    }
    for (const [key, label, host, members, type] of shown) {
      if (!host) continue;
      const address = host + ':' + port;
      const t = traffic('rds|' + c.DBClusterIdentifier + '|' + key) || { backends: {} };
      // The title names the cluster and reader endpoints; a custom one also needs its type.
      const kind = key === 'cluster' || key === 'reader' ? '' : type + ' · ';
      const n = add({ id: 'db-ep:' + c.DBClusterIdentifier + ':' + key, col: 'endpoint', title: label, sub: kind + address + ' · ' + (t.connections || 0) + ' conn', state: c.Status,
        testid: 'db-ep-' + key.replace('/', '-') });
      area.nodes.push(n);
      connect(address, n.id);
      for (const id of members) {
        if (!inst[id]) continue;
        const b = t.backends[id] || {};
        m.edges.push({ from: n.id, to: inst[id].id, label: (b.connections || 0) + ' conn', active: (b.connections || 0) > 0 });
      }
    }
  }
  return m;
}

// ---------------------------------------------------------------- layout and drawing

function layout(m) {
  const top = 70, gap = 16, areaGap = 40;
  // Right side: areas stacked (cache first, then DB), endpoints and engines side by side in each.
  let y = top;
  for (const area of m.areas) {
    area.y = y;
    const eps = area.nodes.filter(n => n.col === 'endpoint'), engines = area.nodes.filter(n => n.col === 'engine');
    const rows = Math.max(eps.length, engines.length);
    const height = rows * (W.h + gap) - gap;
    const place = (list) => list.forEach((n, i) => {
      const offset = (height - (list.length * (W.h + gap) - gap)) / 2;
      n.y = y + 34 + offset + i * (W.h + gap);
    });
    place(eps); place(engines);
    area.h = height + 48;
    y += area.h + areaGap;
  }
  const bottom = Math.max(y - areaGap, top + 300);
  for (const col of ['client', 'listener', 'group', 'app']) {
    const list = m.nodes.filter(n => n.col === col);
    const step = col === 'app' ? W.h + 34 : W.h + gap;
    const total = list.length * step - (step - W.h);
    list.forEach((n, i) => { n.y = top + (bottom - top - total) / 2 + i * step; });
  }
  m.nodes.forEach(n => { n.x = COLS[n.col] - W.box / 2; });
  return bottom + 70;
}

function draw(m) {
  const svg = document.getElementById('diagram');
  const height = layout(m);
  svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + height);
  svg.replaceChildren();
  const tiers = [['client', 'Client'], ['listener', 'Load balancer'], ['group', 'Target group'], ['app', 'App instances'],
    ['endpoint', 'Endpoints'], ['engine', 'Engines']];
  for (const [col, label] of tiers) text(svg, COLS[col], 30, label, 'tier', 'middle');
  el('line', { x1: 16, y1: 44, x2: WIDTH - 16, y2: 44, stroke: '#e3e8f2' }, svg);
  for (const area of m.areas) {
    const g = el('g', { class: 'area' }, svg);
    el('rect', { x: COLS.endpoint - W.box / 2 - 18, y: area.y, width: COLS.engine - COLS.endpoint + W.box + 36, height: area.h, rx: 12 }, g);
    text(g, COLS.endpoint - W.box / 2 - 4, area.y + 20, area.title);
  }
  const lbNodes = m.nodes.filter(n => n.col === 'listener' || n.col === 'group');
  if (lbNodes.length) {
    const y0 = Math.min(...lbNodes.map(n => n.y)) - 34, y1 = Math.max(...lbNodes.map(n => n.y)) + W.h + 14;
    const g = el('g', { class: 'area' }, svg);
    el('rect', { x: COLS.listener - W.box / 2 - 14, y: y0, width: COLS.group - COLS.listener + W.box + 28, height: y1 - y0, rx: 12 }, g);
    text(g, COLS.listener - W.box / 2, y0 + 20, 'Application Load Balancer');
  }
  const byId = Object.fromEntries(m.nodes.map(n => [n.id, n]));
  const edges = el('g', {}, svg);
  for (const e of m.edges) {
    const a = byId[e.from], b = byId[e.to];
    if (!a || !b) continue;
    const x1 = a.x + W.box, y1 = a.y + W.h / 2, x2 = b.x, y2 = b.y + W.h / 2, mx = (x1 + x2) / 2;
    const g = el('g', { class: 'edge' + (e.active ? ' active' : '') + (e.idle ? ' idle' : ''), 'data-from': e.from, 'data-to': e.to }, edges);
    el('path', { d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' }, g);
    if (e.label) {
      const lx = x1 + (x2 - x1) * 0.5, ly = y1 + (y2 - y1) * 0.5;
      const w = e.label.length * 5.9 + 8;
      el('rect', { x: lx - w / 2, y: ly - 8, width: w, height: 15, rx: 4 }, g);
      text(g, lx, ly + 3.5, e.label, '', 'middle');
    }
  }
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8796b3' }, marker);
  for (const n of m.nodes) {
    const g = el('g', { class: 'box ' + health(n.state), 'data-testid': n.testid || n.id, 'data-state': n.state || '',
      transform: `translate(${n.x},${n.y})` }, svg);
    el('rect', { class: 'frame', width: W.box, height: W.h, rx: 8, 'stroke-width': n.writer ? 3 : 1.6 }, g);
    el('rect', { class: 'band', width: 5, height: W.h - 12, x: 5, y: 6, rx: 2 }, g);
    text(g, 16, 22, n.title.length > 24 ? n.title.slice(0, 23) + '…' : n.title, 'title');
    text(g, 16, 40, n.sub.length > 32 ? n.sub.slice(0, 31) + '…' : n.sub, 'sub');
    if (n.badge) {
      const b = el('g', { class: 'badge', transform: `translate(${W.box - n.badge.length * 7 - 14},-9)` }, g);
      el('rect', { width: n.badge.length * 7 + 10, height: 17, rx: 8 }, b);
      text(b, (n.badge.length * 7 + 10) / 2, 12, n.badge, '', 'middle');
    }
    const title = el('title', {}, g);
    title.textContent = n.title + '\n' + n.sub + '\nstate: ' + (n.state || '');
  }
  // Legend
  const lg = el('g', { class: 'legend', transform: `translate(30,${height - 36})` }, svg);
  let x = 0;
  for (const [cls, label] of [['ok', 'healthy / available'], ['warn', 'changing (creating, initial, failing over)'], ['bad', 'down / unhealthy'], ['idle', 'unused']]) {
    const sw = el('g', { class: 'box ' + cls, transform: `translate(${x},0)` }, lg);
    el('rect', { class: 'frame', width: 22, height: 14, rx: 3 }, sw);
    el('rect', { class: 'band', width: 3, height: 8, x: 3, y: 3 }, sw);
    text(lg, x + 28, 11, label);
    x += 40 + label.length * 5.6;
  }
  const b = el('g', { class: 'badge', transform: `translate(${x},-2)` }, lg);
  el('rect', { width: 58, height: 17, rx: 8 }, b);
  text(b, 29, 12, 'WRITER', '', 'middle');
  text(lg, x + 64, 11, 'writer / primary');
  x += 170;
  el('path', { d: `M${x},7 L${x + 30},7`, stroke: '#2f6fde', 'stroke-width': 2.2 }, lg);
  text(lg, x + 36, 11, 'carrying traffic: open connections, requests/s (ALB)');
}

// ---------------------------------------------------------------- actions

// The server's token, put in the page by the server: every change must carry it (a page on another
// site can neither read it nor send the header).
const TOKEN = document.querySelector('meta[name="haneul-token"]').content;
// Actions run as the principal chosen in iam.js's selector (window.haneulPrincipal; the root when unset);
// the server names the caller of each in X-Haneul-Caller.
async function call(method, url, body) {
  const headers = { 'Content-Type': 'application/json', 'X-Haneul-Token': TOKEN };
  if (window.haneulPrincipal) headers['X-Haneul-Principal'] = window.haneulPrincipal;
  const response = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const answer = await response.json().catch(() => ({}));
  if (response.status === 401) location.reload(); // the session ended: the server shows the login form
  if (!response.ok) {
    const error = new Error(answer.code ? answer.code + ': ' + answer.message : 'HTTP ' + response.status);
    error.caller = window.haneulPrincipal || '';
    throw error;
  }
  // The caller rides along out of sight, so the answer stays the operation's output for every other use.
  Object.defineProperty(answer, 'caller', { value: response.headers.get('X-Haneul-Caller') || '', enumerable: false });
  return answer;
}
function toast(message) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}
async function act(button, label, fn) {
  button.disabled = true;
  const report = detail => document.dispatchEvent(new CustomEvent('haneul-action', { detail: Object.assign({ label }, detail) }));
  try {
    const done = await fn();
    const caller = (done && done.caller) || '';
    toast(label + ': done' + (caller ? ' as ' + caller : ''));
    report({ ok: true, caller, message: 'done' });
  } catch (e) {
    toast(label + ': ' + e.message);
    report({ ok: false, caller: e.caller || '', message: e.message });
  } finally { button.disabled = false; }
}

function renderActions(s) {
  const aside = document.getElementById('actions');
  const parts = [];
  parts.push('<div class="group"><h3>App instances</h3>');
  for (const a of s.apps) {
    const running = a.state === 'running' || a.state === 'starting';
    parts.push(`<div class="row"><span>${esc(a.name)} <span class="pill ${health(a.state)}">${esc(a.state)}</span></span>
      <span>${running ? `<button data-testid="stop-${esc(a.name)}" data-app="${esc(a.name)}" data-op="stop">Stop</button>
      <button data-testid="kill-${esc(a.name)}" data-app="${esc(a.name)}" data-op="kill">Kill</button>`
      : `<button data-testid="start-${esc(a.name)}" data-app="${esc(a.name)}" data-op="start">Start</button>`}</span></div>`);
  }
  parts.push('</div>');
  for (const c of s.rds.clusters) {
    parts.push(`<div class="group"><h3>Aurora ${esc(c.DBClusterIdentifier)}</h3>
      <button class="primary" data-testid="failover-${esc(c.DBClusterIdentifier)}" data-cluster="${esc(c.DBClusterIdentifier)}">Fail over the DB cluster</button></div>`);
  }
  for (const rg of s.elasticache.replicationGroups) {
    const ng = (rg.NodeGroups || [])[0] || {};
    parts.push(`<div class="group"><h3>ElastiCache ${esc(rg.ReplicationGroupId)}</h3>
      <button class="primary" data-testid="test-failover-${esc(rg.ReplicationGroupId)}" data-group="${esc(rg.ReplicationGroupId)}" data-node-group="${esc(ng.NodeGroupId || '0001')}">Test failover of the primary</button></div>`);
  }
  for (const tg of s.elbv2.targetGroups) {
    const sticky = tg.Attributes['stickiness.enabled'] === 'true';
    parts.push(`<div class="group"><h3>Target group ${esc(tg.TargetGroupName)}</h3>
      <button class="primary" data-testid="stickiness-${esc(tg.TargetGroupName)}" data-tg="${esc(tg.TargetGroupArn)}" data-sticky="${sticky}">Stickiness is ${sticky ? 'ON — turn off' : 'off — turn on'}</button></div>`);
  }
  const html = parts.join('');
  if (aside.dataset.html === html) return;
  aside.dataset.html = html;
  aside.innerHTML = html;
  aside.querySelectorAll('button[data-app]').forEach(b => b.onclick = () =>
    act(b, b.dataset.op + ' ' + b.dataset.app, () => call('POST', '/_haneul/api/apps/' + encodeURIComponent(b.dataset.app) + '/' + b.dataset.op)));
  aside.querySelectorAll('button[data-cluster]').forEach(b => b.onclick = () =>
    act(b, 'failover ' + b.dataset.cluster, () => call('POST', '/_haneul/api/actions/failover-db-cluster', { clusterId: b.dataset.cluster })));
  aside.querySelectorAll('button[data-group]').forEach(b => b.onclick = () =>
    act(b, 'test failover ' + b.dataset.group, () => call('POST', '/_haneul/api/actions/test-failover',
      { replicationGroupId: b.dataset.group, nodeGroupId: b.dataset.nodeGroup })));
  aside.querySelectorAll('button[data-tg]').forEach(b => b.onclick = () =>
    act(b, 'stickiness', () => call('POST', '/_haneul/api/actions/set-stickiness', { targetGroupArn: b.dataset.tg, enabled: b.dataset.sticky !== 'true' })));
}

// ---------------------------------------------------------------- pages

const pill = s => `<span class="pill ${health(s)}">${esc(s)}</span>`;
function table(headers, rows) {
  return `<table><tr>${headers.map(h => `<th>${esc(h)}</th>`).join('')}</tr>${rows.map(r => `<tr>${r.map(c => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
}
// A list the acting principal may not read shows AWS's answer in its place (s.denied, by "service Operation").
const deniedNote = (s, read) => (s.denied || {})[read] ? `<p class="denied" data-testid="denied">${esc(s.denied[read])}</p>` : '';
function renderPages(s) {
  const set = (id, html) => { const p = document.getElementById(id); if (p.dataset.html !== html) { p.dataset.html = html; p.innerHTML = html; } };
  const or = (read, html) => deniedNote(s, read) || html;
  set('page-db-clusters', or('rds DescribeDBClusters', s.rds.clusters.map(c => `<h2>DB cluster ${esc(c.DBClusterIdentifier)} ${pill(c.Status)}</h2>` +
    table(['Engine', 'Port', 'Cluster endpoint', 'Reader endpoint', 'Master user'],
      [[esc(c.Engine + ' ' + (c.EngineVersion || '')), esc(c.Port), `<code>${esc(c.Endpoint)}</code>`, `<code>${esc(c.ReaderEndpoint)}</code>`, esc(c.MasterUsername)]]) +
    '<h2>Members</h2>' + table(['DB instance', 'Role', 'Promotion tier', 'Status', 'Instance endpoint'],
      (c.DBClusterMembers || []).map(x => { const i = s.rds.instances.find(y => y.DBInstanceIdentifier === x.DBInstanceIdentifier) || {};
        return [esc(x.DBInstanceIdentifier), x.IsClusterWriter ? '<strong>writer</strong>' : 'reader', esc(x.PromotionTier), pill(i.DBInstanceStatus), `<code>${esc((i.Endpoint || {}).Address)}:${esc((i.Endpoint || {}).Port)}</code>`]; })) +
    '<h2>Endpoints</h2>' + table(['Endpoint', 'Type', 'Address', 'Status', 'Static members', 'Excluded members'],
      s.rds.endpoints.filter(e => e.DBClusterIdentifier === c.DBClusterIdentifier).map(e => [esc(e.DBClusterEndpointIdentifier || e.EndpointType.toLowerCase()),
        esc(e.CustomEndpointType || e.EndpointType), `<code>${esc(e.Endpoint)}</code>`, pill(e.Status), esc((e.StaticMembers || []).join(', ')), esc((e.ExcludedMembers || []).join(', '))]))
  ).join('') || '<p>No DB clusters.</p>'));
  set('page-replication-groups', or('elasticache DescribeReplicationGroups', s.elasticache.replicationGroups.map(rg => `<h2>Replication group ${esc(rg.ReplicationGroupId)} ${pill(rg.Status)}</h2>` +
    table(['Automatic failover', 'Multi-AZ', 'Primary endpoint', 'Reader endpoint'], (rg.NodeGroups || []).map(ng => [esc(rg.AutomaticFailover), esc(rg.MultiAZ),
      `<code>${esc((ng.PrimaryEndpoint || {}).Address)}:${esc((ng.PrimaryEndpoint || {}).Port)}</code>`, `<code>${esc((ng.ReaderEndpoint || {}).Address)}:${esc((ng.ReaderEndpoint || {}).Port)}</code>`])) +
    table(['Node', 'Role', 'Status', 'Node endpoint'], (rg.NodeGroups || []).flatMap(ng => ng.NodeGroupMembers || []).map(x => {
      const cc = s.elasticache.cacheClusters.find(c => c.CacheClusterId === x.CacheClusterId) || {};
      return [esc(x.CacheClusterId), x.CurrentRole === 'primary' ? '<strong>primary</strong>' : esc(x.CurrentRole), pill(cc.CacheClusterStatus), `<code>${esc((x.ReadEndpoint || {}).Address)}:${esc((x.ReadEndpoint || {}).Port)}</code>`]; }))
  ).join('') || '<p>No replication groups.</p>'));
  set('page-load-balancers', '<h2>Load balancers</h2>' + or('elbv2 DescribeLoadBalancers', table(['Name', 'Type', 'State', 'DNS name', 'Listeners'], s.elbv2.loadBalancers.map(lb =>
    [esc(lb.LoadBalancerName), esc(lb.Type), pill((lb.State || {}).Code), `<code>${esc(lb.DNSName)}</code>`,
      s.elbv2.listeners.filter(l => l.LoadBalancerArn === lb.LoadBalancerArn).map(l => `${esc(l.Protocol)}:${esc(l.Port)} → ${esc((l.DefaultActions || []).map(a => a.Type + ' ' + (s.elbv2.targetGroups.find(t => t.TargetGroupArn === a.TargetGroupArn) || {}).TargetGroupName).join(', '))}`).join('<br>')]))));
  set('page-target-groups', or('elbv2 DescribeTargetGroups', s.elbv2.targetGroups.map(tg => `<h2>Target group ${esc(tg.TargetGroupName)}</h2>` +
    table(['Protocol', 'Health check', 'Stickiness', 'Deregistration delay'], [[esc(tg.Protocol + ':' + tg.Port), esc(tg.HealthCheckProtocol + ' ' + tg.HealthCheckPath + ' every ' + tg.HealthCheckIntervalSeconds + ' s'),
      esc(tg.Attributes['stickiness.enabled'] === 'true' ? 'on (' + tg.Attributes['stickiness.type'] + ')' : 'off'), esc(tg.Attributes['deregistration_delay.timeout_seconds'] + ' s')]]) +
    table(['Target', 'Health', 'Reason'], tg.TargetHealthDescriptions.map(d => [`<code>${esc(d.Target.Id)}:${esc(d.Target.Port)}</code>`, pill(d.TargetHealth.State), esc(d.TargetHealth.Description || d.TargetHealth.Reason || '')]))
  ).join('') || '<p>No target groups.</p>'));
  set('page-apps', '<h2>App instances</h2>' + table(['Name', 'State', 'PID', 'URL', 'Connections held'], s.apps.map(a =>
    [esc(a.name), pill(a.state), esc(a.pid || '-'), `<code>${esc(a.url)}</code>`, esc(Object.entries(a.connections).map(([k, v]) => k + ' ×' + v).join(', '))])));
}

// ---------------------------------------------------------------- wiring

function render(s) {
  snapshot = s;
  draw(model(s));
  renderActions(s);
  renderPages(s);
  if (window.renderWaf) window.renderWaf(s);
  document.getElementById('diagram').dataset.updated = s.time;
  document.getElementById('live-text').textContent = 'live · ' + new Date(s.time).toLocaleTimeString();
}
function route() {
  const page = (location.hash.replace(/^#\//, '') || 'diagram');
  document.querySelectorAll('.page').forEach(p => { p.hidden = p.id !== 'page-' + page; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.dataset.page === page));
}
// The pages read as the principal chosen in iam.js's selector: a new choice opens a new stream.
const asPrincipal = () => window.haneulPrincipal ? '?principal=' + encodeURIComponent(window.haneulPrincipal) : '';
let events = null;
function connect() {
  if (events) events.close();
  events = new EventSource('/_haneul/api/events' + asPrincipal());
  events.addEventListener('architecture', e => {
    document.getElementById('live-dot').classList.add('on');
    render(JSON.parse(e.data));
  });
  events.onerror = () => {
    document.getElementById('live-dot').classList.remove('on');
    document.getElementById('live-text').textContent = 'reconnecting…';
  };
}
window.addEventListener('hashchange', route);
document.addEventListener('haneul-principal', connect);
route();
fetch('/_haneul/api/architecture' + asPrincipal()).then(r => {
  if (r.status === 401) location.reload();
  return r.json();
}).then(s => { if (!snapshot) render(s); });
connect();

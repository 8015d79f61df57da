// gridexec dashboard: the cluster, the jobs (paged), one job's live progress and chunks per node over time, an experiment's report.
// Plain JavaScript, no build step and nothing fetched from elsewhere. Text from the API (job names, node
// names) is only ever set as textContent, never as HTML.
'use strict';

const TOKEN_KEY = 'gridexec.token';
const PAGE_SIZE = 50;
const POLL_MS = 3000;
const SAMPLE_MS = 500;
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const STATES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Whatever the current view runs (timers, streams); stopped when the view changes. */
let viewAbort = new AbortController();

function el(tag, props, ...kids) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === 'text') node.textContent = value;
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const kid of kids) {
    if (kid !== null && kid !== undefined) node.append(kid instanceof Node ? kid : String(kid));
  }
  return node;
}

function status(text, isError) {
  const node = document.getElementById('status');
  node.textContent = text;
  node.className = isError ? 'status error' : 'status';
}

class NeedsToken extends Error {}

function headers() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: 'Bearer ' + token } : {};
}

/** GET (or another method on) an API path as JSON; asks for the token on 401. */
async function api(path, options) {
  const response = await fetch(path, Object.assign({ cache: 'no-store', headers: headers() }, options || {}));
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    askToken();
    throw new NeedsToken('the API needs a token');
  }
  const body = await response.json();
  if (!response.ok) {
    const message = body && body.errors ? body.errors.map(e => e.path + ': ' + e.message).join('; ') : response.statusText;
    throw new Error(message);
  }
  return body;
}

function askToken() {
  const form = document.getElementById('token-form');
  form.hidden = false;
  document.getElementById('token-input').focus();
}

function setupTokenForm() {
  const form = document.getElementById('token-form');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const input = document.getElementById('token-input');
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    input.value = '';
    form.hidden = true;
    route();
  });
}

// ---- formatting -------------------------------------------------------------------------------------------

function duration(ms) {
  if (ms === undefined || ms === null) return '—';
  if (ms < 1000) return ms + ' ms';
  const s = ms / 1000;
  if (s < 60) return s.toFixed(1) + ' s';
  const m = Math.floor(s / 60);
  return m < 60 ? m + ' min ' + Math.round(s % 60) + ' s' : Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
}

function bar(done, total, wide) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const inner = el('span');
  inner.style.width = (share * 100).toFixed(1) + '%';
  return el('span', { class: wide ? 'bar wide' : 'bar', title: done + ' / ' + total }, inner);
}

function stateCell(state) {
  return el('td', { class: 'state state-' + state, text: state });
}

function nodesOf(record) {
  return (record.placement || []).map(p => p.node).join(', ');
}

/** The coordinator that runs the job, and how many times another took it over after its owner left. */
function ownerOf(record) {
  const owner = record.owner || '—';
  return record.adoptions > 0 ? owner + ' (adopted ' + record.adoptions + '×)' : owner;
}

/** Whether a figure the API gives as -1 (or leaves out) when not known is known. */
function known(value) {
  return typeof value === 'number' && value >= 0;
}

function mib(bytes) {
  return (bytes / 1048576).toFixed(0);
}

/** Heap used / most, in MiB; '—' when the node did not say. */
function heap(node) {
  if (!known(node.heapUsedBytes)) return '—';
  return mib(node.heapUsedBytes) + (known(node.heapMaxBytes) ? ' / ' + mib(node.heapMaxBytes) : '') + ' MiB';
}

/** Queue positions of QUEUED jobs: higher priority first, then the older (the list is newest first). */
function queuePositions(jobs) {
  const queued = jobs.map((job, index) => ({ job, index })).filter(x => x.job.state === 'QUEUED');
  queued.sort((a, b) => ((b.job.task && b.job.task.priority) || 0) - ((a.job.task && a.job.task.priority) || 0)
    || b.index - a.index);
  const positions = new Map();
  queued.forEach((x, i) => positions.set(x.job.id, i + 1));
  return positions;
}

// ---- the overview: cluster and jobs -----------------------------------------------------------------------

function overview(signal) {
  const view = document.getElementById('view');
  const summary = el('div', { class: 'summary', id: 'summary' });
  const nodesBody = el('tbody', { id: 'nodes' });
  const jobsBody = el('tbody', { id: 'jobs' });
  const filter = el('select', { id: 'state-filter' }, el('option', { value: '', text: 'every state' }),
    ...STATES.map(s => el('option', { value: s, text: s })));
  const pageInfo = el('span', { class: 'muted', id: 'page-info' });
  const prev = el('button', { type: 'button', text: '‹ newer' });
  const next = el('button', { type: 'button', text: 'older ›' });
  const header = cols => el('thead', null, el('tr', null, ...cols.map(c => el('th', { text: c }))));
  view.replaceChildren(
    el('section', null, el('h2', { text: 'Cluster' }), summary,
      el('table', null, header(['node', 'state', 'address', 'capacity', 'busy', 'running jobs', 'CPUs', 'CPU load', 'heap', 'version']), nodesBody)),
    el('section', null, el('h2', { text: 'Jobs' }),
      el('div', { class: 'controls' }, el('label', null, 'show ', filter)),
      el('table', null, header(['id', 'name', 'kernel', 'state', 'priority', 'queue', 'progress', 'duration', 'nodes', 'owner']), jobsBody),
      el('div', { class: 'pager' }, prev, next, pageInfo)));

  let page = 0;
  let jobs = [];
  let shownNodes = '';
  let shownPage = '';
  const renderJobs = () => {
    const wanted = filter.value;
    const rows = wanted ? jobs.filter(j => j.state === wanted) : jobs;
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    page = Math.min(page, pages - 1);
    const slice = rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const positions = queuePositions(jobs);
    const signature = JSON.stringify(slice.map(j => [j.id, j.state, j.chunks, j.timing && j.timing.wallMs, nodesOf(j),
      ownerOf(j)])) + wanted + page;
    pageInfo.textContent = rows.length === 0 ? 'no jobs' : 'jobs ' + (page * PAGE_SIZE + 1) + '–' + (page * PAGE_SIZE + slice.length)
      + ' of ' + rows.length + ' (page ' + (page + 1) + ' of ' + pages + ')';
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    if (signature === shownPage) return; // nothing on this page changed: leave the DOM alone
    shownPage = signature;
    jobsBody.replaceChildren(...slice.map(job => {
      const task = job.task || {};
      const chunks = job.chunks || { done: 0, total: 0 };
      return el('tr', { 'data-job': job.id },
        el('td', { class: 'id' }, el('a', { href: '#/jobs/' + encodeURIComponent(job.id), text: job.id })),
        el('td', { text: task.name || '' }), el('td', { text: task.kernel || '' }), stateCell(job.state),
        el('td', { text: task.priority === undefined ? '—' : task.priority }),
        el('td', { text: positions.has(job.id) ? '#' + positions.get(job.id) : '' }),
        el('td', null, bar(chunks.done, chunks.total), ' ' + chunks.done + '/' + chunks.total),
        el('td', { text: duration(job.timing && job.timing.wallMs) }),
        el('td', { class: 'nodes', text: nodesOf(job) }), el('td', { class: 'owner', text: ownerOf(job) }));
    }));
  };
  filter.addEventListener('change', () => { page = 0; renderJobs(); });
  prev.addEventListener('click', () => { page = Math.max(0, page - 1); renderJobs(); });
  next.addEventListener('click', () => { page += 1; renderJobs(); });

  const renderNodes = nodes => {
    const signature = JSON.stringify(nodes);
    if (signature === shownNodes) return;
    shownNodes = signature;
    // A suspect node did not answer its load query in time (its figures are -1: shown as —) or runs slow.
    nodesBody.replaceChildren(...nodes.map(n => {
      const state = n.state || 'ready';
      return el('tr', { 'data-node': n.name, 'data-state': state },
        el('td', { text: n.name }), el('td', { class: 'node-state node-' + state, text: n.slow ? state + ' (slow)' : state }),
        el('td', { text: n.address }), el('td', { text: n.maxWorkers }),
        el('td', { text: known(n.busyWorkers) ? n.busyWorkers : '—' }),
        el('td', { text: n.runningJobs }), el('td', { text: n.processors }),
        el('td', { class: 'cpu', text: known(n.cpuLoad) ? Math.round(n.cpuLoad * 100) + ' %' : '—' }),
        el('td', { class: 'heap', text: heap(n) }), el('td', { text: n.version }));
    }));
  };

  const renderSummary = nodes => {
    const counts = {};
    for (const job of jobs) counts[job.state] = (counts[job.state] || 0) + 1;
    const capacity = nodes.reduce((sum, n) => sum + (n.maxWorkers || 0), 0);
    summary.replaceChildren(
      el('div', null, el('b', { text: nodes.length }), 'nodes'),
      el('div', null, el('b', { text: capacity }), 'workers'),
      ...STATES.map(s => el('div', null, el('b', { class: 'state-' + s, text: counts[s] || 0 }), s.toLowerCase())));
  };

  // Nodes and jobs are fetched apart, so that a long job list never holds the cluster view back; each waits
  // at least POLL_MS, and three times what its last answer took, before asking again.
  let nodes = [];
  const every = (work) => {
    const run = async () => {
      const started = performance.now();
      try {
        await work();
        status('updated ' + new Date().toLocaleTimeString());
      } catch (e) {
        if (signal.aborted || e instanceof NeedsToken) return;
        status('could not reach the API: ' + e.message, true);
      }
      if (!signal.aborted) setTimeout(run, Math.max(POLL_MS, 3 * (performance.now() - started)));
    };
    run();
  };
  every(async () => {
    nodes = await api('/nodes', { signal });
    renderNodes(nodes);
    renderSummary(nodes);
  });
  every(async () => {
    jobs = await allJobs(signal);
    renderSummary(nodes);
    renderJobs();
  });
}

/**
 * Every job the coordinator keeps, newest first: GET /jobs answers a page at a time ({"jobs": [...], "next": cursor}),
 * records without results; the pages are followed to the end, the most the API gives per request.
 */
async function allJobs(signal) {
  const all = [];
  let after = null;
  do {
    const page = await api('/jobs?limit=1000' + (after ? '&after=' + encodeURIComponent(after) : ''), { signal });
    all.push(...page.jobs);
    after = page.next;
  } while (after);
  return all;
}

// ---- one job: live over the event stream, polling when there is none --------------------------------------

function jobView(id, signal) {
  const view = document.getElementById('view');
  const title = el('h2', { text: 'Job ' + id });
  const facts = el('dl', { class: 'facts', id: 'job-facts' });
  const progress = el('div', { id: 'job-progress' });
  const perNode = el('tbody', { id: 'job-nodes' });
  const chart = el('div', { id: 'job-timeline', class: 'timeline' });
  const raw = el('pre', { id: 'job-json' });
  const cancel = el('button', { type: 'button', text: 'Cancel job' });
  view.replaceChildren(
    el('section', null, title, facts, el('p', null, cancel)),
    el('section', null, el('h2', { text: 'Progress' }), progress),
    el('section', null, el('h2', { text: 'Chunks per node' }),
      chart,
      el('table', null, el('thead', null, el('tr', null, ...['node', 'chunks', 'share', 'compute'].map(c => el('th', { text: c })))), perNode)),
    el('section', null, el('h2', { text: 'Record' }), raw));
  cancel.addEventListener('click', () => api('/jobs/' + encodeURIComponent(id), { method: 'DELETE', signal })
    .then(render).catch(e => status('cancel failed: ' + e.message, true)));

  let record = null;
  const timeline = new Timeline(chart);
  const showProgress = (done, total, retried, elapsedMs) => {
    progress.replaceChildren(bar(done, total, true),
      el('p', null, done + ' of ' + total + ' chunks done, ' + retried + ' re-dispatched, ' + duration(elapsedMs)));
  };
  function render(next) {
    if (record && TERMINAL.has(record.state) && !TERMINAL.has(next.state)) return; // a sample older than the end
    record = next;
    timeline.add(record);
    const task = record.task || {};
    const chunks = record.chunks || { total: 0, done: 0, retried: 0, failed: 0 };
    const fact = (k, v) => [el('dt', { text: k }), el('dd', v instanceof Node ? null : { text: v }, v instanceof Node ? v : null)];
    facts.replaceChildren(
      ...fact('id', record.id), ...fact('state', el('span', { class: 'state state-' + record.state, text: record.state })),
      ...fact('name', task.name || ''), ...fact('kernel', task.kernel || ''), ...fact('mode', task.mode || ''),
      ...fact('workers × nodes', (task.workers || '?') + ' × ' + (task.nodes || '?')),
      ...fact('priority', task.priority === undefined ? '—' : task.priority),
      ...fact('nodes', nodesOf(record) || '—'), ...fact('owner', ownerOf(record)),
      ...fact('wall time', duration(record.timing && record.timing.wallMs)),
      ...(record.error ? fact('error', record.error.reason + ': ' + record.error.message) : []),
      ...((record.warnings || []).length ? fact('warnings', record.warnings.join('; ')) : []));
    showProgress(chunks.done, chunks.total, chunks.retried, record.timing && record.timing.wallMs);
    const placed = record.placement || [];
    const most = Math.max(1, ...placed.map(p => p.chunks));
    perNode.replaceChildren(...placed.map(p => el('tr', { 'data-node': p.node }, el('td', { text: p.node }),
      el('td', { text: p.chunks }), el('td', null, bar(p.chunks, most)), el('td', { text: duration(p.computeMs) }))));
    raw.textContent = JSON.stringify(record, null, 2);
    cancel.disabled = TERMINAL.has(record.state);
  }

  /** Samples the record every SAMPLE_MS while the job runs, for the timeline (the event stream carries no placement). */
  const sample = async () => {
    while (!signal.aborted && !(record && TERMINAL.has(record.state))) {
      await new Promise(resolve => setTimeout(resolve, SAMPLE_MS));
      if (signal.aborted) return;
      try {
        render(await api('/jobs/' + encodeURIComponent(id), { signal }));
      } catch (e) {
        if (signal.aborted || e instanceof NeedsToken) return;
      }
    }
  };

  const poll = async () => {
    while (!signal.aborted && !(record && TERMINAL.has(record.state))) {
      try {
        render(await api('/jobs/' + encodeURIComponent(id), { signal }));
      } catch (e) {
        if (signal.aborted || e instanceof NeedsToken) return;
        status('could not reach the API: ' + e.message, true);
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  };

  /** Reads /jobs/{id}/events with fetch (EventSource cannot send the token header). */
  const follow = async () => {
    const response = await fetch('/jobs/' + encodeURIComponent(id) + '/events', { headers: headers(), signal, cache: 'no-store' });
    if (!response.ok || !response.body) throw new Error('no event stream (' + response.status + ')');
    status('following live');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        const data = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trim());
        }
        if (data.length === 0) continue; // a keep-alive comment
        const payload = JSON.parse(data.join('\n'));
        if (event === 'progress') showProgress(payload.done, payload.total, payload.retried, payload.elapsedMs);
        else render(payload);
      }
    }
  };

  (async () => {
    try {
      render(await api('/jobs/' + encodeURIComponent(id), { signal })); // shown at once, stream or not
    } catch (e) {
      if (!signal.aborted && !(e instanceof NeedsToken)) status('job ' + id + ': ' + e.message, true);
      return;
    }
    if (TERMINAL.has(record.state)) { status('ended'); return; }
    sample();
    try {
      await follow();
    } catch (e) {
      if (signal.aborted) return;
      status('no event stream, polling');
    }
    await poll(); // after the stream ends (the record is final then) this returns at once
  })();
}

// ---- a job's chunks per node over time --------------------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2f6fdf', '#1f8a4c', '#c23b3b', '#b7791f', '#7b4fd6', '#0f8f8f', '#d0508a', '#5b6577'];

function svg(tag, attrs, ...kids) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value);
  }
  for (const kid of kids) node.append(kid);
  return node;
}

/**
 * The chunks each node has delivered (a record's placement[].chunks) over the job's wall time, from the records this
 * page saw: lines while the job runs and, after it ends, kept as sampled; a job that had ended before the page opened
 * has no history here, so its final count per node is drawn as bars. Drawn as inline SVG by this script.
 */
class Timeline {
  constructor(container) {
    this.container = container;
    this.series = new Map(); // node -> [[wall ms, chunks], ...]
    this.sawRunning = false;
    this.opened = performance.now();
  }

  add(record) {
    if (!TERMINAL.has(record.state)) this.sawRunning = true;
    const wall = record.timing && known(record.timing.wallMs) ? record.timing.wallMs : performance.now() - this.opened;
    for (const p of record.placement || []) {
      if (!this.series.has(p.node)) this.series.set(p.node, []);
      const points = this.series.get(p.node);
      const last = points[points.length - 1];
      if (last && last[0] === wall) last[1] = p.chunks;
      else if (!last || wall > last[0]) points.push([wall, p.chunks]);
    }
    if (this.series.size === 0) {
      this.container.replaceChildren(el('p', { class: 'muted', text: 'no chunks placed yet' }));
    } else if (this.sawRunning) {
      this.lines();
    } else {
      this.bars();
    }
  }

  lines() {
    const W = 820, H = 240, left = 48, right = 150, top = 12, bottom = 30;
    const all = [...this.series.values()].flat();
    const first = Math.min(...all.map(p => p[0]));
    const span = Math.max(1, Math.max(...all.map(p => p[0])) - first);
    const most = Math.max(1, ...all.map(p => p[1]));
    const x = ms => left + (ms - first) / span * (W - left - right);
    const y = n => H - bottom - n / most * (H - top - bottom);
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'data-kind': 'lines', role: 'img' });
    for (let i = 0; i <= 4; i++) {
      const n = Math.round(most * i / 4);
      chart.append(svg('line', { x1: left, x2: W - right, y1: y(n), y2: y(n), stroke: '#dde1e8' }),
        svg('text', { x: left - 6, y: y(n) + 4, 'text-anchor': 'end', text: n }));
    }
    chart.append(svg('text', { x: left, y: H - 8, text: duration(first) }),
      svg('text', { x: W - right, y: H - 8, 'text-anchor': 'end', text: duration(first + span) }),
      svg('text', { x: (left + W - right) / 2, y: H - 8, 'text-anchor': 'middle', style: 'fill:#677084', text: 'wall time · chunks done per node' }));
    let row = 0;
    for (const [node, points] of this.series) {
      const colour = PALETTE[row % PALETTE.length];
      const line = svg('polyline', { points: points.map(p => x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' '),
        fill: 'none', stroke: colour, 'stroke-width': 2, 'data-node': node });
      line.append(svg('title', { text: node + ': ' + points[points.length - 1][1] + ' chunks' }));
      const last = points[points.length - 1];
      chart.append(line, svg('circle', { cx: x(last[0]), cy: y(last[1]), r: 3, fill: colour }),
        svg('text', { x: W - right + 10, y: top + 14 + row * 16, style: 'fill:' + colour, 'data-node': node,
          text: node + ' · ' + last[1] }));
      row++;
    }
    this.container.replaceChildren(chart);
  }

  bars() {
    const W = 820, left = 150, right = 60, rowH = 22, top = 6;
    const rows = [...this.series].map(([node, points]) => [node, points[points.length - 1][1]]);
    const most = Math.max(1, ...rows.map(r => r[1]));
    const H = top * 2 + rows.length * rowH;
    const chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: W, height: H, 'data-kind': 'bars', role: 'img' });
    rows.forEach(([node, chunks], i) => {
      const yTop = top + i * rowH;
      chart.append(svg('text', { x: left - 8, y: yTop + 15, 'text-anchor': 'end', 'data-node': node, text: node }),
        svg('rect', { x: left, y: yTop + 4, height: rowH - 8, width: Math.max(1, chunks / most * (W - left - right)),
          fill: PALETTE[i % PALETTE.length], 'data-node': node }),
        svg('text', { x: left + chunks / most * (W - left - right) + 6, y: yTop + 15, text: chunks }));
    });
    this.container.replaceChildren(el('p', { class: 'muted', text: 'ended before this page opened: chunks per node at the end' }), chart);
  }
}

// ---- routing ----------------------------------------------------------------------------------------------

function route() {
  viewAbort.abort();
  viewAbort = new AbortController();
  const hash = location.hash || '#/';
  status('');
  if (hash.startsWith('#/jobs/')) {
    jobView(decodeURIComponent(hash.slice('#/jobs/'.length)), viewAbort.signal);
  } else if (hash === '#/report') {
    window.gridexecReport.show(document.getElementById('view'), el);
  } else {
    overview(viewAbort.signal);
  }
}

setupTokenForm();
window.addEventListener('hashchange', route);
route();

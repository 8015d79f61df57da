// gridexec dashboard: the cluster, the jobs (paged), one job's live progress, an experiment's report.
// Plain JavaScript, no build step and nothing fetched from elsewhere. Text from the API (job names, node
// names) is only ever set as textContent, never as HTML.
'use strict';

const TOKEN_KEY = 'gridexec.token';
const PAGE_SIZE = 50;
const POLL_MS = 3000;
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
      el('table', null, header(['node', 'state', 'address', 'capacity', 'busy', 'running jobs', 'CPUs', 'CPU load', 'memory', 'version']), nodesBody)),
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
    const signature = JSON.stringify(slice.map(j => [j.id, j.state, j.chunks, j.timing && j.timing.wallMs, nodesOf(j)])) + wanted + page;
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
        el('td', { class: 'nodes', text: nodesOf(job) }), el('td', { text: job.owner || '—' }));
    }));
  };
  filter.addEventListener('change', () => { page = 0; renderJobs(); });
  prev.addEventListener('click', () => { page = Math.max(0, page - 1); renderJobs(); });
  next.addEventListener('click', () => { page += 1; renderJobs(); });

  const renderNodes = nodes => {
    const signature = JSON.stringify(nodes);
    if (signature === shownNodes) return;
    shownNodes = signature;
    // NodeInfo fields beyond name/address/processors/maxWorkers/version/runningJobs are shown when the API has them.
    nodesBody.replaceChildren(...nodes.map(n => el('tr', { 'data-node': n.name },
      el('td', { text: n.name }), el('td', { text: n.state || 'ready' }), el('td', { text: n.address }),
      el('td', { text: n.maxWorkers }), el('td', { text: n.busyWorkers === undefined ? '—' : n.busyWorkers }),
      el('td', { text: n.runningJobs }), el('td', { text: n.processors }),
      el('td', { text: n.cpuLoad === undefined ? '—' : Math.round(n.cpuLoad * 100) + ' %' }),
      el('td', { text: n.heapUsedBytes === undefined ? '—' : (n.heapUsedBytes / 1048576).toFixed(0) + ' MiB' }),
      el('td', { text: n.version }))));
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
  const raw = el('pre', { id: 'job-json' });
  const cancel = el('button', { type: 'button', text: 'Cancel job' });
  view.replaceChildren(
    el('section', null, title, facts, el('p', null, cancel)),
    el('section', null, el('h2', { text: 'Progress' }), progress),
    el('section', null, el('h2', { text: 'Chunks per node' }),
      el('table', null, el('thead', null, el('tr', null, ...['node', 'chunks', 'share', 'compute'].map(c => el('th', { text: c })))), perNode)),
    el('section', null, el('h2', { text: 'Record' }), raw));
  cancel.addEventListener('click', () => api('/jobs/' + encodeURIComponent(id), { method: 'DELETE', signal })
    .then(render).catch(e => status('cancel failed: ' + e.message, true)));

  let record = null;
  const showProgress = (done, total, retried, elapsedMs) => {
    progress.replaceChildren(bar(done, total, true),
      el('p', null, done + ' of ' + total + ' chunks done, ' + retried + ' re-dispatched, ' + duration(elapsedMs)));
  };
  function render(next) {
    record = next;
    const task = record.task || {};
    const chunks = record.chunks || { total: 0, done: 0, retried: 0, failed: 0 };
    const fact = (k, v) => [el('dt', { text: k }), el('dd', v instanceof Node ? null : { text: v }, v instanceof Node ? v : null)];
    facts.replaceChildren(
      ...fact('id', record.id), ...fact('state', el('span', { class: 'state state-' + record.state, text: record.state })),
      ...fact('name', task.name || ''), ...fact('kernel', task.kernel || ''), ...fact('mode', task.mode || ''),
      ...fact('workers × nodes', (task.workers || '?') + ' × ' + (task.nodes || '?')),
      ...fact('priority', task.priority === undefined ? '—' : task.priority),
      ...fact('nodes', nodesOf(record) || '—'), ...fact('owner', record.owner || '—'),
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
    try {
      await follow();
    } catch (e) {
      if (signal.aborted) return;
      status('no event stream, polling');
    }
    await poll(); // after the stream ends (the record is final then) this returns at once
  })();
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

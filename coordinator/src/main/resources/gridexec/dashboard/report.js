// The experiment report view: opens a report.json written by `client experiment` (read in the browser, never
// uploaded) and draws its scaling curves per model (label) as SVG: pick the measure, click a legend entry to
// hide or show a model, hover a point for its numbers.
'use strict';

window.gridexecReport = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const COLOURS = ['#2f6fdf', '#d9534f', '#1f8a4c', '#b7791f', '#7b4fd6', '#138496', '#c2185b', '#556b2f'];
  const MEASURES = {
    speedup: 'speedup (vs the same model on 1 × 1)',
    medianWallMs: 'median wall time (ms)',
    efficiency: 'efficiency (speedup / workers)',
    speedupVsBest1: 'speedup vs the best 1 × 1',
  };
  let loaded = null; // the last report opened, kept while the tab lives

  function svg(tag, attrs, ...kids) {
    const node = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const kid of kids) node.append(kid);
    return node;
  }

  /** Series per label: points (totalWorkers, measure) in worker order. */
  function series(report, measure) {
    const byLabel = new Map();
    for (const s of report.summaries || []) {
      if (s[measure] === null || s[measure] === undefined) continue;
      if (!byLabel.has(s.label)) byLabel.set(s.label, []);
      byLabel.get(s.label).push(s);
    }
    for (const points of byLabel.values()) points.sort((a, b) => a.totalWorkers - b.totalWorkers);
    return byLabel;
  }

  function draw(chart, report, measure, hidden, tip) {
    const W = 760, H = 400, L = 60, R = 20, T = 20, B = 45;
    const lines = series(report, measure);
    const all = [...lines.values()].flat();
    const maxX = Math.max(1, ...all.map(p => p.totalWorkers));
    const maxY = Math.max(measure === 'speedup' ? maxX : 0, ...all.map(p => p[measure]), 1e-9) * 1.05;
    const x = v => L + (v / maxX) * (W - L - R);
    const y = v => H - B - (v / maxY) * (H - T - B);
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, width: '100%', role: 'img', 'aria-label': MEASURES[measure] });
    for (let i = 0; i <= 5; i++) {
      const vy = (maxY / 5) * i, vx = (maxX / 5) * i;
      root.append(svg('line', { x1: L, x2: W - R, y1: y(vy), y2: y(vy), stroke: '#dde1e8' }),
        svg('text', { x: L - 6, y: y(vy) + 4, 'text-anchor': 'end' }, vy.toFixed(vy < 10 ? 2 : 0)),
        svg('text', { x: x(vx), y: H - B + 16, 'text-anchor': 'middle' }, vx.toFixed(vx < 10 ? 1 : 0)));
    }
    root.append(svg('text', { x: (L + W - R) / 2, y: H - 8, 'text-anchor': 'middle' }, 'total workers (nodes × workers)'),
      svg('text', { x: 14, y: T + (H - T - B) / 2, transform: 'rotate(-90 14 ' + (T + (H - T - B) / 2) + ')', 'text-anchor': 'middle' }, MEASURES[measure]));
    if (measure === 'speedup') {
      root.append(svg('line', { x1: x(0), y1: y(0), x2: x(maxX), y2: y(maxX), stroke: '#999', 'stroke-dasharray': '4 4' }));
    }
    [...lines.keys()].forEach((label, i) => {
      if (hidden.has(label)) return;
      const colour = COLOURS[i % COLOURS.length];
      const points = lines.get(label);
      root.append(svg('polyline', { fill: 'none', stroke: colour, 'stroke-width': 2,
        points: points.map(p => x(p.totalWorkers) + ',' + y(p[measure])).join(' ') }));
      for (const p of points) {
        const dot = svg('circle', { cx: x(p.totalWorkers), cy: y(p[measure]), r: 4, fill: colour, 'data-label': label });
        dot.addEventListener('mouseenter', () => {
          tip.textContent = label + ' (' + p.mode + '): ' + p.nodes + ' node(s) × ' + p.workers + ' worker(s) — median '
            + p.medianWallMs + ' ms, speedup ' + p.speedup + ', efficiency ' + p.efficiency + (p.noisy ? ' (noisy)' : '');
        });
        root.append(dot);
      }
    });
    chart.replaceChildren(root);
  }

  function render(container, el, report) {
    const measure = el('select', { id: 'report-measure' }, ...Object.entries(MEASURES).map(([k, v]) => el('option', { value: k, text: v })));
    const legend = el('div', { class: 'legend', id: 'report-legend' });
    const chart = el('div', { id: 'report-chart' });
    const tip = el('p', { class: 'muted', id: 'report-tip', text: 'hover a point for its numbers' });
    const hidden = new Set();
    const labels = [...new Set((report.summaries || []).map(s => s.label))];
    const redraw = () => draw(chart, report, measure.value, hidden, tip);
    labels.forEach((label, i) => {
      const entry = el('span', { text: '● ' + label });
      entry.style.color = COLOURS[i % COLOURS.length];
      entry.addEventListener('click', () => {
        if (hidden.has(label)) hidden.delete(label); else hidden.add(label);
        entry.classList.toggle('off');
        redraw();
      });
      legend.append(entry);
    });
    measure.addEventListener('change', redraw);
    const ctx = report.context || {};
    container.append(el('section', null, el('h2', { text: 'Scaling curves' }),
      el('p', { class: 'muted', text: (ctx.command || []).join(' ') + ' — ' + (ctx.jvm || '') + ', ' + (ctx.processors || '?')
        + ' processors, ' + (ctx.nodesAvailable || '?') + ' node(s), ' + (ctx.startedAt || '') }),
      el('div', { class: 'controls' }, el('label', null, 'measure ', measure), legend), chart, tip,
      ...((report.warnings || []).map(w => el('p', { class: 'error', text: 'WARNING: ' + w })))));
    redraw();
  }

  function show(container, el) {
    const input = el('input', { type: 'file', accept: '.json,application/json', id: 'report-file' });
    const problem = el('p', { class: 'error' });
    const body = el('div');
    container.replaceChildren(el('section', null, el('h2', { text: 'Experiment report' }),
      el('p', null, 'Open a report.json that ', el('code', { text: 'client experiment' }), ' wrote: ', input), problem), body);
    input.addEventListener('change', async () => {
      problem.textContent = '';
      body.replaceChildren();
      try {
        const report = JSON.parse(await input.files[0].text());
        if (!Array.isArray(report.summaries)) throw new Error('no "summaries" array: is this a report.json from client experiment?');
        loaded = report;
        render(body, el, report);
      } catch (e) {
        problem.textContent = 'could not read it: ' + e.message;
      }
    });
    if (loaded) render(body, el, loaded);
  }

  return { show, series };
})();

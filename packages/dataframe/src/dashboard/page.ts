/**
 * The dashboard page: one self-contained HTML document (inline CSS and script, no framework, nothing
 * loaded from elsewhere). It listens to `events` (server-sent events, one `view` message per update)
 * and draws: totals; the task stream (the last 10 s of finished tasks as bars, one lane per worker,
 * coloured by op group); progress per op group of the running computation (bars of done / total,
 * each row carrying `data-group`, `data-done`, `data-total`, `data-erred`; the whole run as
 * `#progress`); and per-worker memory and spilled bytes.
 *
 * @example
 * ```ts
 * res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(dashboardPage());
 * ```
 */

const STYLE = `
:root { --fg: #1d2330; --muted: #6b7385; --line: #e3e6ec; --bg: #f6f7f9; --card: #fff; --done: #2f9e6b; --erred: #d64545; --mem: #3b6fd4; --spill: #e08a1e; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; align-items: baseline; gap: 16px; padding: 12px 20px; background: #1d2330; color: #fff; }
header h1 { margin: 0; font-size: 18px; font-weight: 600; }
#status { font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #555; }
#status[data-state="live"] { background: var(--done); }
#status[data-state="closed"] { background: var(--erred); }
main { padding: 12px 20px 24px; display: grid; gap: 14px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
h2 { margin: 0 0 8px; font-size: 14px; font-weight: 600; }
h2 small { color: var(--muted); font-weight: 400; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; }
.card { min-width: 110px; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: var(--card); }
.card b { display: block; font-size: 18px; font-variant-numeric: tabular-nums; }
.card span { color: var(--muted); font-size: 12px; }
.row { display: grid; grid-template-columns: 180px 1fr 190px; align-items: center; gap: 10px; padding: 2px 0; }
.row .name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-family: ui-monospace, monospace; font-size: 12px; }
.row .num { font-variant-numeric: tabular-nums; font-size: 12px; color: var(--muted); text-align: right; white-space: nowrap; }
.bar { position: relative; height: 14px; background: #eceef2; border-radius: 3px; overflow: hidden; display: flex; }
.bar i { display: block; height: 100%; }
.bar .done { background: var(--done); }
.bar .erred { background: var(--erred); }
.bar .mem { background: var(--mem); }
.bar .spill { background: var(--spill); }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 10px; vertical-align: -1px; }
#legend { font-size: 12px; color: var(--muted); margin-top: 4px; }
#stream { width: 100%; height: 60px; display: block; }
#stream text { font: 11px system-ui, sans-serif; fill: var(--muted); }
.wk { display: grid; grid-template-columns: 80px 1fr 1fr; gap: 10px; align-items: center; padding: 3px 0; }
.wk .cell { display: grid; gap: 2px; }
.wk .num { font-size: 12px; color: var(--muted); font-variant-numeric: tabular-nums; }
.empty { color: var(--muted); font-size: 12px; }
`;

// Plain ES5-style script (no template literals inside), so this file can hold it as a template string.
const SCRIPT = `
(function () {
  "use strict";
  var WINDOW_MS = 10000, KEEP = 5000, LABEL = 70, LANE = 22, GAP = 4, SVG_NS = "http://www.w3.org/2000/svg";
  var tasks = [], lastId = -1, view = null, offset = 0, colors = {};
  var $ = function (id) { return document.getElementById(id); };

  function color(g) {
    if (colors[g]) return colors[g];
    var h = 2166136261;
    for (var i = 0; i < g.length; i++) { h ^= g.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (colors[g] = "hsl(" + ((h >>> 0) % 360) + ", 62%, 50%)");
  }
  function bytes(n) {
    var u = ["B", "KiB", "MiB", "GiB", "TiB"], i = 0;
    while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
    return (i === 0 ? String(n) : n.toFixed(n < 10 ? 2 : 1)) + " " + u[i];
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function bar(parts) {
    var b = el("div", "bar");
    parts.forEach(function (p) { var i = el("i", p[0]); i.style.width = (Math.max(0, Math.min(1, p[1])) * 100).toFixed(2) + "%"; b.appendChild(i); });
    return b;
  }
  function setNum(id, text) { $(id).textContent = text; }

  function apply(v) {
    if (v.reset) { tasks = []; lastId = -1; }
    for (var i = 0; i < v.tasks.length; i++) { var t = v.tasks[i]; if (t.id > lastId) { tasks.push(t); lastId = t.id; } }
    if (tasks.length > 2 * KEEP) tasks = tasks.slice(-KEEP);
    offset = v.now - Date.now();
    view = v;
    render();
  }

  function render() {
    var v = view, t = v.totals;
    setNum("t-workers", String(t.workers));
    setNum("t-done", String(t.tasksDone));
    setNum("t-erred", String(t.tasksErred));
    setNum("t-keys", String(t.keysInMemory));
    setNum("t-memory", bytes(t.memoryBytes));
    setNum("t-spilled", bytes(t.spilledBytes));
    renderProgress(v);
    renderWorkers(v);
    drawStream();
  }

  function progressRow(name, g, id) {
    var r = el("div", "row");
    if (id) r.id = id; else r.setAttribute("data-group", name);
    r.setAttribute("data-done", String(g.done));
    r.setAttribute("data-total", String(g.total));
    r.setAttribute("data-erred", String(g.erred));
    var n = el("div", "name", name);
    n.title = name;
    if (!id) { var s = el("span", "swatch"); s.style.background = color(name); s.style.margin = "0 6px 0 0"; n.prepend(s); }
    r.appendChild(n);
    var total = Math.max(g.total, 1);
    r.appendChild(bar([["done", g.done / total], ["erred", g.erred / total]]));
    r.appendChild(el("div", "num", g.done + " / " + g.total + (g.erred ? " (" + g.erred + " erred)" : "")));
    return r;
  }

  function renderProgress(v) {
    var old = $("progress");
    old.replaceWith(progressRow("all tasks", v.progress, "progress"));
    var rows = v.groups.map(function (g) { return progressRow(g.name, g); });
    var box = $("groups");
    box.replaceChildren.apply(box, rows.length ? rows : [el("div", "empty", "no computation yet")]);
  }

  function renderWorkers(v) {
    var maxSpill = 1;
    v.workers.forEach(function (w) { maxSpill = Math.max(maxSpill, w.spilledBytes); });
    var maxMem = 1;
    v.workers.forEach(function (w) { maxMem = Math.max(maxMem, w.memoryBytes); });
    var rows = v.workers.map(function (w) {
      var r = el("div", "wk");
      r.setAttribute("data-worker", String(w.worker));
      r.setAttribute("data-memory", String(w.memoryBytes));
      r.setAttribute("data-spilled", String(w.spilledBytes));
      r.appendChild(el("div", "name", "worker " + w.worker));
      var mem = el("div", "cell");
      mem.appendChild(bar([["mem", w.memoryBytes / (w.memoryLimit || maxMem)]]));
      mem.appendChild(el("div", "num", bytes(w.memoryBytes) + " in memory" + (w.memoryLimit ? " of " + bytes(w.memoryLimit) : "") + " · " + w.keys + " results · " + w.tasksDone + " tasks"));
      r.appendChild(mem);
      var sp = el("div", "cell");
      sp.appendChild(bar([["spill", w.spilledBytes / maxSpill]]));
      sp.appendChild(el("div", "num", bytes(w.spilledBytes) + " spilled to disk"));
      r.appendChild(sp);
      return r;
    });
    var box = $("workers");
    box.replaceChildren.apply(box, rows.length ? rows : [el("div", "empty", "no workers")]);
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG_NS, tag);
    for (var k in attrs) e.setAttribute(k, String(attrs[k]));
    return e;
  }

  function drawStream() {
    if (!view) return;
    var s = $("stream");
    var lanes = view.workers.map(function (w) { return w.worker; });
    tasks.forEach(function (t) { if (lanes.indexOf(t.worker) < 0) lanes.push(t.worker); });
    lanes.sort(function (a, b) { return a - b; });
    var width = Math.max(200, s.clientWidth || 800);
    var height = Math.max(1, lanes.length) * (LANE + GAP) + 18;
    s.setAttribute("viewBox", "0 0 " + width + " " + height);
    s.style.height = height + "px";
    var now = Date.now() + offset, from = now - WINDOW_MS, span = width - LABEL;
    var nodes = [];
    lanes.forEach(function (w, i) {
      var y = i * (LANE + GAP);
      nodes.push(svg("rect", { x: LABEL, y: y, width: span, height: LANE, fill: "#f1f3f6" }));
      var label = svg("text", { x: 0, y: y + LANE / 2 + 4 });
      label.textContent = "worker " + w;
      nodes.push(label);
    });
    var drawn = 0, seen = {};
    for (var i = tasks.length - 1; i >= 0; i--) {
      var t = tasks[i];
      if (t.end < from) break;
      var lane = lanes.indexOf(t.worker);
      var x0 = LABEL + Math.max(0, (t.start - from) / WINDOW_MS) * span;
      var x1 = LABEL + Math.min(1, (t.end - from) / WINDOW_MS) * span;
      var r = svg("rect", { x: x0.toFixed(1), y: lane * (LANE + GAP) + 2, width: Math.max(1, x1 - x0).toFixed(1), height: LANE - 4, fill: color(t.group) });
      var title = svg("title", {});
      title.textContent = t.key + " · worker " + t.worker + " · " + (t.end - t.start).toFixed(1) + " ms";
      r.appendChild(title);
      nodes.push(r);
      seen[t.group] = true;
      drawn++;
    }
    var axisY = lanes.length * (LANE + GAP) + 12;
    [10, 5, 0].forEach(function (sec) {
      var tx = svg("text", { x: LABEL + (1 - sec * 1000 / WINDOW_MS) * span - (sec === 0 ? 22 : 0), y: axisY });
      tx.textContent = sec === 0 ? "now" : "-" + sec + " s";
      nodes.push(tx);
    });
    s.replaceChildren.apply(s, nodes);
    s.setAttribute("data-tasks", String(drawn));
    var legend = $("legend");
    var items = [];
    Object.keys(seen).sort().forEach(function (g) {
      var sw = el("span", "swatch"); sw.style.background = color(g);
      items.push(sw, document.createTextNode(g));
    });
    legend.replaceChildren.apply(legend, items);
  }

  function status(state, text) { var s = $("status"); s.setAttribute("data-state", state); s.textContent = text; }
  var es = new EventSource("events");
  es.addEventListener("view", function (m) { apply(JSON.parse(m.data)); });
  es.onopen = function () { status("live", "live"); };
  es.onerror = function () { status(es.readyState === 2 ? "closed" : "connecting", es.readyState === 2 ? "disconnected" : "reconnecting…"); };
  setInterval(drawStream, 250);
})();
`;

const BODY = `
<header><h1>Dusk dashboard</h1><span id="status" data-state="connecting">connecting…</span></header>
<main>
  <section class="cards" aria-label="totals">
    <div class="card"><b id="t-workers">–</b><span>workers</span></div>
    <div class="card"><b id="t-done">–</b><span>tasks done</span></div>
    <div class="card"><b id="t-erred">–</b><span>tasks erred</span></div>
    <div class="card"><b id="t-keys">–</b><span>results held</span></div>
    <div class="card"><b id="t-memory">–</b><span>in memory</span></div>
    <div class="card"><b id="t-spilled">–</b><span>spilled to disk</span></div>
  </section>
  <section><h2>Task stream <small>last 10 s · one lane per worker · colour by op</small></h2><svg id="stream" role="img" aria-label="task stream"></svg><div id="legend"></div></section>
  <section><h2>Progress <small>per op, of the computation running now</small></h2><div id="progress" data-done="0" data-total="0" data-erred="0"></div><div id="groups"></div></section>
  <section><h2>Workers <small>memory and bytes spilled to disk</small></h2><div id="workers"></div></section>
</main>`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dusk dashboard</title>
<style>${STYLE}</style>
</head>
<body>${BODY}
<script>${SCRIPT}</script>
</body>
</html>
`;

/** The page's HTML. */
export function dashboardPage(): string {
  return PAGE;
}

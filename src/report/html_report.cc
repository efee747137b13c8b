#include "report/html_report.h"

#include <algorithm>
#include <map>

#include "base/file.h"
#include "base/strings.h"
#include "report/json_writer.h"

namespace mb::report {
namespace {

// The page's style: plain, printable, readable without the script's drawings.
constexpr const char* kStyle = R"CSS(
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto;
       max-width: 1200px; padding: 16px 24px; color: #1d2330; background: #fff; }
h1 { font-size: 22px; margin: 8px 0 4px; word-break: break-all; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid #d5dae3; padding-bottom: 4px;
     word-break: break-all; }
h3 { font-size: 15px; margin: 20px 0 6px; }
.sub, .note { color: #5b6475; font-size: 12px; }
table { border-collapse: collapse; margin: 4px 0; font-size: 12px; }
th, td { border: 1px solid #d5dae3; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
th.sortable { cursor: pointer; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; background: #f6f7fa; }
.facts th { background: none; font-weight: 600; white-space: nowrap; }
.scroll { overflow: auto; max-height: 720px; border: 1px solid #e3e6ec; }
svg text { font: 11px system-ui, sans-serif; fill: #1d2330; }
svg .small { font-size: 9px; fill: #4a5263; }
.legend span { display: inline-block; margin: 2px 10px 2px 0; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
#render-status { color: #5b6475; font-size: 11px; margin-top: 32px; }
#render-status.error { color: #b00020; font-size: 14px; white-space: pre-wrap; }
)CSS";

// Draws the report from the JSON in #report-data. Builds DOM nodes (never innerHTML), so the
// names in a model cannot inject markup. Ends by writing "ok" into #render-status, or the
// error if anything threw: the headless-Chromium test reads that element.
constexpr const char* kScript = R"JS(
(function() {
'use strict';
var SVGNS = 'http://www.w3.org/2000/svg';
var TOP_N = 15, MAX_BARS = 30, MAX_DRAWN_NODES = 500;
var statusBox = document.getElementById('render-status');
function fail(message) {
  statusBox.textContent = 'error: ' + message;
  statusBox.className = 'error';
}
window.onerror = function(message, source, line) {
  fail(message + ' (line ' + line + ')');
};

function append(parent, children) {
  if (children === null || children === undefined) return parent;
  if (!Array.isArray(children)) children = [children];
  children.forEach(function(c) {
    if (c === null || c === undefined) return;
    if (Array.isArray(c)) {
      append(parent, c);
    } else {
      parent.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
    }
  });
  return parent;
}
function el(tag, attrs, children) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function(k) {
    e.setAttribute(k, attrs[k]);
  });
  return append(e, children);
}
function sv(tag, attrs, children) {
  var e = document.createElementNS(SVGNS, tag);
  Object.keys(attrs || {}).forEach(function(k) {
    e.setAttribute(k, attrs[k]);
  });
  return append(e, children);
}

function fmtInt(n) {
  return Math.round(n).toLocaleString('en-US');
}
function fmtSi(n) {
  var units = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
  for (var i = 0; i < units.length; i++) {
    if (Math.abs(n) >= units[i][0]) return (n / units[i][0]).toFixed(2) + ' ' + units[i][1];
  }
  return String(Math.round(n));
}
function fmtBytes(n) {
  var units = [[1 << 30, 'GiB'], [1 << 20, 'MiB'], [1 << 10, 'KiB']];
  for (var i = 0; i < units.length; i++) {
    if (n >= units[i][0]) return (n / units[i][0]).toFixed(1) + ' ' + units[i][1];
  }
  return Math.round(n) + ' B';
}
function fmtTime(ns) {
  if (ns >= 1e6) return (ns / 1e6).toFixed(3) + ' ms';
  if (ns >= 1e3) return (ns / 1e3).toFixed(1) + ' \u00b5s';
  return Math.round(ns) + ' ns';
}
function pct(part, whole) {
  return whole > 0 ? (100 * part / whole).toFixed(1) + '%' : '';
}
function color(name) {
  var h = 0;
  for (var i = 0; i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) >>> 0;
  return 'hsl(' + (h % 360) + ',55%,' + (52 + (h >> 9) % 16) + '%)';
}
function clip(text, n) {
  return text.length > n ? text.slice(0, n - 1) + '\u2026' : text;
}

// A table; cells are strings or {text, num: true, value} for right-aligned numbers that
// sort by value. sortable: clicking a header sorts by that column.
function table(header, rows, options) {
  options = options || {};
  var t = el('table', {'class': options.cls || ''});
  var head = el('tr');
  var body = el('tbody');
  header.forEach(function(h, c) {
    var numeric = rows.length > 0 && typeof rows[0][c] === 'object';
    var th = el('th', {'class': (numeric ? 'num' : '') + (options.sortable ? ' sortable' : '')}, h);
    if (options.sortable) {
      var descending = false;
      th.addEventListener('click', function() {
        descending = !descending;
        var trs = Array.prototype.slice.call(body.querySelectorAll('tr:not(.total)'));
        trs.sort(function(a, b) {
          var x = a.children[c].getAttribute('data-v'), y = b.children[c].getAttribute('data-v');
          var nx = Number(x), ny = Number(y);
          var r = (x !== '' && y !== '' && !isNaN(nx) && !isNaN(ny)) ? nx - ny :
                                                                       String(x).localeCompare(y);
          return descending ? -r : r;
        });
        var total = body.querySelector('tr.total');
        trs.forEach(function(tr) {
          body.appendChild(tr);
        });
        if (total) body.appendChild(total);
      });
    }
    head.appendChild(th);
  });
  t.appendChild(el('thead', {}, head));
  function row(cells, cls) {
    var tr = el('tr', cls ? {'class': cls} : {});
    cells.forEach(function(cell) {
      if (cell !== null && typeof cell === 'object') {
        tr.appendChild(el('td', {'class': 'num', 'data-v': String(cell.value)}, cell.text));
      } else {
        tr.appendChild(el('td', {'data-v': String(cell)}, String(cell)));
      }
    });
    body.appendChild(tr);
  }
  rows.forEach(function(r) {
    row(r);
  });
  if (options.total) row(options.total, 'total');
  t.appendChild(body);
  return t;
}
function num(value, text) {
  return {value: value, text: text === undefined ? fmtInt(value) : text};
}

// Horizontal bars, largest first; items: [{label, value}].
function barChart(items, format) {
  items = items.filter(function(it) {
    return it.value > 0;
  });
  items.sort(function(a, b) {
    return b.value - a.value || (a.label < b.label ? -1 : 1);
  });
  var whole = items.reduce(function(s, it) {
    return s + it.value;
  }, 0);
  if (items.length > MAX_BARS) {
    var rest = items.slice(MAX_BARS - 1);
    items = items.slice(0, MAX_BARS - 1);
    items.push({
      label: '(' + rest.length + ' more)',
      value: rest.reduce(
          function(s, it) {
            return s + it.value;
          },
          0)
    });
  }
  var rowH = 20, labelW = 200, barW = 520, valueW = 200;
  var max = items.length ? items[0].value : 1;
  var s = sv('svg', {
    'class': 'bars',
    width: labelW + barW + valueW,
    height: items.length * rowH + 4,
    role: 'img'
  });
  items.forEach(function(it, i) {
    var y = i * rowH, w = Math.max(1, barW * it.value / max);
    var text = format(it.value) + '  (' + pct(it.value, whole) + ')';
    s.appendChild(sv('g', {'class': 'bar', 'data-label': it.label}, [
      sv('text', {x: labelW - 6, y: y + 14, 'text-anchor': 'end'}, clip(it.label, 30)),
      sv('rect', {x: labelW, y: y + 3, width: w, height: rowH - 6, fill: color(it.label)},
         sv('title', {}, it.label + ': ' + text)),
      sv('text', {x: labelW + w + 6, y: y + 14}, text)
    ]));
  });
  return s;
}
function byOpType(nodes, value) {
  var sums = {};
  nodes.forEach(function(n) {
    var v = value(n);
    if (v > 0) sums[n.op_type] = (sums[n.op_type] || 0) + v;
  });
  return Object.keys(sums).map(function(k) {
    return {label: k, value: sums[k]};
  });
}

// One profiled run as a waterfall: a row per step, x = time from the run's start.
function timeline(model) {
  var steps = model.timeline, nodes = model.nodes;
  var end = steps.reduce(function(m, s) {
    return Math.max(m, s[1] + s[2]);
  }, 0) || 1;
  var rowH = steps.length > 200 ? 3 : steps.length > 80 ? 5 : 8;
  var left = 10, width = 1000, axisH = 24;
  var s = sv('svg', {
    'class': 'timeline',
    width: width + 2 * left,
    height: steps.length * rowH + axisH + 6,
    role: 'img'
  });
  for (var k = 0; k <= 5; k++) {
    var x = left + width * k / 5;
    s.appendChild(sv(
        'line', {x1: x, x2: x, y1: axisH - 6, y2: axisH + steps.length * rowH, stroke: '#e3e6ec'}));
    s.appendChild(
        sv('text',
           {x: x,
            y: 12,
            'text-anchor': k === 0 ? 'start' :
                k === 5            ? 'end' :
                                     'middle'},
           fmtTime(end * k / 5)));
  }
  var seen = {};
  steps.forEach(function(st, i) {
    var n = nodes[st[0]];
    seen[n.op_type] = true;
    s.appendChild(
        sv('rect', {
          x: left + width * st[1] / end,
          y: axisH + i * rowH,
          width: Math.max(0.5, width * st[2] / end),
          height: Math.max(1, rowH - 1),
          fill: color(n.op_type),
          'data-node': n.name
        },
           sv('title', {},
              n.name + ' (' + n.op_type + '): ' + fmtTime(st[2]) + ' at ' + fmtTime(st[1]))));
  });
  var legend = el('div', {'class': 'legend'});
  Object.keys(seen).sort().forEach(function(op) {
    legend.appendChild(el('span', {}, [el('i', {style: 'background:' + color(op)}), op]));
  });
  return [el('div', {'class': 'scroll'}, s), legend];
}

// Layered drawing: constants are left out; every other node sits one layer above its
// nearest consumer (so weights and their reads stay next to the op that uses them) and
// below all its inputs. Within a layer, nodes are ordered by their inputs' positions.
function graphDrawing(model, shown) {
  var nodes = model.nodes, isShown = {};
  shown.forEach(function(i) {
    isShown[i] = true;
  });
  var preds = {}, succs = {};
  shown.forEach(function(i) {
    preds[i] = [];
    succs[i] = [];
  });
  shown.forEach(function(i) {
    var unique = {};
    nodes[i].inputs.forEach(function(p) {
      if (isShown[p] && p !== i && !unique[p]) {
        unique[p] = true;
        preds[i].push(p);
        succs[p].push(i);
      }
    });
  });
  // Topological order (Kahn); nodes on cycles go last in index order.
  var indeg = {}, order = [], queue = [];
  shown.forEach(function(i) {
    indeg[i] = preds[i].length;
    if (!indeg[i]) queue.push(i);
  });
  for (var q = 0; q < queue.length; q++) {
    order.push(queue[q]);
    succs[queue[q]].forEach(function(c) {
      if (--indeg[c] === 0) queue.push(c);
    });
  }
  var placed = {};
  order.forEach(function(i) {
    placed[i] = true;
  });
  shown.forEach(function(i) {
    if (!placed[i]) order.push(i);
  });
  var layer = {};
  order.forEach(function(i) {
    layer[i] = 0;
    preds[i].forEach(function(p) {
      if (layer[p] !== undefined) layer[i] = Math.max(layer[i], layer[p] + 1);
    });
  });
  for (var r = order.length - 1; r >= 0; r--) {
    var i = order[r];
    var below = succs[i]
                    .filter(function(c) {
                      return layer[c] > layer[i];
                    })
                    .map(function(c) {
                      return layer[c];
                    });
    if (below.length) layer[i] = Math.max(layer[i], Math.min.apply(null, below) - 1);
  }
  var layers = [];
  order.forEach(function(i) {
    (layers[layer[i]] = layers[layer[i]] || []).push(i);
  });
  layers = layers.filter(function(l) {
    return l && l.length;
  });
  var pos = {};
  layers.forEach(function(l) {
    var key = {};
    l.forEach(function(i, k) {
      var ps = preds[i].filter(function(p) {
        return pos[p] !== undefined;
      });
      key[i] = ps.length ? ps.reduce(function(s, p) {
        return s + pos[p];
      }, 0) / ps.length : k;
    });
    l.sort(function(a, b) {
      return key[a] - key[b] || a - b;
    });
    l.forEach(function(i, k) {
      pos[i] = k - (l.length - 1) / 2;
    });
  });
  var boxW = 150, boxH = 34, gapX = 18, gapY = 30;
  var widest = layers.reduce(function(m, l) {
    return Math.max(m, l.length);
  }, 1);
  // The extra box width on the right leaves room for the bows of skip edges.
  var width = (widest + 1) * (boxW + gapX) + gapX, height = layers.length * (boxH + gapY) + gapY;
  var cx = {}, cy = {}, row = {};
  layers.forEach(function(l, li) {
    l.forEach(function(i) {
      cx[i] = (widest * (boxW + gapX) + gapX) / 2 + pos[i] * (boxW + gapX);
      cy[i] = gapY + li * (boxH + gapY);
      row[i] = li;
    });
  });
  var s = sv('svg', {'class': 'graph', width: width, height: height, role: 'img'});
  var edges = sv('g', {fill: 'none', stroke: '#8a93a6', 'stroke-width': 1});
  shown.forEach(function(i) {
    preds[i].forEach(function(p) {
      var x1 = cx[p], y1 = cy[p] + boxH, x2 = cx[i], y2 = cy[i], m = (y1 + y2) / 2;
      var d = 'M' + x1 + ',' + y1 + ' C' + x1 + ',' + m + ' ' + x2 + ',' + m + ' ' + x2 + ',' + y2;
      if (row[i] - row[p] > 1) {
        // A skip edge (a residual connection) bows out to the right, clear of the boxes
        // between its ends.
        var xr = Math.max(x1, x2) + boxW * 0.85;
        d = 'M' + x1 + ',' + y1 + ' C' + xr + ',' + y1 + ' ' + xr + ',' + y2 + ' ' + x2 + ',' + y2;
      }
      edges.appendChild(sv('path', {d: d}));
    });
  });
  s.appendChild(edges);
  shown.forEach(function(i) {
    var n = nodes[i], x = cx[i] - boxW / 2, y = cy[i];
    s.appendChild(sv('g', {'class': 'node', 'data-node': n.name}, [
      sv('title', {},
         n.name + '\n' + n.op_type + (n.output_shape ? ' ' + n.output_shape : '') +
             (n.cost ? '\n' + fmtSi(n.cost.flops) + ' FLOPs' : '') +
             (n.time_ns !== null ? '\n' + fmtTime(n.time_ns) : '')),
      sv('rect', {
        x: x,
        y: y,
        width: boxW,
        height: boxH,
        rx: 4,
        fill: color(n.op_type),
        'fill-opacity': 0.35,
        stroke: color(n.op_type)
      }),
      sv('text', {x: x + 5, y: y + 14}, clip(n.op_type, 24)),
      sv('text', {x: x + 5, y: y + 27, 'class': 'small'}, clip(n.name, 28))
    ]));
  });
  return el('div', {'class': 'scroll'}, s);
}

function graphSection(model) {
  // Constants, and nodes computed from constants only (TF's Identity reads of weights), are
  // not drawn: they would double the drawing and say little.
  var nodes = model.nodes, shown = [], constant = [];
  function isConstant(i, depth) {
    if (constant[i] !== undefined) return constant[i];
    var n = nodes[i];
    constant[i] = false;  // a cycle or a deep chain counts as not constant
    if (n.reads_graph_input) {
      constant[i] = false;
    } else if (n.inputs.length === 0) {
      constant[i] = n.op_type === 'Const' || n.op_type === 'Constant';
    } else if (depth < 64) {
      constant[i] = n.inputs.every(function(p) {
        return isConstant(p, depth + 1);
      });
    }
    return constant[i];
  }
  nodes.forEach(function(n, i) {
    if (!isConstant(i, 0)) shown.push(i);
  });
  var hidden = nodes.length - shown.length;
  var note =
      el('p', {'class': 'note'},
         shown.length + ' nodes' +
             (hidden ? '; ' + hidden + ' constant nodes (constants and nodes computed from ' +
                      'constants only) are not drawn' :
                       '') +
             '. Hover over a node for its name, output shape, FLOPs and time.');
  if (shown.length === 0) return [el('p', {}, 'The graph has no nodes to draw.')];
  if (shown.length <= MAX_DRAWN_NODES) return [note, graphDrawing(model, shown)];
  var rows = shown.map(function(i) {
    var n = nodes[i];
    return [
      n.name, n.op_type, n.output_shape,
      n.inputs
          .map(function(p) {
            return nodes[p].name;
          })
          .join(', ')
    ];
  });
  return [
    el('p', {'class': 'note'},
       shown.length + ' nodes are too many to draw (more than ' + MAX_DRAWN_NODES +
           '); here is each node with its inputs.'),
    el('div', {'class': 'scroll'}, table(['node', 'op type', 'output shape', 'inputs'], rows))
  ];
}

function topTable(nodes, value, format, valueName) {
  var whole = nodes.reduce(function(s, n) {
    return s + Math.max(0, value(n));
  }, 0);
  var ranked = nodes.filter(function(n) {
    return value(n) > 0;
  });
  ranked.sort(function(a, b) {
    return value(b) - value(a);
  });
  var rows = ranked.slice(0, TOP_N).map(function(n, k) {
    return [
      num(k + 1), n.name, n.op_type, n.output_shape, num(value(n), format(value(n))),
      num(100 * value(n) / whole, pct(value(n), whole))
    ];
  });
  return table(['#', 'node', 'op type', 'output shape', valueName, 'share'], rows);
}

function costTable(model) {
  var nodes = model.nodes, timed = nodes.some(function(n) {
    return n.time_ns !== null;
  });
  var header = [
    '#', 'op type', 'name', 'output shape', 'params', 'FLOPs', 'MACs', 'bytes read',
    'bytes written', 'FLOP/B'
  ];
  if (timed) header.push('time');
  var t = {parameters: 0, flops: 0, macs: 0, bytes_read: 0, bytes_written: 0};
  function intensity(c) {
    var b = c.bytes_read + c.bytes_written;
    return b > 0 ? c.flops / b : 0;
  }
  var rows = model.cost_order.map(function(i, k) {
    var n = nodes[i], c = n.cost;
    Object.keys(t).forEach(function(f) {
      t[f] += c[f];
    });
    var r = [
      num(k + 1), n.op_type, n.name, n.output_shape, num(c.parameters), num(c.flops), num(c.macs),
      num(c.bytes_read), num(c.bytes_written), num(intensity(c), intensity(c).toFixed(2))
    ];
    if (timed) r.push(n.time_ns === null ? num(-1, '') : num(n.time_ns, fmtTime(n.time_ns)));
    return r;
  });
  var total = [
    num(rows.length, ''), 'total', rows.length + ' nodes', '', num(t.parameters), num(t.flops),
    num(t.macs), num(t.bytes_read), num(t.bytes_written), num(intensity(t), intensity(t).toFixed(2))
  ];
  if (timed) total.push(num(0, ''));
  return el('div', {'class': 'scroll'}, table(header, rows, {sortable: true, total: total}));
}

function section(id, title, content, note) {
  return el(
      'section', {id: id},
      [el('h3', {}, title), note ? el('p', {'class': 'note'}, note) : null, content]);
}

function renderModel(model, m) {
  var box = el('div', {'class': 'model', id: 'm' + m});
  var nodes = model.nodes;
  box.appendChild(el('h2', {}, model.label));
  var id = function(key) {
    return 'm' + m + '-' + key;
  };
  box.appendChild(section(
      id('facts'), 'Model',
      table(
          ['', ''], model.facts.map(function(f) {
            return [f[0], f[1]];
          }),
          {cls: 'facts'})));
  var timed = nodes.filter(function(n) {
    return n.time_ns !== null;
  });
  var costed = nodes.filter(function(n) {
    return n.cost !== null;
  });
  if (timed.length) {
    box.appendChild(section(
        id('op-time'), 'Time by op type',
        barChart(
            byOpType(
                timed,
                function(n) {
                  return n.time_ns;
                }),
            fmtTime),
        'Mean time per run over ' + model.profiled_runs + ' profiled run(s).'));
  }
  if (costed.length) {
    box.appendChild(section(
        id('op-flops'), 'FLOPs by op type',
        barChart(byOpType(costed, function(n) {
                   return n.cost.flops;
                 }), fmtSi), 'FLOPs convention: ' + model.flops_convention + '.'));
  }
  var counts = model.op_types.length ? model.op_types.map(function(o) {
    return {label: o[0], value: o[1]};
  }) :
                                       byOpType(nodes, function() {
                                         return 1;
                                       });
  box.appendChild(section(id('op-count'), 'Nodes by op type', barChart(counts, fmtInt)));
  if (model.timeline.length) {
    box.appendChild(section(
        id('timeline'), 'Timeline of one run', timeline(model),
        model.timeline.length + ' steps of the profiled run with the median ' +
            'total time; each row is one step.'));
  }
  if (timed.length) {
    box.appendChild(section(id('top-time'), 'Top nodes by time', topTable(timed, function(n) {
                              return n.time_ns;
                            }, fmtTime, 'time')));
  }
  if (costed.length) {
    box.appendChild(section(id('top-flops'), 'Top nodes by FLOPs', topTable(costed, function(n) {
                              return n.cost.flops;
                            }, fmtSi, 'FLOPs')));
    box.appendChild(
        section(id('top-memory'), 'Top nodes by memory', topTable(costed, function(n) {
                  return n.cost.bytes_written;
                }, fmtBytes, 'bytes written'), 'Activation bytes each node writes per run.'));
    box.appendChild(
        section(id('cost'), 'Cost per node', costTable(model), 'Click a column header to sort.'));
  } else {
    box.appendChild(section(
        id('cost'), 'Cost per node',
        el('p', {},
           'This report has no cost analysis (run modelbench analyze ' +
               'or benchmark for FLOPs, bytes and times).')));
  }
  box.appendChild(section(id('graph'), 'Graph', graphSection(model)));
  return box;
}

function render(data) {
  var root = document.getElementById('report');
  root.appendChild(el('h1', {}, data.title));
  root.appendChild(el('p', {'class': 'sub'}, 'modelbench ' + data.command + ' report'));
  data.tables.forEach(function(t, k) {
    root.appendChild(section('t' + k, t.title, table(t.header, t.rows), t.note));
  });
  data.models.forEach(function(model, m) {
    root.appendChild(renderModel(model, m));
  });
}

try {
  render(JSON.parse(document.getElementById('report-data').textContent));
  statusBox.textContent = 'ok';
  statusBox.className = 'ok';
} catch (e) {
  fail(e && e.stack ? e.stack : String(e));
}
})();
)JS";

std::string HtmlEscape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// JSON that is safe inside <script>: '<' only occurs inside JSON strings, where \u003c means
// the same, so no "</script>" or "<!--" can end or confuse the element.
std::string ScriptSafe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') {
      out += "\\u003c";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DataJson(const HtmlReport& report) {
  JsonWriter json;
  json.BeginObject();
  json.Key("schema").String(kHtmlDataSchema);
  json.Key("title").String(report.title);
  json.Key("command").String(report.command);
  json.Key("tables").BeginArray();
  for (const HtmlTable& table : report.tables) {
    json.BeginObject();
    json.Key("title").String(table.title);
    json.Key("header").BeginArray();
    for (const std::string& h : table.header) json.String(h);
    json.EndArray();
    json.Key("rows").BeginArray();
    for (const auto& row : table.rows) {
      json.BeginArray();
      for (const std::string& cell : row) json.String(cell);
      json.EndArray();
    }
    json.EndArray();
    json.Key("note").String(table.note);
    json.EndObject();
  }
  json.EndArray();
  json.Key("models").BeginArray();
  for (const HtmlModel& model : report.models) {
    const int num_nodes = static_cast<int>(model.nodes.size());
    json.BeginObject();
    json.Key("label").String(model.label);
    json.Key("facts").BeginArray();
    for (const auto& [key, value] : model.facts)
      json.BeginArray().String(key).String(value).EndArray();
    json.EndArray();
    json.Key("op_types").BeginArray();
    for (const analysis::OpTypeCount& op : model.op_types) {
      json.BeginArray().String(op.op_type).Int(op.count).EndArray();
    }
    json.EndArray();
    json.Key("flops_convention").String(model.flops_convention);
    json.Key("profiled_runs").Int(model.profiled_runs);
    // Cost rows in the order the analysis listed them (topological).
    json.Key("cost_order").BeginArray();
    for (int i : model.cost_order) {
      if (i >= 0 && i < num_nodes && model.nodes[i].has_cost) json.Int(i);
    }
    json.EndArray();
    json.Key("nodes").BeginArray();
    for (const HtmlNode& node : model.nodes) {
      json.BeginObject();
      json.Key("name").String(node.name);
      json.Key("op_type").String(node.op_type);
      json.Key("output_shape").String(node.output_shape);
      json.Key("inputs").BeginArray();
      for (int input : node.inputs) {
        if (input >= 0 && input < num_nodes) json.Int(input);
      }
      json.EndArray();
      json.Key("reads_graph_input").Bool(node.reads_graph_input);
      json.Key("cost");
      if (node.has_cost) {
        json.BeginObject();
        json.Key("parameters").Int(node.parameters);
        json.Key("flops").Int(node.flops);
        json.Key("macs").Int(node.macs);
        json.Key("bytes_read").Int(node.bytes_read);
        json.Key("bytes_written").Int(node.bytes_written);
        json.EndObject();
      } else {
        json.Null();
      }
      json.Key("time_ns");
      if (node.time_ns >= 0) {
        json.Double(node.time_ns);
      } else {
        json.Null();
      }
      json.EndObject();
    }
    json.EndArray();
    json.Key("timeline").BeginArray();
    for (const HtmlTimelineStep& step : model.timeline) {
      if (step.node < 0 || step.node >= num_nodes) continue;
      json.BeginArray().Int(step.node).Int(step.start_ns).Int(step.duration_ns).EndArray();
    }
    json.EndArray();
    json.EndObject();
  }
  json.EndArray();
  json.EndObject();
  return json.str();
}

std::string ShapeText(const ir::Shape& shape) { return shape.rank_known() ? shape.ToString() : ""; }

std::string TensorsText(const std::vector<analysis::TensorSummary>& tensors) {
  std::vector<std::string> parts;
  for (const analysis::TensorSummary& t : tensors) {
    std::string part = t.name;
    // Appended piece by piece: `" " + std::string(...)` trips GCC 12's -Wrestrict.
    if (t.dtype != ir::DType::kInvalid) part.append(" ").append(ir::DTypeName(t.dtype));
    if (t.shape.rank_known()) part.append(" ").append(t.shape.ToString());
    parts.push_back(part);
  }
  return parts.empty() ? "none" : Join(parts, "; ");
}

}  // namespace

std::string RenderHtmlReport(const HtmlReport& report) {
  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta name=\"generator\" content=\"modelbench\">\n";
  html += "<title>" + HtmlEscape(report.title) + "</title>\n";
  html += "<style>" + std::string(kStyle) + "</style>\n</head>\n<body>\n";
  html += "<main id=\"report\"></main>\n";
  html +=
      "<div id=\"render-status\">This report is drawn by JavaScript; enable it to see the "
      "report.</div>\n";
  html += "<script type=\"application/json\" id=\"report-data\">\n" + ScriptSafe(DataJson(report)) +
          "</script>\n";
  html += "<script>" + std::string(kScript) + "</script>\n";
  html += "</body>\n</html>\n";
  return html;
}

Status WriteHtmlReport(const std::string& path, const HtmlReport& report) {
  return WriteFileAtomically(path, RenderHtmlReport(report));
}

HtmlModel HtmlModelFromGraph(const ir::Graph& graph, const ir::ModelInfo& info) {
  HtmlModel model;
  model.label = info.path;
  model.facts.push_back({"Model", info.path});
  if (!info.format.empty()) model.facts.push_back({"Format", info.format});
  if (!info.producer.empty()) model.facts.push_back({"Producer", info.producer});
  if (info.file_bytes > 0) {
    model.facts.push_back(
        {"File size", HumanBytes(info.file_bytes) + " (" +
                          WithThousandsSeparators(static_cast<int64_t>(info.file_bytes)) +
                          " bytes)"});
  }
  model.facts.push_back(
      {"Nodes", WithThousandsSeparators(static_cast<int64_t>(graph.nodes().size()))});
  model.nodes.reserve(graph.nodes().size());
  for (const ir::Node& node : graph.nodes()) {
    HtmlNode out;
    out.name = node.name;
    out.op_type = node.op_type;
    if (!node.outputs.empty() && node.outputs[0] >= 0) {
      out.output_shape = ShapeText(graph.value(node.outputs[0]).shape);
    }
    for (ir::ValueId input : node.inputs) {
      if (input < 0 || input >= static_cast<ir::ValueId>(graph.values().size())) continue;
      const ir::Value& value = graph.value(input);
      if (value.producer != ir::kNoNode) {
        out.inputs.push_back(value.producer);
      } else if (value.constant == nullptr) {
        out.reads_graph_input = true;  // so the graph drawing never takes it for a constant
      }
    }
    model.nodes.push_back(std::move(out));
  }
  return model;
}

void AddSummary(const analysis::ModelSummary& summary, HtmlModel* model) {
  model->facts.push_back({"Inputs", TensorsText(summary.inputs)});
  model->facts.push_back({"Outputs", TensorsText(summary.outputs)});
  model->facts.push_back(
      {"Parameters", WithThousandsSeparators(summary.floating_point_parameters) +
                         " floating-point (" + HumanBytes(summary.constant_bytes) + " in " +
                         WithThousandsSeparators(summary.constant_tensors) + " constants)"});
  model->facts.push_back(
      {"Op types", WithThousandsSeparators(static_cast<int64_t>(summary.op_types.size()))});
  if (summary.num_functions > 0) {
    model->facts.push_back({"Functions", WithThousandsSeparators(summary.num_functions) + " (" +
                                             WithThousandsSeparators(summary.num_function_nodes) +
                                             " nodes)"});
  }
  model->facts.push_back({"Control edges", WithThousandsSeparators(summary.control_edges)});
  model->op_types = summary.op_types;
}

void AddCost(const analysis::CostReport& cost, HtmlModel* model) {
  const bool tf = cost.convention == analysis::FlopsConvention::kTensorFlow;
  model->flops_convention = tf ? "tf" : "full";
  for (const analysis::NodeCost& c : cost.nodes) {
    if (c.node < 0 || c.node >= static_cast<ir::NodeId>(model->nodes.size())) continue;
    HtmlNode& node = model->nodes[c.node];
    node.has_cost = true;
    node.output_shape = c.output_shape;
    node.parameters = c.parameters;
    node.flops = c.flops;
    node.macs = c.macs;
    node.bytes_read = c.bytes_read;
    node.bytes_written = c.bytes_written;
    model->cost_order.push_back(c.node);
  }
  model->facts.push_back({"FLOPs convention", tf ? "tf (TensorFlow benchmark_model's estimate)"
                                                 : "full (every op's cost function)"});
  model->facts.push_back({"FLOPs", WithThousandsSeparators(cost.total.flops)});
  model->facts.push_back({"MACs", WithThousandsSeparators(cost.total.macs)});
  model->facts.push_back({"Parameters read", WithThousandsSeparators(cost.total.parameters)});
  model->facts.push_back({"Bytes read / written", HumanBytes(cost.total.bytes_read) + " / " +
                                                      HumanBytes(cost.total.bytes_written)});
  if (!cost.uncounted_op_types.empty()) {
    std::vector<std::string> parts;
    for (const auto& [op, count] : cost.uncounted_op_types) {
      parts.push_back(std::to_string(count) + " " + op);
    }
    model->facts.push_back({"Not counted", Join(parts, ", ")});
  }
}

void AddProfile(const std::vector<ir::NodeId>& step_nodes,
                const std::vector<std::vector<int64_t>>& runs_ns, HtmlModel* model) {
  const int num_nodes = static_cast<int>(model->nodes.size());
  std::vector<const std::vector<int64_t>*> runs;
  for (const auto& run : runs_ns) {
    if (run.size() == step_nodes.size()) runs.push_back(&run);
  }
  if (runs.empty()) return;
  std::map<int, double> sum_ns;
  std::vector<std::pair<int64_t, size_t>> totals;  // (run total, run index)
  for (size_t r = 0; r < runs.size(); ++r) {
    int64_t total = 0;
    for (size_t s = 0; s < step_nodes.size(); ++s) {
      const int64_t ns = std::max<int64_t>((*runs[r])[s], 0);
      total += ns;
      if (step_nodes[s] >= 0 && step_nodes[s] < num_nodes) sum_ns[step_nodes[s]] += ns;
    }
    totals.push_back({total, r});
  }
  for (const auto& [node, ns] : sum_ns) {
    model->nodes[node].time_ns = ns / static_cast<double>(runs.size());
  }
  model->profiled_runs = static_cast<int>(runs.size());
  std::sort(totals.begin(), totals.end());
  const std::vector<int64_t>& median = *runs[totals[(totals.size() - 1) / 2].second];
  model->timeline.clear();
  int64_t t = 0;
  for (size_t s = 0; s < step_nodes.size(); ++s) {
    const int64_t ns = std::max<int64_t>(median[s], 0);
    if (step_nodes[s] >= 0 && step_nodes[s] < num_nodes) {
      model->timeline.push_back({step_nodes[s], t, ns});
    }
    t += ns;
  }
}

}  // namespace mb::report

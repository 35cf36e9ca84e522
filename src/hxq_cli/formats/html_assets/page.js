"use strict";
// hxq's HTML page: a framework as a tree, the selected node's details, every figure in a
// table, search and a language switch. Plain modern JavaScript, no framework, no network.
// The page arrives as a document (the whole framework as nested lists, #hxq_doc) that reads
// and prints without this script; the script hides it on screen, keeps it for print, and draws
// the interactive view from the same data (#hxq_data). Every string from the data is inserted
// as text (textContent, createTextNode), never as HTML.
(function () {
  var DATA = JSON.parse(document.getElementById("hxq_data").textContent);
  var NODES = DATA.nodes;
  var FACTS = DATA.facts;
  // Fields a node or fact lacks are left out of the data; absent means none.
  NODES.forEach(function (n) { if (!n.al) n.al = []; });
  readTexts();

  /** The texts of nodes and figures, [Chinese, English] as the data has them, read from the
   * document (#hxq_doc), where the server wrote them; the JSON block has the rest. Its nodes
   * and figures are in the document's order. */
  function readTexts() {
    function pair(box) {
      var first = box.firstElementChild;
      if (first && first.className === "z") return [first.textContent, box.lastElementChild.textContent];
      var text = box.textContent;
      return [text, text];
    }
    // Child by child (no selector matching): the document of a large framework has millions
    // of elements.
    var doc = document.getElementById("hxq_doc");
    var nodeItems = doc.getElementsByClassName("node");
    var figItems = doc.getElementsByClassName("fig");
    if (nodeItems.length !== NODES.length || figItems.length !== FACTS.length) throw new Error("hxq: the document and the data disagree");
    var c, d;
    for (var i = 0; i < NODES.length; i++) {
      var n = NODES[i];
      for (c = nodeItems[i].firstElementChild; c; c = c.nextElementSibling) {
        var kind = c.className;
        if (kind === "node-head") {
          for (d = c.firstElementChild; d; d = d.nextElementSibling) {
            if (d.className === "t") n.t = pair(d);
            else if (d.className === "role") n.r = pair(d);
          }
        } else if (kind === "desc") {
          n.d = pair(c);
        } else if (kind === "meta") {
          for (d = c.firstElementChild; d; d = d.nextElementSibling) {
            if (d.className === "a") n.a = pair(d);
            else if (d.className === "g") n.g = pair(d);
          }
        } else if (kind === "figs" || kind === "children") {
          break;
        }
      }
    }
    for (var k = 0; k < FACTS.length; k++) {
      var f = FACTS[k];
      for (c = figItems[k].firstElementChild; c; c = c.nextElementSibling) {
        if (c.className === "fig-value") {
          var v = c.firstElementChild ? pair(c) : null;
          f.v = v ? { zh: v[0], en: v[1] } : { zh: c.textContent };
        } else if (c.className === "fig-statement") {
          f.s = pair(c);
        } else if (c.className === "meta") {
          for (d = c.firstElementChild; d; d = d.nextElementSibling) {
            if (d.className === "cw") f.cw = pair(d);
            else if (d.className === "q") f.q = d.textContent;
          }
        }
      }
    }
  }

  var PAGE_ROWS = 200;
  var OPEN_MATCHES = 200;

  // Every word of the page, [Chinese, English], by name: hxq's one table of labels (labels.py).
  var LABELS = DATA.labels;

  // ---- state ---------------------------------------------------------------------------
  var state = {
    lang: DATA.lang,
    selected: -1,
    focus: 0,
    expanded: new Set(),
    query: "",
    matcher: null,
    visible: null, // Set of node indices shown while searching (matches and their ancestors)
    open: null, // Set of nodes expanded while searching
    sort: { key: "node", dir: 1 },
    shown: PAGE_ROWS,
    onlyUnder: false,
    targetFact: -1, // the figure a link named, marked in the details
    notFound: null // what a link named that nothing here has
  };
  var items = new Map(); // node index -> its <li> (only the rendered ones)

  var $ = function (id) { return document.getElementById(id); };
  var treeEl = $("hxq_tree");
  var NARROW = window.matchMedia("(max-width: 760px)");

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // ---- language --------------------------------------------------------------------------
  function label(key) {
    var pair = LABELS[key];
    if (state.lang === "zh") return pair[0];
    if (state.lang === "en") return pair[1];
    return pair[0] + " " + pair[1];
  }

  /** A UI label into an element: for "both", Chinese then English, each with its lang. */
  function putLabel(target, key) {
    var pair = LABELS[key];
    target.replaceChildren();
    if (state.lang === "both") {
      target.append(langSpan(pair[0], "zh"), " ", langSpan(pair[1], "en"));
    } else {
      target.textContent = state.lang === "zh" ? pair[0] : pair[1];
    }
  }


  // Numbers as both languages write counts: thousands grouped by commas (10,000).
  var GROUPED = new Intl.NumberFormat("en-US");

  /** How many of a thing, in words, in one language: "3个部分", "1 part", "2 parts". */
  function counted(n, one, many, lang) {
    var number = GROUPED.format(n);
    if (lang === "zh") return LABELS[many][0].replace("{n}", number);
    return LABELS[n === 1 ? one : many][1].replace("{n}", number);
  }

  /** A sentence of the table with its {placeholders} filled in, in the chosen language(s):
   * a number is written grouped (10,000), a count [n, one, many] in words in each language
   * (1 node, 2 figures, 3个节点), text as it is. Both languages: Chinese, then English. */
  function sentence(key, values) {
    var said = [0, 1].map(function (side) {
      return LABELS[key][side].replace(/\{(\w+)\}/g, function (whole, name) {
        var v = values[name];
        if (typeof v === "number") return GROUPED.format(v);
        if (!Array.isArray(v)) return String(v);
        return counted(v[0], v[1], v[2], side === 0 ? "zh" : "en");
      });
    });
    if (state.lang === "zh") return said[0];
    if (state.lang === "en") return said[1];
    return said[0] + " · " + said[1];
  }

  function langSpan(text, lang) {
    var s = el("span", null, text);
    s.lang = lang === "zh" ? "zh-Hans" : lang;
    return s;
  }

  /** A bilingual text from the data, in the chosen language(s), highlighted by the search. */
  function putText(target, pair, options) {
    var opts = options || {};
    if (!pair) return target;
    var langs = state.lang === "both" ? (pair[0] === pair[1] ? ["zh"] : ["zh", "en"]) : [state.lang];
    langs.forEach(function (lang, k) {
      var span = el(opts.tag || "span", lang === "en" ? "t-en" : "t-zh");
      span.lang = lang === "zh" ? "zh-Hans" : "en";
      highlight(span, lang === "zh" ? pair[0] : pair[1]);
      if (k > 0) target.append(opts.tag === "p" ? "" : " ");
      target.append(span);
    });
    return target;
  }

  // ---- search ----------------------------------------------------------------------------
  // As `hxq search`: a query with Chinese (CJK) characters matches as a substring, any
  // other query at the start of a word; several words match as a phrase. Input and text are
  // both folded with NFKC (full-width → half-width) and lower-cased.
  var CJK = /[\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\ud840-\ud8c4][\udc00-\udfff]/;
  var WORD_START = "(?<![0-9a-z\\u00c0-\\u024f])(?<![0-9][.,])";

  function fold(text) { return text.normalize("NFKC").toLowerCase(); }

  function makeMatcher(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return null;
    var body = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&"); }).join("\\s+");
    var source = (CJK.test(query) ? "" : WORD_START) + body;
    return { re: new RegExp(source, "gu"), test: new RegExp(source, "u") };
  }

  /** Text with the search's hits wrapped in <mark> (offsets mapped back through the fold). */
  function highlight(target, text) {
    var m = state.matcher;
    if (!m || !text) { target.append(text || ""); return; }
    var folded = "", map = [], at = 0;
    for (var ch of text) {
      var f = fold(ch);
      for (var k = 0; k < f.length; k++) map.push(at);
      folded += f;
      at += ch.length;
    }
    map.push(at);
    var last = 0, hit;
    m.re.lastIndex = 0;
    while ((hit = m.re.exec(folded)) !== null) {
      if (hit[0].length === 0) { m.re.lastIndex++; continue; }
      var start = map[hit.index], end = map[hit.index + hit[0].length];
      if (start < last) continue;
      if (start > last) target.append(text.slice(last, start));
      target.append(el("mark", null, text.slice(start, end)));
      last = end;
    }
    if (last < text.length) target.append(text.slice(last));
  }

  var SEP = "\u0000";
  function nodeHaystack(n) {
    if (n._h === undefined) {
      var parts = [];
      [n.t, n.r, n.a, n.g, n.d].forEach(function (p) { if (p) parts.push(p[0], p[1]); });
      n._h = fold(parts.concat(n.al).join(SEP));
    }
    return n._h;
  }
  function factHaystack(f) {
    if (f._h === undefined) {
      var parts = [f.id, f.s[0], f.s[1], f.v.zh, f.v.en || ""];
      if (f.cw) parts.push(f.cw[0], f.cw[1]);
      if (f.q) parts.push(f.q);
      f._h = fold(parts.join(SEP));
    }
    return f._h;
  }
  // A figure in both languages is the two joined by " / " (as hxq's zh.display joins them).
  function shownValue(f) {
    if (!f.v.en || state.lang === "zh") return f.v.zh;
    return state.lang === "en" ? f.v.en : f.v.zh + " / " + f.v.en;
  }
  // Whether each fact matches the search, worked out once per search (by index).
  var factHit = new Uint8Array(FACTS.length);
  function factMatches(k) { return !state.matcher || factHit[k] === 1; }

  function runSearch(query) {
    state.query = query;
    state.matcher = makeMatcher(query);
    state.shown = PAGE_ROWS;
    if (!state.matcher) {
      state.visible = state.open = null;
    } else {
      var visible = new Set(), open = new Set(), matches = 0, test = state.matcher.test;
      var figures = 0;
      for (var k = 0; k < FACTS.length; k++) {
        factHit[k] = test.test(factHaystack(FACTS[k])) ? 1 : 0;
        figures += factHit[k];
      }
      state.figureCount = figures;
      for (var i = 0; i < NODES.length; i++) {
        var n = NODES[i];
        var hit = test.test(nodeHaystack(n)) || n.f.some(function (fi) { return factHit[fi] === 1; });
        if (!hit) continue;
        matches++;
        // Every match stays in the tree; only the first OPEN_MATCHES are opened to, so that a
        // common word in a large framework does not draw thousands of rows at once.
        var opening = matches <= OPEN_MATCHES;
        for (var p = n.p; p >= 0 && !(visible.has(p) && (!opening || open.has(p))); p = NODES[p].p) {
          visible.add(p);
          if (opening) open.add(p);
        }
        visible.add(i);
      }
      state.visible = visible;
      state.open = open;
      state.matchCount = matches;
    }
    renderTree();
    renderDetails();
    renderFacts();
    renderStatus();
  }

  function renderStatus() {
    var status = $("hxq_status");
    if (!state.matcher) {
      status.textContent = state.notFound ? sentence("unknown_link", { id: state.notFound }) : "";
      status.classList.toggle("warning", Boolean(state.notFound));
      return;
    }
    status.classList.remove("warning");
    if (!state.matchCount) { status.textContent = label("no_match"); return; }
    var count = state.figureCount;
    status.textContent = sentence("search_matches", {
      nodes: [state.matchCount, "count_node", "count_nodes"],
      figures: [count, "count_figure", "count_figures"]
    });
  }

  // ---- tree ------------------------------------------------------------------------------
  function kids(i) {
    var c = i < 0 ? topLevel : NODES[i].c;
    return state.visible ? c.filter(function (k) { return state.visible.has(k); }) : c;
  }
  var topLevel = [];
  NODES.forEach(function (n, i) { if (n.p < 0) topLevel.push(i); });

  function openSet() { return state.visible ? state.open : state.expanded; }
  function isOpen(i) { return openSet().has(i); }

  function countText(n) {
    var parts = n.c.length, figs = n.f.length;
    if (!parts && !figs) return "";
    // "3个部分 · 1项数据", "3 parts · 1 figure"; both languages: the one, then the other.
    var said = ["zh", "en"].map(function (lang) {
      var bits = [];
      if (parts) bits.push(counted(parts, "count_part", "count_parts", lang));
      if (figs) bits.push(counted(figs, "count_figure", "count_figures", lang));
      return bits.join(" · ");
    });
    if (state.lang === "zh") return said[0];
    if (state.lang === "en") return said[1];
    return said[0] + " / " + said[1];
  }

  function makeItem(i, pos, size) {
    var n = NODES[i];
    var li = el("li");
    li.setAttribute("role", "treeitem");
    li.setAttribute("aria-level", String(n.l + 1));
    li.setAttribute("aria-setsize", String(size));
    li.setAttribute("aria-posinset", String(pos + 1));
    li.setAttribute("aria-selected", i === state.selected ? "true" : "false");
    li.tabIndex = i === state.focus ? 0 : -1;
    li.dataset.i = String(i);
    var row = el("div", "row");
    var twisty = el("span", "twisty");
    twisty.setAttribute("aria-hidden", "true");
    row.append(twisty, el("span", "nid", n.id), " ");
    putText(row.appendChild(el("span", "title")), n.t);
    if (n.r) { row.append(" "); putText(row.appendChild(el("span", "role")), n.r); }
    var count = countText(n);
    if (count) { row.append(" "); row.append(el("span", "count", count)); }
    li.append(row);
    items.set(i, li);
    if (kids(i).length) {
      li.setAttribute("aria-expanded", isOpen(i) ? "true" : "false");
      if (isOpen(i)) {
        if (budget > 0) renderGroup(li, i);
        else drawLater(li, i);
      }
    }
    return li;
  }

  // Drawing a whole large tree at once (expand all on 10,000 nodes) would hold the page for
  // seconds. A redraw of the tree makes its first DRAW_BUDGET or so rows at once, in document
  // order (the top of the tree, what is on screen); the open nodes whose parts are left wait
  // in a queue, drawn DRAW_SLICE rows at a time between frames (each frame lays out the whole
  // tree again, so slices are large), the tree aria-busy meanwhile.
  var DRAW_BUDGET = 400;
  var DRAW_SLICE = 2500;
  var budget = Infinity;
  var queue = [], queued = 0, drawing = false;

  function withBudget(draw) {
    budget = DRAW_BUDGET;
    try { draw(); } finally { budget = Infinity; }
  }

  function drawLater(li, i) {
    queue.push(li, i);
    if (drawing) return;
    drawing = true;
    treeEl.setAttribute("aria-busy", "true");
    requestAnimationFrame(function () { setTimeout(drawQueued, 0); });
  }

  function drawQueued() {
    budget = DRAW_SLICE;
    while (queued < queue.length && budget > 0) {
      var li = queue[queued], i = queue[queued + 1];
      queued += 2;
      if (li.isConnected && items.get(i) === li && isOpen(i)) renderGroup(li, i);
    }
    budget = Infinity;
    if (queued < queue.length) {
      requestAnimationFrame(function () { setTimeout(drawQueued, 0); });
      return;
    }
    queue = [];
    queued = 0;
    drawing = false;
    treeEl.removeAttribute("aria-busy");
  }

  function renderGroup(li, i) {
    var group = li.querySelector(":scope > ul");
    if (!group) {
      group = el("ul");
      group.setAttribute("role", "group");
      var c = kids(i);
      budget -= c.length;
      var frag = document.createDocumentFragment();
      c.forEach(function (k, pos) { frag.append(makeItem(k, pos, c.length)); });
      group.append(frag);
      li.append(group);
    }
    group.hidden = false;
  }

  function renderTree() { withBudget(drawTree); }

  function drawTree() {
    items.clear();
    var c = kids(-1);
    if (state.focus < 0 || (state.visible && !state.visible.has(state.focus))) state.focus = c.length ? c[0] : -1;
    if (!state.visible && state.focus >= 0) revealPath(state.focus, state.expanded);
    var frag = document.createDocumentFragment();
    c.forEach(function (k, pos) { frag.append(makeItem(k, pos, c.length)); });
    treeEl.replaceChildren(frag);
    var focusItem = items.get(state.focus);
    // A focused node past what was drawn at once is drawn now, with the path to it.
    if (!focusItem && state.focus >= 0 && (!state.visible || state.visible.has(state.focus))) focusItem = reveal(state.focus);
    if (!focusItem && c.length) { state.focus = c[0]; focusItem = items.get(c[0]); }
    if (focusItem) focusItem.tabIndex = 0;
  }

  function revealPath(i, set) {
    for (var p = NODES[i].p; p >= 0; p = NODES[p].p) set.add(p);
  }

  function setOpen(i, open) {
    var li = items.get(i);
    if (!kids(i).length) return;
    if (open) openSet().add(i); else openSet().delete(i);
    if (!li) return;
    li.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) renderGroup(li, i);
    else {
      var group = li.querySelector(":scope > ul");
      if (group) group.hidden = true;
      if (state.focus !== i && isInside(state.focus, i)) moveFocus(i);
    }
  }

  function isInside(k, i) { return k > i && k < NODES[i].e; }

  /** Make node i shown in the tree (its ancestors opened and rendered). */
  function reveal(i) {
    var path = [];
    for (var p = NODES[i].p; p >= 0; p = NODES[p].p) path.unshift(p);
    path.forEach(function (p) { setOpen(p, true); });
    return items.get(i);
  }

  function moveFocus(i, scroll) {
    var prev = items.get(state.focus);
    if (prev) prev.tabIndex = -1;
    state.focus = i;
    var li = items.get(i) || reveal(i);
    if (!li) return;
    li.tabIndex = 0;
    li.focus({ preventScroll: true });
    if (scroll !== false) li.scrollIntoView({ block: "nearest" });
  }

  function select(i, opts) {
    var o = opts || {};
    if (i < 0 || i >= NODES.length) return;
    if (o.updateUrl !== false) {
      state.targetFact = -1;
      if (state.notFound) { state.notFound = null; renderStatus(); }
    }
    var old = items.get(state.selected);
    if (old) old.setAttribute("aria-selected", "false");
    state.selected = i;
    var li = items.get(i) || reveal(i);
    if (li) {
      li.setAttribute("aria-selected", "true");
      var prev = items.get(state.focus);
      if (prev) prev.tabIndex = -1;
      state.focus = i;
      li.tabIndex = 0;
      if (o.focus) li.focus({ preventScroll: true });
      li.scrollIntoView({ block: o.center ? "center" : "nearest" });
    }
    renderDetails();
    if (state.onlyUnder) { state.shown = PAGE_ROWS; renderFacts(); }
    if (o.updateUrl !== false) writeUrl();
  }

  // The items in the order a reader sees them, for the arrow keys.
  function shownItems() {
    return Array.prototype.filter.call(treeEl.querySelectorAll("[role=treeitem]"), function (li) {
      return !li.closest("ul[hidden]");
    });
  }

  treeEl.addEventListener("click", function (event) {
    var li = event.target.closest("[role=treeitem]");
    if (!li) return;
    var i = Number(li.dataset.i);
    if (event.target.closest(".twisty")) {
      setOpen(i, !isOpen(i));
      moveFocus(i, false);
      return;
    }
    select(i, { focus: true });
    if (kids(i).length && !isOpen(i)) setOpen(i, true);
    // On a narrow screen the details are below the tree: take the reader there.
    if (NARROW.matches) $("hxq_details").scrollIntoView({ block: "start" });
  });

  treeEl.addEventListener("keydown", function (event) {
    var li = event.target.closest("[role=treeitem]");
    if (!li || event.altKey || event.ctrlKey || event.metaKey) return;
    var i = Number(li.dataset.i);
    var handled = true;
    var list, k;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        list = shownItems();
        k = list.indexOf(li) + (event.key === "ArrowDown" ? 1 : -1);
        if (k >= 0 && k < list.length) moveFocus(Number(list[k].dataset.i));
        break;
      case "ArrowRight":
        if (kids(i).length) {
          if (!isOpen(i)) setOpen(i, true);
          else moveFocus(kids(i)[0]);
        }
        break;
      case "ArrowLeft":
        if (kids(i).length && isOpen(i)) setOpen(i, false);
        else if (NODES[i].p >= 0) moveFocus(NODES[i].p);
        break;
      case "Home":
        list = shownItems();
        moveFocus(Number(list[0].dataset.i));
        break;
      case "End":
        list = shownItems();
        moveFocus(Number(list[list.length - 1].dataset.i));
        break;
      case "Enter":
      case " ":
        select(i, { focus: true });
        break;
      case "*":
        (NODES[i].p >= 0 ? kids(NODES[i].p) : kids(-1)).forEach(function (s) { setOpen(s, true); });
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  });

  function expandAll() {
    var set = openSet();
    NODES.forEach(function (n, i) { if (kids(i).length) set.add(i); });
    renderTree();
  }
  function collapseAll() {
    openSet().clear();
    state.focus = state.selected >= 0 ? topAncestor(state.selected) : -1;
    renderTree();
  }
  function topAncestor(i) { while (NODES[i].p >= 0) i = NODES[i].p; return i; }

  // A level: every shown, closed node at the shallowest depth that has one opens; or every
  // open node at the deepest open depth closes.
  function expandLevel() {
    var best = Infinity, pick = [];
    shownItems().forEach(function (li) {
      var i = Number(li.dataset.i);
      if (!kids(i).length || isOpen(i)) return;
      var l = NODES[i].l;
      if (l < best) { best = l; pick = [i]; } else if (l === best) pick.push(i);
    });
    pick.forEach(function (i) { setOpen(i, true); });
  }
  function collapseLevel() {
    var deepest = -1, pick = [];
    openSet().forEach(function (i) {
      var l = NODES[i].l;
      if (l > deepest) { deepest = l; pick = [i]; } else if (l === deepest) pick.push(i);
    });
    pick.forEach(function (i) { setOpen(i, false); });
  }

  // ---- details ---------------------------------------------------------------------------
  function renderDetails() {
    var body = $("hxq_details_body");
    body.replaceChildren();
    var i = state.selected;
    if (i < 0) { body.append(el("p", "hint", label("none_selected"))); return; }
    var n = NODES[i];
    var crumbs = el("nav", "crumbs");
    crumbs.setAttribute("aria-label", label("path"));
    var ol = el("ol");
    var path = [];
    for (var p = i; p >= 0; p = NODES[p].p) path.unshift(p);
    path.forEach(function (k) {
      var item = el("li");
      if (k === i) {
        item.setAttribute("aria-current", "page");
        item.append(el("span", "nid", NODES[k].id), " ");
        putText(item, NODES[k].t);
      } else {
        var a = el("a");
        a.href = hashFor(k);
        a.append(el("span", "nid", NODES[k].id), " ");
        putText(a, NODES[k].t);
        item.append(a);
      }
      ol.append(item);
    });
    crumbs.append(ol);
    body.append(crumbs);

    var h = el("h3", "node-title");
    h.append(el("span", "nid", n.id), " ");
    putText(h, n.t);
    body.append(h);
    if (n.r) body.append(putText(el("p", "role"), n.r));
    body.append(putText(el("div", "description"), n.d, { tag: "p" }));
    var dl = el("dl", "facts-of-node");
    [["action", n.a], ["target", n.g]].forEach(function (pair) {
      if (!pair[1]) return;
      dl.append(el("dt", null, label(pair[0])), putText(el("dd"), pair[1]));
    });
    if (n.al.length) {
      var dd = el("dd");
      n.al.forEach(function (alias, k) { if (k) dd.append(", "); highlight(dd.appendChild(el("code")), alias); });
      dl.append(el("dt", null, label("aliases")), dd);
    }
    if (dl.childNodes.length) body.append(dl);

    var figs = el("h4", null, label("figures"));
    body.append(figs);
    if (!n.f.length) { body.append(el("p", "hint", label("no_figures_here"))); return; }
    var list = el("ul", "figure-list");
    n.f.forEach(function (fi) { list.append(figureItem(FACTS[fi], fi)); });
    body.append(list);
  }

  function figureItem(f, k) {
    var li = el("li", k === state.targetFact ? "figure is-target" : "figure");
    li.dataset.fact = f.id;
    var value = el("p", "figure-value amount");
    highlight(value, shownValue(f));
    li.append(value);
    li.append(putText(el("p", "figure-statement"), f.s));
    var meta = el("dl", "figure-meta");
    if (f.cw) meta.append(el("dt", null, label("compared_with")), putText(el("dd"), f.cw));
    if (f.d) meta.append(el("dt", null, label("as_of")), el("dd", null, f.d));
    if (meta.childNodes.length) li.append(meta);
    if (f.q) {
      var quote = el("blockquote", "anchor");
      quote.append(el("span", "quote-label", label("anchor") + ":"), " ");
      var q = el("q");
      q.lang = "zh-Hans";
      highlight(q, f.q);
      quote.append(q);
      li.append(quote);
    }
    var id = el("p", "fact-id");
    var link = el("a");
    link.href = "#" + encodeURIComponent(f.id).replace(/%2E/g, ".");
    link.append(el("code", null, f.id));
    id.append(link);
    li.append(id);
    return li;
  }

  // ---- facts table -----------------------------------------------------------------------
  function factList() {
    var sel = state.selected;
    var list = [];
    for (var k = 0; k < FACTS.length; k++) {
      var f = FACTS[k];
      if (state.onlyUnder && sel >= 0 && (f.n < sel || f.n >= NODES[sel].e)) continue;
      if (!factMatches(k)) continue;
      list.push(k);
    }
    var dir = state.sort.dir, key = state.sort.key;
    if (key === "value") list.sort(function (a, b) { return dir * (FACTS[a].k - FACTS[b].k); });
    else if (key === "date") {
      list.sort(function (a, b) {
        var x = FACTS[a].d, y = FACTS[b].d;
        if (x === y) return a - b;
        if (x === undefined) return 1; // undated last, either way
        if (y === undefined) return -1;
        return dir * (x < y ? -1 : 1);
      });
    } else if (dir < 0) list.reverse();
    return list;
  }

  function formatShare(x) {
    return (Math.round(x * 10000) / 100) + "%";
  }

  function renderFacts() {
    var list = factList();
    var body = $("hxq_facts_body");
    var maxRatio = 0, maxShare = 1;
    list.forEach(function (k) {
      var f = FACTS[k];
      if (f.u === "ratio" && f.x > maxRatio) maxRatio = f.x;
      if (f.u === "fraction" && f.x > maxShare) maxShare = f.x;
    });
    var frag = document.createDocumentFragment();
    list.slice(0, state.shown).forEach(function (k) {
      var f = FACTS[k], n = NODES[f.n];
      var tr = el("tr");
      var nodeCell = el("td", "node-cell");
      var a = el("a");
      a.href = hashFor(f.n);
      a.append(el("span", "nid", n.id), " ");
      putText(a, n.t);
      nodeCell.append(a);
      var factCell = putText(el("td"), f.s);
      if (f.cw) {
        var cw = el("div", "muted");
        cw.append(label("compared_with") + (state.lang === "zh" ? "：" : ": "));
        putText(cw, f.cw);
        factCell.append(cw);
      }
      var valueCell = el("td", "num amount");
      highlight(valueCell, shownValue(f));
      var barCell = el("td", "bar-cell");
      if (f.u) {
        var size = f.u === "ratio" ? maxRatio : maxShare;
        var track = el("div", "bar-track " + (f.u === "ratio" ? "is-ratio" : "is-share"));
        track.setAttribute("aria-hidden", "true");
        var bar = el("div", "bar");
        bar.style.width = (size > 0 ? Math.max(0, Math.min(1, f.x / size)) * 100 : 0) + "%";
        track.append(bar);
        barCell.append(track, el("span", "bar-label", f.u === "ratio" ? f.x + "×" : formatShare(f.x)));
      }
      var dateCell = el("td", f.d ? "date" : "date none");
      // The label shows where the row is a card (a narrow screen), not under the column's head.
      if (f.d) dateCell.append(el("span", "cell-label", label("as_of") + (state.lang === "zh" ? "：" : ": ")));
      dateCell.append(f.d || "—");
      tr.append(nodeCell, factCell, valueCell, barCell, dateCell);
      frag.append(tr);
    });
    body.replaceChildren(frag);
    var more = $("hxq_show_more");
    var left = list.length - Math.min(state.shown, list.length);
    more.hidden = left <= 0;
    if (left > 0) {
      putLabel(more, "show_more");
      more.append(" (" + GROUPED.format(left) + ")");
    }
    var shown = Math.min(state.shown, list.length);
    $("hxq_facts_count").textContent = sentence("figures_shown", {
      shown: shown,
      total: [list.length, "count_figure", "count_figures"]
    });
    document.querySelectorAll("#hxq_facts_table th[data-sort]").forEach(function (th) {
      if (th.dataset.sort === state.sort.key) th.setAttribute("aria-sort", state.sort.dir > 0 ? "ascending" : "descending");
      else th.removeAttribute("aria-sort");
    });
  }

  document.querySelector("#hxq_facts_table thead").addEventListener("click", function (event) {
    var th = event.target.closest("th[data-sort]");
    if (!th || !event.target.closest("button")) return;
    var key = th.dataset.sort;
    state.sort = { key: key, dir: state.sort.key === key ? -state.sort.dir : 1 };
    state.shown = PAGE_ROWS;
    renderFacts();
  });
  $("hxq_show_more").addEventListener("click", function () { state.shown += PAGE_ROWS; renderFacts(); });
  $("hxq_only_under").addEventListener("change", function (event) {
    state.onlyUnder = event.target.checked;
    state.shown = PAGE_ROWS;
    renderFacts();
  });

  // ---- language ---------------------------------------------------------------------------
  // The document's texts (title, description, sources, the printed framework) are in both
  // languages; html[data-lang] shows the chosen ones (page.css).
  function applyLang() {
    var root = document.documentElement;
    root.lang = state.lang === "en" ? "en" : "zh-Hans";
    root.dataset.lang = state.lang;
    // Not the whole page: its document may hold millions of elements.
    document.querySelectorAll("#hxq_controls [data-l], #hxq_app [data-l]").forEach(function (e) { putLabel(e, e.dataset.l); });
    $("hxq_q").placeholder = label("search_placeholder");
    $("hxq_tree_buttons").setAttribute("aria-label", label("framework"));
    document.querySelectorAll("input[name=lang]").forEach(function (r) { r.checked = r.value === state.lang; });
    document.title = state.lang === "en" ? DATA.title[1] : DATA.title[0] + (state.lang === "both" ? " · " + DATA.title[1] : "");
    renderTree();
    renderDetails();
    renderFacts();
    renderStatus();
  }

  document.querySelectorAll("input[name=lang]").forEach(function (r) {
    r.addEventListener("change", function () {
      if (!r.checked) return;
      state.lang = r.value;
      applyLang();
      writeUrl();
    });
  });

  // ---- the address: #ID&lang=en (or ?lang=en) -------------------------------------------
  // What a link may name, as the document's element IDs are given out (html.py): a node's ID,
  // else a fact's, else an alias; the first of each in document order.
  var byId = new Map(); // ID -> node index
  var linkTargets = new Map(); // ID, fact ID or alias -> { node: index, fact: index or -1 }
  NODES.forEach(function (n, i) {
    if (!byId.has(n.id)) { byId.set(n.id, i); linkTargets.set(n.id, { node: i, fact: -1 }); }
  });
  FACTS.forEach(function (f, k) {
    if (!linkTargets.has(f.id)) linkTargets.set(f.id, { node: f.n, fact: k });
  });
  NODES.forEach(function (n, i) {
    n.al.forEach(function (alias) {
      if (!linkTargets.has(alias)) linkTargets.set(alias, { node: i, fact: -1 });
    });
  });

  function hashFor(i) {
    var h = "#" + encodeURIComponent(NODES[i].id).replace(/%2E/g, ".");
    if (state.lang !== DATA.lang) h += "&lang=" + state.lang;
    return h;
  }

  function readUrl() {
    var out = { id: null, lang: null };
    var search = new URLSearchParams(location.search);
    if (["zh", "en", "both"].indexOf(search.get("lang")) >= 0) out.lang = search.get("lang");
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) return;
      var eq = part.indexOf("=");
      var value;
      try { value = decodeURIComponent(eq < 0 ? part : part.slice(eq + 1)); } catch (e) { return; }
      if (eq < 0) out.id = value;
      else if (part.slice(0, eq) === "lang" && ["zh", "en", "both"].indexOf(value) >= 0) out.lang = value;
    });
    return out;
  }

  function writeUrl() {
    var h = state.selected >= 0 ? hashFor(state.selected) : (state.lang !== DATA.lang ? "#lang=" + state.lang : "");
    if (h === location.hash) return;
    try { history.replaceState(null, "", location.pathname + location.search + h); } catch (e) { /* some file:// hosts refuse */ }
  }

  /** Open the node or figure a link names, or say that nothing here has that name. */
  function goTo(id) {
    var target = linkTargets.get(id);
    state.notFound = target ? null : id;
    state.targetFact = target ? target.fact : -1;
    if (target) {
      var i = target.node;
      if (kids(i).length) openSet().add(i);
      select(i, { center: true, updateUrl: false });
      if (kids(i).length) setOpen(i, true);
      var figure = $("hxq_details_body").querySelector(".figure.is-target");
      if (figure) figure.scrollIntoView({ block: "center" });
    }
    renderStatus();
  }

  function followUrl() {
    var url = readUrl();
    if (url.lang && url.lang !== state.lang) { state.lang = url.lang; applyLang(); }
    if (url.id !== null) goTo(url.id);
  }
  window.addEventListener("hashchange", followUrl);

  // ---- search box --------------------------------------------------------------------------
  // A search per keystroke, at once; keystrokes that come faster than a search (a large
  // framework, a fast typist) are folded into the next one.
  var pending = false;
  $("hxq_q").addEventListener("input", function () {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; runSearch($("hxq_q").value); }, 0);
  });
  $("hxq_expand_all").addEventListener("click", expandAll);
  $("hxq_collapse_all").addEventListener("click", collapseAll);
  $("hxq_expand_level").addEventListener("click", expandLevel);
  $("hxq_collapse_level").addEventListener("click", collapseLevel);

  // ---- start -------------------------------------------------------------------------------
  var start = readUrl();
  if (start.lang) state.lang = start.lang;
  var startTarget = start.id !== null ? linkTargets.get(start.id) : undefined;
  if (startTarget) {
    state.focus = startTarget.node;
    revealPath(startTarget.node, state.expanded);
    if (NODES[startTarget.node].c.length) state.expanded.add(startTarget.node);
  }
  // The interactive view replaces the document on screen (page.css keeps it for print).
  $("hxq_app").hidden = false;
  $("hxq_controls").hidden = false;
  document.body.classList.add("ready");
  applyLang();
  if (start.id !== null) goTo(start.id);
  performance.mark("hxq-ready");
  // The search's texts, folded, built while the reader looks at the page, a slice at a time,
  // so that the first keystroke on a large framework does not wait for them.
  var idle = window.requestIdleCallback || function (run) { return setTimeout(run, 1); };
  var folded = 0;
  (function foldSome() {
    var stop = Math.min(folded + 2000, NODES.length);
    for (; folded < stop; folded++) {
      nodeHaystack(NODES[folded]);
      NODES[folded].f.forEach(function (fi) { factHaystack(FACTS[fi]); });
    }
    if (folded < NODES.length) idle(foldSome);
  })();
})();

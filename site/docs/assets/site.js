/* bantin readers' site: search over the static phrase index (digest/site_search.py).

   A query typed with any diacritic matches the words exactly as typed ("Đà Nẵng" finds Đà Nẵng,
   never Đảng); typed without, it matches their folded forms ("da nang"). The syllables of a
   query (or of each part between commas or quotes) must stand side by side, as a phrase. Every
   bundle is searched, so the count is the true count. The tokenizer, fold and CRC-32 shard hash
   mirror site_search.tokens/fold/shard_of. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("..", script ? script.src : window.location.href);  // <root>/assets/site.js
  var PAGE = 10;
  // a page opened from disk cannot fetch the index at all; over the web it is the connection
  var UNLOADED = window.location.protocol === "file:"
    ? "Không tải được chỉ mục tìm kiếm (trang cần được mở qua máy chủ web)."
    : "Không tải được chỉ mục tìm kiếm. Hãy kiểm tra kết nối mạng rồi tìm lại.";

  function fold(s) {
    return s.normalize("NFC").toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/\p{Mn}/gu, "");
  }
  function words(s) { return s.normalize("NFC").toLowerCase().match(/[\p{L}\p{N}]+/gu) || []; }

  var CRC = (function () {
    var t = new Int32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) { c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1; }
      t[n] = c;
    }
    return t;
  })();
  function crc32(str) {
    var bytes = new TextEncoder().encode(str), c = -1;
    for (var i = 0; i < bytes.length; i++) { c = CRC[(c ^ bytes[i]) & 255] ^ (c >>> 8); }
    return (c ^ -1) >>> 0;
  }

  /* The query as phrases of words, in the namespace its spelling asks for. */
  function parse(q) {
    var accented = fold(q) !== q.normalize("NFC").toLowerCase();
    var phrases = q.split(/[",;“”]+/).map(function (part) {
      return words(part).map(function (w) { return accented ? w : fold(w); });
    }).filter(function (p) { return p.length; });
    var ns = accented ? "=" : "~", keys = [];
    phrases.forEach(function (p) {
      if (p.length === 1) { keys.push(ns + p[0]); }
      for (var i = 0; i + 1 < p.length; i++) { keys.push(ns + p[i] + " " + p[i + 1]); }
    });
    return { accented: accented, phrases: phrases, keys: keys.filter(function (k, i) { return keys.indexOf(k) === i; }) };
  }

  var cache = {};
  function getJSON(path) {
    if (!cache[path]) {
      cache[path] = fetch(new URL(path, ROOT)).then(function (r) {
        if (!r.ok) { throw new Error(path + ": " + r.status); }
        return r.json();
      });
      // a failure is not kept: a phone that lost its signal finds the file on the next search
      cache[path].catch(function () { delete cache[path]; });
    }
    return cache[path];
  }

  /* Stories of one bundle having every key: [{bundle, id, score, day, number, section, province}]. */
  function searchBundle(bundle, keys) {
    var base = "search/" + bundle + "/";
    return getJSON(base + "docs.json").then(function (meta) {
      return Promise.all(keys.map(function (key) {
        return getJSON(base + "s/" + (crc32(key) % meta.shards) + ".json").then(function (shard) {
          var hits = new Map(), id = 0;
          (shard[key] || []).forEach(function (v, i) {
            id = i === 0 ? v >>> 6 : id + (v >>> 6);
            hits.set(id, v & 63);
          });
          return hits;
        });
      })).then(function (lists) {
        lists.sort(function (a, b) { return a.size - b.size; });
        var out = [];
        lists[0].forEach(function (w, id) {
          var score = w;
          for (var k = 1; k < lists.length; k++) {
            if (!lists[k].has(id)) { return; }
            score += lists[k].get(id);
          }
          var d = meta.docs, o = id * 4;
          out.push({ bundle: bundle, id: id, score: score, day: meta.days[d[o]], number: d[o + 1],
                     section: d[o + 2], province: d[o + 3] >= 0 ? meta.provinces[d[o + 3]] : null });
        });
        return out;
      });
    });
  }

  /* Spans [start, end) in text where a phrase stands. */
  function spans(text, parsed) {
    var toks = [], re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      var w = m[0].toLowerCase();
      toks.push({ w: parsed.accented ? w : fold(w), start: m.index, end: m.index + m[0].length });
    }
    var found = [];
    parsed.phrases.forEach(function (p) {
      for (var i = 0; i + p.length <= toks.length; i++) {
        var ok = true;
        for (var j = 0; j < p.length && ok; j++) { ok = toks[i + j].w === p[j]; }
        if (ok) { found.push([toks[i].start, toks[i + p.length - 1].end]); }
      }
    });
    return found.sort(function (a, b) { return a[0] - b[0]; });
  }

  function marked(text, found) {
    var frag = document.createDocumentFragment(), last = 0;
    found.forEach(function (s) {
      if (s[0] < last) { return; }
      frag.appendChild(document.createTextNode(text.slice(last, s[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(s[0], s[1]);
      frag.appendChild(mark);
      last = s[1];
    });
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  /* About 240 characters of the body around its first match, cut at spaces. */
  function excerpt(body, parsed) {
    var found = spans(body, parsed), from = 0, to = Math.min(body.length, 240);
    if (found.length) {
      from = Math.max(0, found[0][0] - 80);
      to = Math.min(body.length, from + 240);
    }
    if (from > 0) { var sp = body.indexOf(" ", from); from = sp >= 0 && sp < found[0][0] ? sp + 1 : from; }
    if (to < body.length) { var sp2 = body.lastIndexOf(" ", to); to = sp2 > from ? sp2 : to; }
    var text = (from > 0 ? "… " : "") + body.slice(from, to) + (to < body.length ? " …" : "");
    return marked(text, spans(text, parsed));
  }

  function dmy(iso) {
    var p = (iso || "").split("-");
    return p.length === 3 ? (+p[2]) + "/" + (+p[1]) + "/" + p[0] : "";
  }

  function initSearch(box) {
    var form = box.querySelector("form"), input = box.querySelector("#bt-q");
    var status = box.querySelector("#bt-status"), list = box.querySelector("#bt-results");
    var more = box.querySelector("#bt-more");
    var sel = { sort: box.querySelector("#bt-sort"), muc: box.querySelector("#bt-muc"),
                tinh: box.querySelector("#bt-tinh"), nam: box.querySelector("#bt-nam") };
    var serial = 0, state = null, facets = null;

    function option(select, value, label) {
      var o = document.createElement("option");
      o.value = value; o.textContent = label;
      select.appendChild(o);
    }
    function params() {
      var u = new URL(window.location.href), p = {};
      ["q", "sort", "muc", "tinh", "nam"].forEach(function (k) { p[k] = u.searchParams.get(k) || ""; });
      return p;
    }

    function renderResult(r, text) {
      var story = text.stories[String(r.number)];
      var li = document.createElement("li");
      li.className = "bt-result";
      var a = document.createElement("a");
      a.href = new URL(text.url + "#tin-" + r.number, ROOT).href;
      a.className = "bt-result-title";
      a.appendChild(marked(story.h, spans(story.h, state.parsed)));
      var meta = document.createElement("div");
      meta.className = "bt-result-meta";
      meta.textContent = ["Bản tin ngày " + dmy(r.day), "tin số " + r.number,
                          facets.sections[r.section].heading, r.province].filter(Boolean).join(" · ");
      var p = document.createElement("p");
      p.className = "bt-result-excerpt";
      p.appendChild(excerpt(story.t + " " + story.c, state.parsed));
      li.appendChild(a); li.appendChild(meta); li.appendChild(p);
      list.appendChild(li);
    }

    function showMore(mine) {
      // one page at a time: a second tap while a page loads would render the same page twice
      if (state.loading) { return state.loading; }
      var mineState = state, batch = state.results.slice(state.shown, state.shown + PAGE);
      more.disabled = true;
      state.loading = Promise.all(batch.map(function (r) { return getJSON("search/" + r.bundle + "/t/" + r.day + ".json"); }))
        .then(function (texts) {
          if (mine !== serial) { return; }
          batch.forEach(function (r, i) { renderResult(r, texts[i]); });
          state.shown += batch.length;
          more.hidden = state.shown >= state.results.length;
        })
        .finally(function () {
          mineState.loading = null;
          if (state === mineState) { more.disabled = false; }  // a newer search owns the button now
        });
      return mineState.loading;
    }

    function run() {
      var q = input.value.normalize("NFC").trim(), mine = ++serial;
      var f = { sort: sel.sort.value, muc: sel.muc.value, tinh: sel.tinh.value, nam: sel.nam.value };
      var url = new URL(window.location.href);
      url.search = "";
      if (q) { url.searchParams.set("q", q); }
      Object.keys(f).forEach(function (k) { if (f[k] && !(k === "sort" && f[k] === "moi")) { url.searchParams.set(k, f[k]); } });
      window.history.replaceState(null, "", url);
      list.textContent = "";
      more.hidden = true;
      var parsed = parse(q);
      if (!parsed.keys.length) { status.textContent = ""; return Promise.resolve(); }
      status.textContent = "Đang tìm…";
      var bundles = facets.bundles.filter(function (b) { return !f.nam || b.slice(0, 4) === f.nam; });
      return Promise.all(bundles.map(function (b) { return searchBundle(b, parsed.keys); })).then(function (all) {
        if (mine !== serial) { return; }
        var section = facets.sections.map(function (s) { return s.slug; }).indexOf(f.muc);
        var results = [].concat.apply([], all).filter(function (r) {
          return (!f.muc || r.section === section) && (!f.tinh || r.province === f.tinh)
            && (!f.nam || r.day.slice(0, 4) === f.nam);
        });
        var newest = function (a, b) { return a.day < b.day ? 1 : a.day > b.day ? -1 : a.number - b.number; };
        results.sort(f.sort === "lienquan" ? function (a, b) { return b.score - a.score || newest(a, b); } : newest);
        state = { parsed: parsed, results: results, shown: 0, loading: null };
        var where = [f.muc ? facets.sections[section].heading : "", f.tinh, f.nam ? "năm " + f.nam : ""].filter(Boolean);
        var found = results.length
          ? "Có " + results.length + " tin khớp với “" + q + "”" + (where.length ? " (" + where.join(", ") + ")" : "")
            + (f.sort === "lienquan" ? ", xếp theo mức độ liên quan." : ", tin mới nhất trước.")
          : "Không tìm thấy tin nào khớp với “" + q + "”" + (where.length ? " (" + where.join(", ") + ")" : "")
            + ". Gõ có dấu để tìm đúng từ, không dấu để tìm rộng hơn.";
        // the count is shown with the first page, so the two never disagree on screen
        return showMore(mine).then(function () { if (mine === serial) { status.textContent = found; } });
      }).catch(function () {
        if (mine === serial) { status.textContent = UNLOADED; }
      });
    }

    var facetsLoading = null;
    function loadFacets() {
      if (facets || facetsLoading) { return; }
      facetsLoading = getJSON("search/bundles.json").then(function (data) {
        facets = data;
        data.sections.forEach(function (s) { option(sel.muc, s.slug, s.heading); });
        data.provinces.forEach(function (p) { option(sel.tinh, p, p); });
        data.years.forEach(function (y) { option(sel.nam, String(y), String(y)); });
        var p = params();
        // a query typed (or submitted) while the index list was loading wins over the link's
        if (!input.value) { input.value = p.q; }
        sel.sort.value = p.sort === "lienquan" ? "lienquan" : "moi";
        sel.muc.value = p.muc; sel.tinh.value = p.tinh; sel.nam.value = p.nam;
        box.setAttribute("data-ready", "1");
        if (input.value.trim()) { run(); }
      }).catch(function () {
        facetsLoading = null;  // the next search tries again
        status.textContent = UNLOADED;
      });
    }
    loadFacets();

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (facets) { run(); } else { loadFacets(); } }, 300);
    });
    Object.keys(sel).forEach(function (k) { sel[k].addEventListener("change", function () { if (facets) { run(); } }); });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      if (facets) { run(); } else { loadFacets(); }
    });
    more.addEventListener("click", function () { showMore(serial); });
  }

  function start() {
    var box = document.getElementById("bt-search");
    if (box) { initSearch(box); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();

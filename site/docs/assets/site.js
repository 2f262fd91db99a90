/* bantin readers' site: search over the per-year pagefind bundles.
   Typed with or without diacritics: the index holds each story twice (as written and folded),
   so "thu tuc hanh chinh" finds "thủ tục hành chính". Excerpts are shown as written. */
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("..", script ? script.src : window.location.href);  // <root>/assets/site.js
  var PAGE = 10;

  // Fold one UTF-16 unit at a time so positions in the folded text match the original.
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s[i];
      if (c === "đ" || c === "Đ") { out += "d"; continue; }
      var base = c.normalize("NFD")[0].toLowerCase();
      out += base.length === 1 ? base : c;
    }
    return out;
  }
  function terms(q) { return fold(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  // The excerpt as written: pagefind may have taken it from the folded copy.
  function original(excerptHtml, content, title) {
    var box = document.createElement("div");
    box.innerHTML = excerptHtml;
    var text = box.textContent.replace(/\s+/g, " ").trim();
    if (!text) { return ""; }
    var fc = fold(content), from = Math.max(0, fc.indexOf(fold(title)));
    var at = fc.indexOf(fold(text), from);
    if (at < 0) { at = fc.indexOf(fold(text)); }
    return at >= 0 ? content.slice(at, at + text.length) : text;
  }

  // Build the excerpt's DOM with matched words marked; never innerHTML of source text.
  function marked(text, qterms) {
    var frag = document.createDocumentFragment(), re = /[\p{L}\p{N}]+/gu, last = 0, m;
    while ((m = re.exec(text)) !== null) {
      // whole words, except the last term, which may still be being typed
      var f = fold(m[0]), hit = qterms.some(function (t, k) {
        return k === qterms.length - 1 ? f.indexOf(t) === 0 : f === t;
      });
      if (!hit) { continue; }
      frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      frag.appendChild(mark);
      last = m.index + m[0].length;
    }
    frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  function ddmmyyyy(iso) {
    var p = (iso || "").split("-");
    return p.length === 3 ? (+p[2]) + "/" + (+p[1]) + "/" + p[0] : "";
  }

  // Bundles newest first (pagefind/bundles.json). Each is its own pagefind instance, searched
  // only when the newer ones have not filled the page: a reader looking for recent news
  // downloads one bundle's chunks, not the whole archive's.
  var bundleList = null, engines = {};
  function bundles() {
    if (!bundleList) {
      bundleList = fetch(new URL("pagefind/bundles.json", ROOT)).then(function (r) {
        if (!r.ok) { throw new Error("no search index"); }
        return r.json();
      }).then(function (list) { return list.bundles || []; });
    }
    return bundleList;
  }
  function engine(bundle) {
    if (!engines[bundle]) {
      engines[bundle] = import(new URL("pagefind/" + bundle + "/pagefind.js", ROOT).href).then(function (pf) {
        return pf.options({ baseUrl: ROOT.pathname }).then(function () { return pf; });
      });
    }
    return engines[bundle];
  }

  function initSearch(box) {
    var input = box.querySelector("#bt-q"), status = box.querySelector("#bt-status");
    var list = box.querySelector("#bt-results"), more = box.querySelector("#bt-more");
    var form = box.querySelector("form");
    var serial = 0, qterms = [];

    // Each indexed page is one story, ban-tin/Y/M/D/tin-N.html: readers go to its bulletin's #tin-N.
    function storyUrl(url) { return url.replace(/\/(tin-\d+)(?:\.html)?$/, "/#$1"); }

    function renderResult(data) {
      var li = document.createElement("li");
      li.className = "bt-result";
      var a = document.createElement("a");
      a.href = storyUrl(data.url);
      a.className = "bt-result-title";
      a.textContent = data.meta.title || "";
      var meta = document.createElement("div");
      meta.className = "bt-result-meta";
      meta.textContent = "Bản tin ngày " + ddmmyyyy(data.meta.date) + (data.meta.number ? ", tin số " + data.meta.number : "");
      var p = document.createElement("p");
      p.className = "bt-result-excerpt";
      p.appendChild(marked(original(data.excerpt || "", data.content || "", ""), qterms));
      li.appendChild(a); li.appendChild(meta); li.appendChild(p);
      list.appendChild(li);
    }

    var state = null;  // {q, bundles, next, results, shown}

    // Search older bundles until a page of results is waiting (or none is left).
    function fill(mine) {
      if (mine !== serial) { return Promise.resolve(); }
      if (state.results.length - state.shown >= PAGE || state.next >= state.bundles.length) {
        return Promise.resolve();
      }
      var bundle = state.bundles[state.next++];
      return engine(bundle).then(function (pf) { return pf.search(state.q); }).then(function (found) {
        if (mine !== serial) { return; }
        state.results = state.results.concat(found.results);
        return fill(mine);
      });
    }

    function report() {
      var n = state.results.length, q = state.q;
      if (!n && state.next >= state.bundles.length) {
        status.textContent = "Không tìm thấy kết quả cho “" + q + "”. Thử từ khác, có dấu hoặc không dấu.";
      } else if (state.next >= state.bundles.length) {
        status.textContent = "Có " + n + " tin khớp với “" + q + "” (bản tin gần đây trước).";
      } else {
        status.textContent = "Tin khớp với “" + q + "” trong các bản tin gần đây (bấm “Xem thêm kết quả” để tìm tiếp trong bản tin cũ hơn).";
      }
    }

    function showMore(mine) {
      more.hidden = true;
      return fill(mine).then(function () {
        if (mine !== serial) { return; }
        var batch = state.results.slice(state.shown, state.shown + PAGE);
        state.shown += batch.length;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
          if (mine !== serial) { return; }
          datas.forEach(renderResult);
          report();
          more.hidden = state.shown >= state.results.length && state.next >= state.bundles.length;
        });
      });
    }

    var lastQuery = null;
    function run(q) {
      // some Vietnamese keyboards type decomposed marks; the index holds NFC text
      q = (q || "").normalize("NFC").trim();
      if (q === lastQuery) { return; }  // typing pause and Enter both ask for the same search
      lastQuery = q;
      var mine = ++serial;
      list.textContent = "";
      more.hidden = true;
      if (!q) { status.textContent = ""; return; }
      qterms = terms(q);
      status.textContent = "Đang tìm…";
      bundles().then(function (list) {
        if (mine !== serial) { return; }
        if (!list.length) { status.textContent = "Chưa có bản tin nào để tìm."; return; }
        state = { q: q, bundles: list, next: 0, results: [], shown: 0 };
        return showMore(mine);
      }).catch(function () {
        status.textContent = "Không tải được chỉ mục tìm kiếm (trang cần được mở qua máy chủ web).";
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { run(input.value); }, 250);
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      clearTimeout(timer);
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      window.history.replaceState(null, "", url);
      run(input.value);
    });
    more.addEventListener("click", function () { showMore(serial); });
    var q0 = new URL(window.location.href).searchParams.get("q");
    if (q0) { input.value = q0; run(q0); }
  }

  function start() {
    var box = document.getElementById("bt-search");
    if (box) { initSearch(box); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();

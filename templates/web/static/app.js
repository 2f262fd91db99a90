/* bantin editors' app: progressive enhancement, no build step, no dependencies.
 *
 * Without this script every form still works (POST, then a redirect back to the page).
 * With it, a form marked data-swap="#board" is sent with fetch (CSRF token in the
 * X-CSRF-Token header as well as in the form) and the HTML partial the server answers with
 * replaces the target in place, htmx-style, keeping scroll position, focus, open panels and
 * the left-out filter. data-confirm asks before submitting; details[data-src] load their panel
 * the first time they open.
 */
(function () {
  'use strict';

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.getAttribute('content') : '';
  }

  var toastTimer = null;
  function toast(text, isError) {
    var box = document.getElementById('toast');
    if (!box || !text) return;
    box.textContent = text;
    box.className = 'toast' + (isError ? ' err' : ' ok');
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, isError ? 8000 : 3500);
  }

  function fold(text) {
    return (text || '').toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }

  function applyFilter(input) {
    var list = document.querySelector(input.getAttribute('data-filter'));
    if (!list) return;
    var q = fold(input.value.trim());
    Array.prototype.forEach.call(list.children, function (li) {
      li.hidden = q !== '' && fold(li.textContent).indexOf(q) === -1;
    });
  }

  function loadPanel(details) {
    var src = details.getAttribute('data-src');
    var panel = details.querySelector('.panel');
    if (!src || !panel || details.getAttribute('data-loaded') === '1') return;
    details.setAttribute('data-loaded', '1');
    fetch(src, { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
      .then(function (resp) {
        return resp.text().then(function (text) {
          if (!resp.ok) throw new Error(text || ('HTTP ' + resp.status));
          panel.innerHTML = text; // server-rendered, autoescaped partial from our own origin
        });
      })
      .catch(function (err) {
        details.removeAttribute('data-loaded');
        toast('Không tải được: ' + err.message, true);
      });
  }

  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= (window.innerHeight || document.documentElement.clientHeight);
  }

  var busy = false;

  // POST `body` to `url` and swap the answer in place of `target` (an HTML partial), keeping
  // scroll position, focus (element `focusId`), open panels and filter inputs.
  function swap(url, body, target, focusId, follow) {
    if (busy) return; // one change at a time: each answer re-renders the board
    busy = true;
    document.body.classList.add('busy');
    var open = Array.prototype.map.call(target.querySelectorAll('details[open][id]'), function (d) { return d.id; });
    var filters = {};
    Array.prototype.forEach.call(target.querySelectorAll('input[data-filter]'), function (i) { filters[i.getAttribute('data-filter')] = i.value; });
    var scrollY = window.scrollY;

    fetch(url, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfToken(), 'X-Requested-With': 'fetch', 'X-Swap': target.id, 'Accept': 'text/html' }
    }).then(function (resp) {
      return resp.text().then(function (text) {
        if (resp.status === 401) {
          window.location.href = '/login?next=' + encodeURIComponent(window.location.pathname);
          return;
        }
        if (!resp.ok) {
          toast(text || ('Lỗi ' + resp.status), true);
          return;
        }
        var tpl = document.createElement('template');
        tpl.innerHTML = text.trim();
        var fresh = tpl.content.firstElementChild;
        if (!fresh) return;
        var flash = fresh.querySelector('[data-toast]');
        if (flash) { toast(flash.textContent.trim(), false); flash.remove(); }
        target.replaceWith(fresh);
        open.forEach(function (id) {
          var d = document.getElementById(id);
          if (d) { d.open = true; }
        });
        Object.keys(filters).forEach(function (sel) {
          var input = fresh.querySelector('input[data-filter="' + sel + '"]');
          if (input) { input.value = filters[sel]; applyFilter(input); }
        });
        window.scrollTo(0, scrollY);
        var el = focusId ? document.getElementById(focusId) : null;
        if (el && el.disabled) {
          // An item that reached the top (bottom) loses its up (down) button: use the other one.
          var other = /^up-/.test(focusId) ? focusId.replace(/^up-/, 'down-') : focusId.replace(/^down-/, 'up-');
          el = document.getElementById(other);
        }
        if (el) {
          el.focus({ preventScroll: true });
          if (follow && !inView(el)) el.scrollIntoView({ block: 'center' });
        }
      });
    }).catch(function (err) {
      toast('Không kết nối được máy chủ: ' + err.message, true);
    }).then(function () {
      busy = false;
      document.body.classList.remove('busy');
    });
  }

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement)) return;
    if (form.hasAttribute('data-confirm') && !window.confirm(form.getAttribute('data-confirm'))) {
      ev.preventDefault();
      return;
    }
    var selector = form.getAttribute('data-swap');
    if (!selector || form.hasAttribute('data-noswap')) return;
    var target = document.querySelector(selector);
    if (!target) return; // not on a page with the board: plain form POST
    ev.preventDefault();
    var active = document.activeElement;
    var focusId = active && active.id ? active.id : (ev.submitter && ev.submitter.id) || null;
    var body = new URLSearchParams(new FormData(form, ev.submitter || undefined));
    swap(form.action, body, target, focusId, form.hasAttribute('data-follow'));
  });

  // Drag a story by its handle (⠿) onto another story of the same section to put it there.
  var dragged = null;
  function clearMarks() {
    Array.prototype.forEach.call(document.querySelectorAll('.drop-before, .drop-after'), function (el) {
      el.classList.remove('drop-before', 'drop-after');
    });
  }
  function dropTarget(ev) {
    var li = ev.target instanceof Element ? ev.target.closest('li.item[data-pos]') : null;
    return li && dragged && li !== dragged && li.parentNode === dragged.parentNode ? li : null;
  }
  function before(ev, li) {
    var r = li.getBoundingClientRect();
    return ev.clientY < r.top + r.height / 2;
  }
  document.addEventListener('mousedown', function (ev) {
    var handle = ev.target instanceof Element ? ev.target.closest('.handle') : null;
    if (handle) handle.closest('li.item').setAttribute('draggable', 'true');
  });
  document.addEventListener('dragstart', function (ev) {
    var li = ev.target instanceof Element ? ev.target.closest('li.item[draggable]') : null;
    if (!li) return;
    dragged = li;
    li.classList.add('dragging');
    ev.dataTransfer.effectAllowed = 'move';
    ev.dataTransfer.setData('text/plain', li.id);
  });
  document.addEventListener('dragover', function (ev) {
    var li = dropTarget(ev);
    if (!li) return;
    ev.preventDefault();
    ev.dataTransfer.dropEffect = 'move';
    clearMarks();
    li.classList.add(before(ev, li) ? 'drop-before' : 'drop-after');
  });
  document.addEventListener('drop', function (ev) {
    var li = dropTarget(ev);
    if (!li) return;
    ev.preventDefault();
    // Positions are 1-based in the section and count excluded stories too (digest.curate).
    var from = parseInt(dragged.getAttribute('data-pos'), 10);
    var to = parseInt(li.getAttribute('data-pos'), 10);
    var position = before(ev, li) ? (from < to ? to - 1 : to) : (from < to ? to : to + 1);
    var url = dragged.getAttribute('data-reorder');
    var board = document.getElementById('board');
    clearMarks();
    if (position !== from && url && board) {
      var body = new URLSearchParams();
      body.append('position', String(position));
      swap(url, body, board, null, false);
    }
  });
  document.addEventListener('dragend', function () {
    if (dragged) {
      dragged.classList.remove('dragging');
      dragged.removeAttribute('draggable');
    }
    dragged = null;
    clearMarks();
  });

  // details[data-src]: load the panel (paragraph checkboxes) on first open.
  document.addEventListener('toggle', function (ev) {
    var d = ev.target;
    if (d instanceof HTMLDetailsElement && d.open && d.hasAttribute('data-src')) loadPanel(d);
  }, true);

  document.addEventListener('input', function (ev) {
    var input = ev.target;
    if (input instanceof HTMLInputElement && input.hasAttribute('data-filter')) applyFilter(input);
  });

  // [data-poll]: re-fetch the element every 1.5 s and swap it until the answer stops polling
  // (the outcomes of the site rebuild and e-mail that run after a publish).
  function poll() {
    var el = document.querySelector('[data-poll]');
    if (!el) return;
    fetch(el.getAttribute('data-poll'), { credentials: 'same-origin', headers: { 'X-Requested-With': 'fetch' } })
      .then(function (resp) { return resp.ok ? resp.text() : Promise.reject(new Error('HTTP ' + resp.status)); })
      .then(function (text) {
        var tpl = document.createElement('template');
        tpl.innerHTML = text.trim();
        if (tpl.content.firstElementChild) el.replaceWith(tpl.content.firstElementChild);
        setTimeout(poll, 1500);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }
  if (document.querySelector('[data-poll]')) setTimeout(poll, 1000);

  document.documentElement.classList.add('js');
})();

/* bantin editors' app: what htmx (static/vendor/htmx.min.js) does not do. No build step.
 *
 * Without any script every form still works (POST, then a redirect back to the page). With
 * script, htmx sends the board's forms (hx-post; target and swap inherited from #board and
 * #workspace) and morphs the server's partial into the page (idiomorph's htmx extension,
 * hx-swap="morph:outerHTML": only what differs is touched, so the browser restyles a few nodes
 * instead of the whole board); the toast with its Undo button comes out of band
 * (hx-swap-oob) and progress polls (hx-trigger="every 1.5s").
 *
 * This file keeps the editor's place across a swap (the current story, keyboard focus - the
 * same control, its opposite twin, or the story at the same place -, scroll position, open
 * panels, the left-out filter, text typed and not saved - also across a session that ended -),
 * one change at a time, the keyboard map (j/k/x/u/1-4/J/K/m/e/
 * p/c/?//), errors as toasts, data-confirm on plain forms, panels loaded when opened, and drag
 * to reorder.
 */
(function () {
  'use strict';

  var toastTimer = null;
  function hideLater(box) {
    clearTimeout(toastTimer);
    var wait = box.classList.contains('err') ? 10000 : (document.getElementById('toast-undo') ? 8000 : 3500);
    toastTimer = setTimeout(function () { box.hidden = true; }, wait);
  }
  // A one-line message (an error answered as plain text); the server's own toasts arrive
  // out of band with the board and are only timed here.
  function toast(text, isError) {
    var box = document.getElementById('toast');
    if (!box || !text) return;
    box.textContent = text;
    box.className = 'toast' + (isError ? ' err' : ' ok');
    box.hidden = false;
    hideLater(box);
  }
  function armToast() {
    var box = document.querySelector('#toast[data-fresh]');
    if (!box) return;
    box.removeAttribute('data-fresh');
    hideLater(box);
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

  function inView(el) {
    var r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= (window.innerHeight || document.documentElement.clientHeight);
  }

  // Headlines and authors typed and not saved yet (the filters are not content).
  function unsavedFields(root) {
    return Array.prototype.filter.call(
      root.querySelectorAll('textarea[id], input[type=text][id]:not([data-filter])'),
      function (f) { return f.value !== f.defaultValue; });
  }

  // A session that ends mid-edit (expired, or logged out elsewhere): what was typed is kept in
  // this tab's sessionStorage across the login and filled in again on the page it came from.
  var UNSAVED = 'bantin-unsaved:';
  var TOLD = 'bantin-toast'; // a message to show again after the page reloads
  function keepUnsaved() {
    var unsaved = {};
    unsavedFields(document).forEach(function (f) { unsaved[f.id] = f.value; });
    try {
      if (Object.keys(unsaved).length) sessionStorage.setItem(UNSAVED + location.pathname, JSON.stringify(unsaved));
    } catch (e) { /* storage off: the login page still says why */ }
  }
  function retell() {
    var text = null;
    try { text = sessionStorage.getItem(TOLD); sessionStorage.removeItem(TOLD); } catch (e) { return; }
    if (text) toast(text, true);
  }
  function restoreUnsaved() {
    var saved = null;
    try {
      saved = JSON.parse(sessionStorage.getItem(UNSAVED + location.pathname) || 'null');
      sessionStorage.removeItem(UNSAVED + location.pathname);
    } catch (e) { return; }
    if (!saved) return;
    var filled = 0;
    Object.keys(saved).forEach(function (id) {
      var f = document.getElementById(id);
      if (!f || f.value === saved[id]) return;
      var panel = f.closest('details');
      if (panel) panel.open = true;
      f.value = saved[id];
      filled += 1;
    });
    if (filled) toast('Đã điền lại nội dung đang gõ dở khi phiên kết thúc: xem lại rồi bấm Lưu.', false);
  }

  var busy = false;
  var currentId = null; // the card the keys act on ('item-12'), kept across every swap

  function cards() {
    return Array.prototype.slice.call(document.querySelectorAll('#board li.item:not(.filtered)'));
  }
  function currentCard() {
    var el = currentId ? document.getElementById(currentId) : null;
    return el && el.matches('li.item') ? el : null;
  }
  function setCurrent(li, focus) {
    Array.prototype.forEach.call(document.querySelectorAll('#board li.item.current'), function (el) {
      if (el !== li) el.classList.remove('current');
    });
    if (!li) return;
    li.classList.add('current');
    currentId = li.id;
    if (focus) {
      li.focus({ preventScroll: true });
      if (!inView(li)) li.scrollIntoView({ block: 'nearest' });
    }
  }
  // After a swap: the same element if it still exists (the other of exclude/include, up/down),
  // else the card at the same place in the list, so focus never drops to <body>.
  function refocus(focusId, index, follow) {
    var el = focusId ? document.getElementById(focusId) : null;
    var twins = [['up-', 'down-'], ['down-', 'up-'], ['exclude-', 'include-'], ['include-', 'exclude-']];
    twins.forEach(function (pair) {
      if (focusId && focusId.indexOf(pair[0]) === 0 && (!el || el.disabled)) {
        var other = document.getElementById(pair[1] + focusId.slice(pair[0].length));
        if (other && !other.disabled) el = other;
      }
    });
    if (focusId && /^item-/.test(focusId)) el = null; // a card: the current card (it may have moved on)
    var card = currentCard();
    if (!card && index >= 0) {
      var list = cards();
      card = list[Math.min(index, list.length - 1)] || null;
    }
    setCurrent(card, false);
    if (!el || el.disabled) el = card;
    if (el) {
      el.focus({ preventScroll: true });
      if (follow && !inView(el)) el.scrollIntoView({ block: 'center' });
    }
  }

  // ------------------------------------------------------------------ around htmx's requests
  var pending = null; // what to restore once the change's answer is swapped in

  function isChange(detail) {
    return (detail.requestConfig ? detail.requestConfig.verb : detail.verb) === 'post';
  }

  document.addEventListener('htmx:configRequest', function (ev) {
    if (!isChange(ev.detail)) return;
    // The doubt filter in force (?flag=) comes back with the board it filters.
    var board = document.getElementById('board');
    var flag = board && board.getAttribute('data-flag');
    if (flag) ev.detail.path += (ev.detail.path.indexOf('?') < 0 ? '?' : '&') + 'flag=' + encodeURIComponent(flag);
  });

  document.addEventListener('htmx:beforeRequest', function (ev) {
    var d = ev.detail;
    if (!isChange(d)) return;
    if (busy) { ev.preventDefault(); return; } // one change at a time: each answer re-renders the board
    busy = true;
    document.body.classList.add('busy');
    var elt = d.elt;
    var card = elt.closest ? elt.closest('li.item') : null;
    if (card) setCurrent(card, false);
    var active = document.activeElement;
    var focusId = active && active.id && active !== document.body && !active.closest('#toast') ? active.id : currentId;
    var target = d.target || document.getElementById('board');
    var filters = {};
    Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), function (i) {
      filters[i.getAttribute('data-filter')] = i.value;
    });
    // Text typed but not saved (a headline, an author) survives the board's re-render by an
    // action elsewhere, and a refused save of its own (409) gives the editor's wording back.
    var typed = {};
    unsavedFields(target).forEach(function (f) { typed[f.id] = { value: f.value, basis: f.defaultValue }; });
    var form = elt.closest ? elt.closest('form') : null;
    var own = {};
    if (form) Array.prototype.forEach.call(form.querySelectorAll('[id]'), function (f) { own[f.id] = true; });
    pending = {
      typed: typed,
      own: own,
      focusId: focusId,
      index: cards().indexOf(currentCard()),
      follow: elt.hasAttribute && elt.hasAttribute('data-follow'),
      after: elt.__after || null,
      scrollY: window.scrollY,
      open: Array.prototype.map.call(target.querySelectorAll('details[open][id]'), function (el) { return el.id; }),
      filters: filters
    };
    elt.__after = null;
  });

  document.addEventListener('htmx:afterSwap', function () {
    if (pending) pending.swapped = true;
  });

  // htmx swaps (and processes the new content: settle delay 0) before this event.
  document.addEventListener('htmx:afterRequest', function (ev) {
    if (!isChange(ev.detail) || !pending) return;
    var p = pending;
    pending = null;
    busy = false;
    document.body.classList.remove('busy');
    var swapped = !!p.swapped;
    if (swapped) {
      armToast();
      p.open.forEach(function (id) {
        var d = document.getElementById(id);
        if (d) d.open = true; // its panel loads again (below)
      });
      Object.keys(p.filters).forEach(function (sel) {
        var input = document.querySelector('input[data-filter="' + sel + '"]');
        if (input && input.value !== p.filters[sel]) { input.value = p.filters[sel]; applyFilter(input); }
      });
      var conflict = ev.detail.xhr.status === 409;
      Object.keys(p.typed).forEach(function (id) {
        var f = document.getElementById(id);
        var t = p.typed[id];
        // not over another editor's new text, unless this very save was refused for it
        if (f && f.value !== t.value && (f.defaultValue === t.basis || (conflict && p.own[id]))) f.value = t.value;
      });
      window.scrollTo(0, p.scrollY);
      if (p.after && ev.detail.xhr.status < 300) p.after(); // not after a 409 conflict
      var now = document.getElementById('board');
      if (now && now.hasAttribute('data-readonly') && document.getElementById('publish')) {
        // another editor published meanwhile: the header (badge, Publish/Reopen) is outside
        // the swapped part, so the page is loaded afresh, keeping the message that said so
        var said = document.getElementById('toast');
        try { if (said && !said.hidden) sessionStorage.setItem(TOLD, said.textContent.trim()); } catch (e) { /* no storage */ }
        window.location.reload();
        return;
      }
    }
    refocus(p.focusId, p.index, swapped && p.follow);
  });

  // A stale edit (409) is answered with the current board and the conflict message: swap it in
  // like a success. Other refusals (plain text) become a toast below.
  document.addEventListener('htmx:beforeSwap', function (ev) {
    var xhr = ev.detail.xhr;
    if (xhr.status === 409 && (xhr.getResponseHeader('content-type') || '').indexOf('text/html') === 0) {
      ev.detail.shouldSwap = true;
      ev.detail.isError = false;
    }
  });

  document.addEventListener('htmx:responseError', function (ev) {
    var xhr = ev.detail.xhr;
    if (xhr.status === 401) {
      keepUnsaved();
      window.location.href = '/login?ended=1&next=' + encodeURIComponent(window.location.pathname);
      return;
    }
    if (ev.detail.elt.hasAttribute && ev.detail.elt.hasAttribute('data-poll')) return; // polled again soon
    toast(xhr.responseText || ('Lỗi ' + xhr.status), true);
  });
  document.addEventListener('htmx:sendError', function (ev) {
    if (ev.detail.elt.hasAttribute && ev.detail.elt.hasAttribute('data-poll')) return;
    toast('Không kết nối được máy chủ.', true);
  });

  // Plain forms (publish, reopen, send, remove) ask first.
  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (form instanceof HTMLFormElement && form.hasAttribute('data-confirm') &&
        !window.confirm(form.getAttribute('data-confirm'))) {
      ev.preventDefault();
    }
  });

  // ------------------------------------------------------------------ keyboard triage
  function submitItem(card, formSuffix, after) {
    var id = card.getAttribute('data-item');
    var form = card.querySelector('form[action$="/items/' + id + '/' + formSuffix + '"]');
    if (!form) return false;
    form.__after = after || null;
    form.requestSubmit();
    return true;
  }
  // u: the change the toast offers to undo, else the editor's newest change.
  function undo() {
    var button = document.getElementById('toast-undo');
    var form = button ? button.form : document.getElementById('undo-last');
    if (form) form.requestSubmit();
  }
  function step(delta) {
    var list = cards();
    if (!list.length) return;
    var i = list.indexOf(currentCard());
    var next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.max(0, Math.min(list.length - 1, i + delta));
    setCurrent(list[next], true);
  }
  function toggleKeys(show) {
    var keys = document.getElementById('keys');
    if (!keys) return;
    var open = show === undefined ? !keys.classList.contains('open') : show;
    keys.classList.toggle('open', open);
    if (open) { keys.setAttribute('tabindex', '-1'); keys.focus({ preventScroll: true }); }
    else { var card = currentCard(); if (card) card.focus({ preventScroll: true }); }
  }
  var SECTIONS = ['policy', 'local', 'management', 'world'];

  document.addEventListener('keydown', function (ev) {
    var t = ev.target;
    var typing = t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if (typing) {
      var saving = t.form && ev.key === 'Enter' &&
        ((ev.ctrlKey || ev.metaKey) && t.tagName === 'TEXTAREA' || t.classList.contains('num-input'));
      if (saving) {
        // Ctrl+Enter on a headline, Enter on "move to #": saved from the keyboard, so the keys
        // go back to the story (the next j or x is not typed into the field); a saved headline's
        // panel closes. A refused save keeps the panel and the text (see beforeRequest).
        ev.preventDefault();
        var owner = t.closest('li.item');
        var panel = t.tagName === 'TEXTAREA' ? t.closest('details[open][id]') : null;
        if (panel) t.form.__after = function () { var d = document.getElementById(panel.id); if (d) d.open = false; };
        if (owner) { setCurrent(owner, false); owner.focus({ preventScroll: true }); }
        t.form.requestSubmit();
      } else if (ev.key === 'Escape') {
        var details = t.closest('details[open]');
        if (details) details.open = false;
        var card = t.closest('li.item') || currentCard();
        if (card) setCurrent(card, true); else t.blur();
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey || busy) return;
    if (ev.key === 'Escape') { toggleKeys(false); return; }
    if (ev.key === '?') { ev.preventDefault(); toggleKeys(); return; }
    var board = document.getElementById('board');
    if (!board) return;
    var card = currentCard();
    var readonly = !board.querySelector('form[action*="/items/"]');
    switch (ev.key) {
      case 'j': step(1); break;
      case 'k': step(-1); break;
      case '/': {
        var search = document.getElementById('search-q') || document.querySelector('input.filter');
        if (search) { search.focus(); search.select(); }
        break;
      }
      case 'p': {
        var link = document.getElementById('preview-link');
        if (link) window.open(link.href, '_blank', 'noopener');
        break;
      }
      case 'c': {
        var toggle = document.getElementById('view-toggle');
        if (toggle) window.location.href = toggle.href;
        break;
      }
      case 'u':
        if (!readonly) undo();
        break;
      default: {
        if (!card || readonly) return;
        var id = card.getAttribute('data-item');
        if (ev.key === 'x') {
          var excluding = !card.classList.contains('is-excluded');
          // Like archiving in a mail reader: after excluding, the next story is current.
          submitItem(card, excluding ? 'exclude' : 'include', excluding ? function () {
            var list = cards(), i = list.indexOf(currentCard());
            if (i >= 0 && i + 1 < list.length) currentId = list[i + 1].id;
          } : null);
        } else if (ev.key === 'J') {
          submitItem(card, 'down');
        } else if (ev.key === 'K') {
          submitItem(card, 'up');
        } else if (/^[1-4]$/.test(ev.key)) {
          var select = document.getElementById('section-' + id);
          var key = SECTIONS[parseInt(ev.key, 10) - 1];
          if (select && card.getAttribute('data-section') !== key) {
            select.value = key;
            submitItem(card, 'move');
          }
        } else if (ev.key === '#' || ev.key === 'm') {
          var input = document.getElementById('number-' + id);
          if (input) { input.focus(); input.select(); }
        } else if (ev.key === 'e') {
          var edit = document.getElementById('edit-' + id);
          var area = document.getElementById('headline-' + id);
          if (edit && area) { edit.open = true; area.focus(); area.select(); }
        } else {
          return;
        }
      }
    }
    ev.preventDefault();
  });

  // A tap or click on a card (not on one of its controls) makes it the current one: on a touch
  // screen that shows its buttons in the compact view.
  document.addEventListener('click', function (ev) {
    var el = ev.target instanceof Element ? ev.target : null;
    if (!el) return;
    if (el.closest('#keys-link')) { ev.preventDefault(); toggleKeys(); return; }
    var card = el.closest('#board li.item');
    if (card && !el.closest('a, button, input, select, textarea, summary, label')) setCurrent(card, true);
  });
  document.addEventListener('focusin', function (ev) {
    var card = ev.target instanceof Element ? ev.target.closest('#board li.item') : null;
    if (card) setCurrent(card, false);
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
    clearMarks();
    if (position !== from && url && window.htmx) {
      // The same request as a form would send (CSRF header from <body hx-headers>), with the
      // page's version, so a drag on a stale page gets the conflict a form would, not a silent win.
      var board = document.getElementById('board');
      window.htmx.ajax('POST', url, { source: dragged, target: '#board', swap: 'outerHTML',
                                      values: { position: String(position),
                                                version: board ? board.getAttribute('data-version') : '' } });
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

  // details[hx-get]: load the panel (paragraph checkboxes) whenever it opens without it - the
  // first time, and again after a swap put the server's placeholder back.
  document.addEventListener('toggle', function (ev) {
    var d = ev.target;
    if (d instanceof HTMLDetailsElement && d.open && d.hasAttribute('hx-get') && window.htmx &&
        !d.querySelector('.panel form')) {
      window.htmx.trigger(d, 'panel');
    }
  }, true);

  document.addEventListener('input', function (ev) {
    var input = ev.target;
    if (input instanceof HTMLInputElement && input.hasAttribute('data-filter')) applyFilter(input);
  });

  document.documentElement.classList.add('js');
  function onLoad() { retell(); restoreUnsaved(); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', onLoad);
  else onLoad();
})();

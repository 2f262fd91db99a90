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
  // A message at the bottom of the screen; with `undoId`, an Undo button (and the u key) that
  // reverts the change just made.
  function toast(text, isError, undoId) {
    var box = document.getElementById('toast');
    if (!box || !text) return;
    box.textContent = text;
    box.className = 'toast' + (isError ? ' err' : ' ok');
    if (undoId) {
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.className = 'link undo';
      btn.id = 'toast-undo';
      btn.textContent = 'Hoàn tác (u)';
      btn.addEventListener('click', function () { undo(undoId); });
      box.appendChild(document.createTextNode(' '));
      box.appendChild(btn);
    }
    box.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { box.hidden = true; }, isError ? 10000 : (undoId ? 8000 : 3500));
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

  function withFlag(url) {
    var board = document.getElementById('board');
    var flag = board && board.getAttribute('data-flag');
    return flag ? url + (url.indexOf('?') < 0 ? '?' : '&') + 'flag=' + encodeURIComponent(flag) : url;
  }

  // POST `body` to `url` and swap the answer in place of `target` (an HTML partial), keeping
  // scroll position, focus (element `focusId`, else the current card), open panels and filter
  // inputs. A 409 (someone changed the story since this page was loaded) answers with the
  // current board and the conflict message: both are shown, nothing is overwritten.
  function swap(url, body, target, focusId, follow, after) {
    if (busy) return; // one change at a time: each answer re-renders the board
    busy = true;
    document.body.classList.add('busy');
    var open = Array.prototype.map.call(target.querySelectorAll('details[open][id]'), function (d) { return d.id; });
    var filters = {};
    Array.prototype.forEach.call(target.querySelectorAll('input[data-filter]'), function (i) { filters[i.getAttribute('data-filter')] = i.value; });
    var scrollY = window.scrollY;
    var index = cards().indexOf(currentCard());

    fetch(withFlag(url), {
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
        var isHtml = (resp.headers.get('content-type') || '').indexOf('text/html') === 0;
        if (!resp.ok && !(resp.status === 409 && isHtml)) {
          toast(text || ('Lỗi ' + resp.status), true);
          refocus(focusId, index, false);
          return;
        }
        var tpl = document.createElement('template');
        tpl.innerHTML = text.trim();
        var fresh = tpl.content.firstElementChild;
        if (!fresh) return;
        var flash = fresh.querySelector('[data-toast]');
        if (flash) {
          toast(flash.textContent.trim(), flash.hasAttribute('data-error'), flash.getAttribute('data-undo'));
          if (flash.getAttribute('data-undo')) lastUndo = flash.getAttribute('data-undo');
          flash.remove();
        }
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
        if (after && resp.ok) after();
        refocus(focusId, index, follow);
      });
    }).catch(function (err) {
      toast('Không kết nối được máy chủ: ' + err.message, true);
    }).then(function () {
      busy = false;
      document.body.classList.remove('busy');
    });
  }

  var lastUndo = null;
  function undo(changeId) {
    var board = document.getElementById('board');
    if (!board) return;
    var target = document.getElementById('workspace') || board; // an undone pull-in is left out again
    var body = new URLSearchParams();
    if (changeId) body.append('change_id', String(changeId));
    var day = board.getAttribute('data-day');
    var focusId = document.activeElement && document.activeElement.id && document.activeElement.id !== 'toast-undo'
      ? document.activeElement.id : currentId;
    swap('/bulletins/' + day + '/undo', body, target, focusId, true);
    lastUndo = null;
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
    var focusId = active && active.id && active !== document.body ? active.id : (ev.submitter && ev.submitter.id) || null;
    var card = form.closest('li.item');
    if (card) setCurrent(card, false);
    var body = new URLSearchParams(new FormData(form, ev.submitter || undefined));
    swap(form.action, body, target, focusId, form.hasAttribute('data-follow'), form.__after || null);
    form.__after = null;
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
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey) && t.tagName === 'TEXTAREA' && t.form) {
        ev.preventDefault();
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
        if (!readonly) undo(lastUndo);
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

/*
 * sitegen serve: reload the page after each rebuild, and show the diagnostics over it after a
 * failed one. The preview server adds this script to the HTML it serves, never to the built files.
 *
 * The overlay is an alert dialog: a heading, the report as text (textContent only: diagnostics
 * quote content, which is never markup), a dismiss button that takes the focus, Escape to close,
 * Tab kept inside, and the page behind it inert until it closes; focus then goes back.
 */
(function () {
  'use strict';

  if (!window.EventSource) return;
  var script = document.currentScript;
  var served = script ? script.getAttribute('data-build') : '';
  var overlay = null;
  var shown = null; // the report on screen
  var dismissed = null; // the report the reader closed: it stays closed until the report changes
  var returnFocus = null;
  var inert = [];

  function element(tag, id, text) {
    var node = document.createElement(tag);
    if (id) node.id = id;
    if (text) node.textContent = text;
    return node;
  }

  function addStylesheet() {
    if (document.getElementById('sitegen-preview-style')) return;
    var link = element('link', 'sitegen-preview-style');
    link.rel = 'stylesheet';
    link.href = '/__sitegen/preview.css';
    document.head.appendChild(link);
  }

  function show(data) {
    if (data.report === dismissed || (overlay && data.report === shown)) return;
    hide(false);
    addStylesheet();
    returnFocus = returnFocus || document.activeElement;
    shown = data.report;
    overlay = element('div', 'sitegen-overlay');
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-modal', 'true');
    overlay.setAttribute('aria-labelledby', 'sitegen-overlay-title');
    overlay.setAttribute('aria-describedby', 'sitegen-overlay-intro sitegen-overlay-report');
    overlay.lang = data.language;
    var box = element('div', 'sitegen-overlay-box');
    var report = element('pre', 'sitegen-overlay-report', data.report);
    report.lang = 'en'; // sitegen's diagnostics are written in English
    report.tabIndex = 0; // it may scroll: keyboard users must reach it
    var button = element('button', 'sitegen-overlay-dismiss', data.dismiss);
    button.type = 'button';
    button.addEventListener('click', dismiss);
    box.appendChild(element('h2', 'sitegen-overlay-title', data.title));
    box.appendChild(element('p', 'sitegen-overlay-intro', data.intro));
    box.appendChild(report);
    box.appendChild(button);
    overlay.appendChild(box);
    overlay.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        dismiss();
      } else if (event.key === 'Tab') {
        var stops = [report, button];
        var at = stops.indexOf(document.activeElement);
        var next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : (at + 1) % stops.length;
        event.preventDefault();
        stops[next].focus();
      }
    });
    Array.prototype.forEach.call(document.body.children, function (child) {
      if (!child.inert) {
        child.inert = true;
        inert.push(child);
      }
    });
    document.body.appendChild(overlay);
    button.focus();
  }

  function hide(restoreFocus) {
    if (!overlay) return;
    overlay.remove();
    overlay = null;
    shown = null;
    inert.forEach(function (child) { child.inert = false; });
    inert = [];
    if (restoreFocus && returnFocus && document.contains(returnFocus)) returnFocus.focus();
    if (restoreFocus) returnFocus = null;
  }

  function dismiss() {
    dismissed = shown;
    hide(true);
  }

  var source = new EventSource('/__sitegen/events');
  source.addEventListener('rebuilt', function (event) {
    var data = JSON.parse(event.data);
    if (data.session + '-' + data.build !== served) {
      source.close();
      window.location.reload();
    } else {
      dismissed = null;
      hide(true);
    }
  });
  source.addEventListener('failed', function (event) {
    show(JSON.parse(event.data));
  });
}());

// The console's only script (no library, nothing to build): it keeps two parts of a page current without a reload.
// - An element with data-refresh (a device's remote-assistance pane while its session is under way) is fetched again
//   every 1.5 s and replaced; the server stops adding data-refresh once the session is over.
// - An element with data-stream (the Company Portal's notifications) listens to the relayed notification stream and is
//   fetched again from data-refresh-on-event when a notification arrives, and every 5 s in case one was withdrawn.
// Without script every page still works: a reload shows the same.
(function () {
  'use strict';

  function replace(element, url, then) {
    fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (response.redirected) { // signed out meanwhile: show the sign-in page
          window.location.assign(response.url);
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html === null || !element.isConnected) { return; }
        var template = document.createElement('template');
        template.innerHTML = html.trim();
        var fresh = template.content.firstElementChild;
        if (fresh) {
          element.replaceWith(fresh);
          if (then) { then(fresh); }
        }
      })
      .catch(function () { /* the console is restarting or the network is gone: the next round tries again */ });
  }

  function keepRefreshed(element) {
    var url = element.getAttribute('data-refresh');
    if (!url) { return; }
    setTimeout(function () {
      if (element.contains(document.activeElement)) {
        keepRefreshed(element); // the person is using its form (a reason chosen, a button pressed): not now
      } else {
        replace(element, url, keepRefreshed);
      }
    }, 1500);
  }

  function listen(element) {
    var url = element.getAttribute('data-refresh-on-event');
    var current = element;
    function refresh() {
      if (!current.contains(document.activeElement)) { // not while the person answers
        replace(current, url, function (fresh) { current = fresh; });
      }
    }
    if (window.EventSource) {
      var source = new EventSource(element.getAttribute('data-stream'));
      source.onmessage = refresh;
    }
    setInterval(refresh, 5000);
  }

  // times come as ISO instants; shown in the person's own time zone and language
  function localTimes(root) {
    var language = document.documentElement.lang || undefined;
    root.querySelectorAll('time[datetime]:not([data-local])').forEach(function (time) {
      var when = new Date(time.getAttribute('datetime'));
      time.setAttribute('data-local', '');
      if (!isNaN(when)) {
        time.textContent = when.toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
      }
    });
  }
  new MutationObserver(function () { localTimes(document); })
    .observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    document.querySelectorAll('[data-refresh]').forEach(keepRefreshed);
    document.querySelectorAll('[data-stream]').forEach(listen);
  });
})();

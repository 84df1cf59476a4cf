// Progressive enhancement only: every page works without it.
// Forms marked data-confirm ask first (bulk retry, backfill apply).
document.addEventListener('submit', function (event) {
  var text = event.target.getAttribute('data-confirm');
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});

// Live event list: the first, unfiltered page (the server marks it with data-live-after) asks every
// few seconds for rows newer than the newest it shows and puts them in place, newest first. The
// server sends rows a little older too (a later seq can commit first), so rows already shown are skipped.
(function () {
  var EVERY_MS = 3000;
  var table = document.querySelector('table#events[data-live-after]');
  if (!table || !window.fetch || !window.DOMParser) {
    return;
  }
  var body = table.tBodies[0];
  var note = document.getElementById('live');
  var newest = Number(table.getAttribute('data-live-after')) || 0;
  var added = 0;

  function shown(seq) {
    return body.querySelector('tr.event-row[data-seq="' + seq + '"]') !== null;
  }

  function place(row) {
    var seq = Number(row.getAttribute('data-seq'));
    var rows = body.querySelectorAll('tr.event-row');
    for (var i = 0; i < rows.length; i++) {
      if (Number(rows[i].getAttribute('data-seq')) < seq) {
        body.insertBefore(row, rows[i]);
        return;
      }
    }
    body.appendChild(row);
  }

  function merge(html) {
    var parsed = new DOMParser().parseFromString(html, 'text/html');
    var rows = parsed.querySelectorAll('tr.event-row');
    for (var i = rows.length - 1; i >= 0; i--) {
      var seq = Number(rows[i].getAttribute('data-seq'));
      if (!shown(seq)) {
        var row = document.importNode(rows[i], true);
        row.classList.add('new');
        place(row);
        added++;
        newest = Math.max(newest, seq);
      }
    }
    if (added > 0 && note) {
      note.textContent = added + ' new event(s) since this page was opened, highlighted.';
      note.hidden = false;
      var empty = document.getElementById('no-events');
      if (empty) {
        empty.hidden = true;
      }
    }
  }

  function poll() {
    if (document.hidden) {
      window.setTimeout(poll, EVERY_MS);
      return;
    }
    fetch('/console/events/newer?after=' + newest, { credentials: 'same-origin', redirect: 'manual' })
      .then(function (answer) {
        // Signed out or session over (a redirect to sign in): stop; the page itself still works.
        if (answer.type === 'opaqueredirect' || !answer.ok) {
          throw new Error('stopped');
        }
        return answer.text();
      })
      .then(function (html) {
        merge(html);
        window.setTimeout(poll, EVERY_MS);
      })
      .catch(function (failure) {
        if (failure.message !== 'stopped') {
          window.setTimeout(poll, EVERY_MS * 5); // the service is restarting or the network hiccuped
          return;
        }
        if (note) {
          note.textContent = 'Live updates stopped: reload the page to see newer events.';
          note.hidden = false;
        }
      });
  }

  window.setTimeout(poll, EVERY_MS);
}());

// Progressive enhancement only: every page works without it.
// Forms marked data-confirm ask first (bulk retry, backfill apply).
document.addEventListener('submit', function (event) {
  var text = event.target.getAttribute('data-confirm');
  if (text && !window.confirm(text)) {
    event.preventDefault();
  }
});

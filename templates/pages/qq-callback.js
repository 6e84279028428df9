// The end of a QQ authorization: hands code and state on to the app that started it, which alone
// holds the verifier that finishes the flow (GET /api/v1/qq/callback). This page finishes nothing.
(function () {
  var outcome = document.getElementById('outcome');
  var query = new URLSearchParams(location.search);
  var code = query.get('code');
  var state = query.get('state') || '';
  // Code and state leave the address bar (and the history) at once.
  history.replaceState(null, '', location.pathname);

  function show(ok, text) {
    outcome.dataset.ok = String(ok);
    outcome.textContent = text;
  }

  // They travel in the fragment of returnTo, which the browser never sends to a server.
  function handOff(returnTo) {
    var url = new URL(returnTo);
    var fragment = new URLSearchParams({ qq: 'finish' });
    if (code) fragment.set('code', code);
    fragment.set('state', state);
    url.hash = fragment.toString();
    return url.href;
  }

  fetch('/api/v1/qq/return?' + new URLSearchParams({ state: state }), { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' })
    .then(function (response) { return response.json(); })
    .then(function (body) {
      var returnTo = body.code === 0 && body.data && body.data.returnTo;
      if (!returnTo) return show(false, body.message);
      show(true, outcome.dataset.returning);
      location.replace(handOff(returnTo));
    })
    .catch(function () { show(false, outcome.dataset.failure); });
})();

// The end of a QQ authorization: hands code and state to the API, then the outcome to the app.
(function () {
  var outcome = document.getElementById('outcome');
  var query = new URLSearchParams(location.search);
  var api = '/api/v1/qq/callback?' + new URLSearchParams({ code: query.get('code') || '', state: query.get('state') || '' });
  // Code and state leave the address bar (and the history) at once: they are used up either way.
  history.replaceState(null, '', location.pathname);

  function show(ok, text) {
    outcome.dataset.ok = String(ok);
    outcome.textContent = text;
  }

  // The outcome travels in the fragment of returnTo, which the browser never sends to a server.
  function handOff(returnTo, body) {
    var url = new URL(returnTo);
    var fragment = new URLSearchParams();
    var data = body.data || {};
    if (body.code === 0) {
      fragment.set('qq', data.outcome);
      if (data.session) {
        fragment.set('uuid', data.session.uuid);
        fragment.set('ukey', data.session.ukey);
        fragment.set('expiresAt', data.session.expiresAt);
      }
      if (data.ticket) {
        fragment.set('ticket', data.ticket.ticket);
        fragment.set('expiresAt', data.ticket.expiresAt);
        fragment.set('nickname', data.ticket.nickname);
      }
      if (data.binding) {
        fragment.set('raid', data.binding.raid);
        fragment.set('nickname', data.binding.nickname);
      }
    } else {
      fragment.set('qq', 'error');
      fragment.set('code', String(body.code));
      fragment.set('message', body.message);
    }
    url.hash = fragment.toString();
    return url.href;
  }

  fetch(api, { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' })
    .then(function (response) { return response.json(); })
    .then(function (body) {
      var returnTo = body.data && body.data.returnTo;
      if (!returnTo) return show(false, body.message);
      show(body.code === 0, outcome.dataset.returning);
      location.replace(handOff(returnTo, body));
    })
    .catch(function () { show(false, outcome.dataset.failure); });
})();

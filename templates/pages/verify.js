// The confirm button of the verification page: POSTs the token, then shows the outcome.
(function () {
  var form = document.getElementById('confirm');
  var outcome = document.getElementById('outcome');
  if (!form) return;
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    fetch('/api/v1/accounts/verify', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: form.dataset.token }),
    })
      .then(function (response) { return response.json(); })
      .then(function (body) {
        var ok = body.code === 0;
        outcome.dataset.ok = String(ok);
        outcome.textContent = ok ? form.dataset.success : body.message;
        if (ok) form.hidden = true;
        else button.disabled = false;
      })
      .catch(function () {
        outcome.dataset.ok = 'false';
        outcome.textContent = form.dataset.failure;
        button.disabled = false;
      });
  });
})();

// RuralAtlas satisfaction survey form: a random device token kept in localStorage (the server
// stores only a keyed hash of it), a proof of work solved with Web Crypto, then one POST.
(function () {
  'use strict';
  var form = document.getElementById('survey');
  if (!form) { return; }
  var base = form.dataset.base, commune = form.dataset.commune, en = form.dataset.lang === 'en';
  var status = document.getElementById('status');
  var TOPICS = ['infrastructure', 'production_income', 'environment', 'culture_education_health', 'security_order', 'public_services'];

  function deviceToken() {
    var key = 'ruralatlas.device';
    var token = null;
    try { token = localStorage.getItem(key); } catch (e) { token = null; }
    if (!token) {
      var bytes = new Uint8Array(18);
      crypto.getRandomValues(bytes);
      token = btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      try { localStorage.setItem(key, token); } catch (e) { /* private mode: one token per page view */ }
    }
    return token;
  }

  function zeroBits(buf) {
    var b = new Uint8Array(buf), bits = 0;
    for (var i = 0; i < b.length; i++) {
      if (b[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(b[i]) - 24;
    }
    return bits;
  }

  async function solve(challenge, difficulty) {
    var enc = new TextEncoder();
    for (var n = 0; ; n++) {
      var hash = await crypto.subtle.digest('SHA-256', enc.encode(challenge + ':' + n));
      if (zeroBits(hash) >= difficulty) { return String(n); }
      if (n % 5000 === 0) { status.textContent = (en ? 'Checking… ' : 'Đang xác minh… ') + n; }
    }
  }

  form.addEventListener('submit', async function (ev) {
    ev.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    try {
      var data = new FormData(form);
      var topics = {};
      TOPICS.forEach(function (t) { if (data.get(t)) { topics[t] = Number(data.get(t)); } });
      status.textContent = en ? 'Preparing…' : 'Đang chuẩn bị…';
      var c = await (await fetch(base + '/ntm/survey/' + commune + '/challenge', { cache: 'no-store' })).json();
      var nonce = await solve(c.challenge, c.difficulty);
      var r = await fetch(base + '/ntm/survey/' + commune + '/responses', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ challenge: c.challenge, nonce: nonce, device: deviceToken(),
          overall: Number(data.get('overall')), topics: topics })
      });
      var body = await r.json();
      if (r.status === 201) {
        status.textContent = (en ? 'Thank you! Satisfied so far: ' : 'Cảm ơn bạn! Tỷ lệ hài lòng hiện tại: ')
          + body.results.satisfaction_pct + ' % (' + body.results.responses + ')';
      } else if (r.status === 409) {
        status.textContent = en ? 'This device has already answered this quarter.' : 'Thiết bị này đã trả lời trong quý này.';
      } else {
        status.textContent = body.detail || (en ? 'Could not send.' : 'Không gửi được.');
        button.disabled = false;
      }
    } catch (e) {
      status.textContent = en ? 'Could not send; try again.' : 'Không gửi được, hãy thử lại.';
      button.disabled = false;
    }
  });
}());

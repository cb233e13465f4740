// RuralAtlas satisfaction survey (/ntm/survey/{code}, rendered by the server): a random device
// token kept in localStorage (the server stores only a keyed hash of it), a proof of work solved
// with Web Crypto, then one POST of the answers.
import { request } from './js/api.js';
import { t, setLanguage } from './js/i18n.js';

const TOPICS = ['infrastructure', 'production_income', 'environment', 'culture_education_health', 'security_order', 'public_services'];
const form = document.getElementById('survey');
const status = document.getElementById('status');

function deviceToken() {
  const key = 'ruralatlas.device';
  let token = null;
  try { token = localStorage.getItem(key); } catch (e) { token = null; }
  if (!token) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    token = btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    try { localStorage.setItem(key, token); } catch (e) { /* private mode: one token per page view */ }
  }
  return token;
}

function zeroBits(buffer) {
  const b = new Uint8Array(buffer);
  let bits = 0;
  for (const byte of b) {
    if (byte !== 0) { return bits + Math.clz32(byte) - 24; }
    bits += 8;
  }
  return bits;
}

/** A nonce such that SHA-256(challenge:nonce) starts with difficulty zero bits. */
async function solve(challenge, difficulty) {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    if (zeroBits(await crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + n))) >= difficulty) { return String(n); }
    if (n % 5000 === 0) { status.textContent = t('survey.checking', { n }); }
  }
}

async function send(button) {
  const data = new FormData(form);
  const topics = {};
  TOPICS.filter((k) => data.get(k)).forEach((k) => { topics[k] = Number(data.get(k)); });
  status.textContent = t('survey.preparing');
  const path = 'ntm/survey/' + encodeURIComponent(form.dataset.commune);
  try {
    const c = await request(path + '/challenge', { cache: 'no-store' });
    const nonce = await solve(c.challenge, c.difficulty);
    const answer = await request(path + '/responses', { body: { challenge: c.challenge, nonce, device: deviceToken(),
      overall: Number(data.get('overall')), topics } });
    status.textContent = t('survey.thanks', { p: answer.results.satisfaction_pct, n: answer.results.responses });
  } catch (e) {
    if (e.status === 409) {
      status.textContent = t('survey.again');
      return;
    }
    status.textContent = e.status ? e.detail || t('survey.failed') : t('survey.retry');
    button.disabled = false;
  }
}

if (form) {
  setLanguage(form.dataset.lang);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    send(button);
  });
}

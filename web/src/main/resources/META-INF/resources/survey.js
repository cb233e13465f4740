// RuralAtlas satisfaction survey (/ntm/survey/{code}, rendered by the server): a random device
// token kept in localStorage (the server stores only a keyed hash of it), a proof of work solved
// with Web Crypto, then one POST of the answers. With no network (the page kept by the viewer's
// service worker) the answers wait in localStorage, with the status saying so, and are sent when
// the network returns: challenge, proof of work and POST only then, as online. They leave the
// device once the server has answered (accepted, or refused: 409 when this device already
// answered this quarter, so a send whose answer was lost is never counted twice); one tab at a
// time sends (Web Locks).
import { request } from './js/api.js';
import { t, setLanguage } from './js/i18n.js';
import { solve } from './js/proof.js';

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

const QUEUE = 'ruralatlas.survey.waiting';

/** The answers waiting on this device, by commune code. */
function waiting() {
  try { return JSON.parse(localStorage.getItem(QUEUE) || '{}'); } catch (e) { return {}; }
}
function setWaiting(code, answers) {
  const all = waiting();
  if (answers) { all[code] = answers; } else { delete all[code]; }
  localStorage.setItem(QUEUE, JSON.stringify(all));
}

/** Sends the answers: true once the server has answered (either way), false when it could not be reached. */
async function post(code, answers) {
  status.textContent = t('survey.preparing');
  status.setAttribute('data-state', 'sending');
  const path = 'ntm/survey/' + encodeURIComponent(code);
  try {
    const c = await request(path + '/challenge', { cache: 'no-store' });
    const nonce = await solve(c.challenge, c.difficulty, (n) => { status.textContent = t('survey.checking', { n }); });
    const answer = await request(path + '/responses', { body: { challenge: c.challenge, nonce, device: deviceToken(),
      overall: answers.overall, topics: answers.topics } });
    status.textContent = t('survey.thanks', { p: answer.results.satisfaction_pct, n: answer.results.responses });
    status.setAttribute('data-state', 'sent');
    return true;
  } catch (e) {
    if (!e.status || e.status === 429 || e.status >= 500) { return false; } // try again later
    status.textContent = e.status === 409 ? t('survey.again') : e.detail || t('survey.failed');
    status.setAttribute('data-state', e.status === 409 ? 'refused' : 'failed');
    return true;
  }
}

/** Sends this commune's waiting answers, once, in one tab at a time. */
async function sendWaiting() {
  const code = form.dataset.commune;
  const run = async () => {
    const answers = waiting()[code];
    if (!answers) { return; }
    if (await post(code, answers)) {
      setWaiting(code, null);
    } else {
      status.textContent = t('survey.queued');
      status.setAttribute('data-state', 'waiting');
    }
  };
  return navigator.locks ? navigator.locks.request('ruralatlas-survey', run) : run();
}

async function send(button) {
  const data = new FormData(form);
  const topics = {};
  TOPICS.filter((k) => data.get(k)).forEach((k) => { topics[k] = Number(data.get(k)); });
  const answers = { overall: Number(data.get('overall')), topics, at: new Date().toISOString() };
  if (navigator.onLine) {
    if (await post(form.dataset.commune, answers)) { return; }
  }
  // no network: the answers wait on the device
  setWaiting(form.dataset.commune, answers);
  status.textContent = t('survey.queued');
  status.setAttribute('data-state', 'waiting');
  button.disabled = false;
}

if (form) {
  setLanguage(form.dataset.lang);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    send(button);
  });
  window.addEventListener('online', sendWaiting);
  if (navigator.onLine) { sendWaiting(); } else if (waiting()[form.dataset.commune]) {
    status.textContent = t('survey.queued');
    status.setAttribute('data-state', 'waiting');
  }
}

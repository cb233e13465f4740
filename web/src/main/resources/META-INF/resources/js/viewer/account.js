// RuralAtlas viewer: signing in from the browser (POST /session, a session cookie the page never
// sees) and out (DELETE /session), in the Account panel of the "more" menu. The server says who is
// signed in (GET /session) and gives the CSRF token that every write of this session must carry
// (csrfHeaders()). Reading the map needs no account; only editors and administrators see Edit mode.
// Where the server has a province's identity provider, the panel also offers "Sign in with …" (the
// server runs the OIDC code flow and comes back to / signed in); an account changes its own password here,
// and a reviewer opens the queue of the public's proposals (review.js).
import { request, send } from '../api.js';
import { el, byId } from '../dom.js';
import { t } from '../i18n.js';
import { firstDraw } from './map.js';
import { notice } from './notice.js';
import { definePanel, openPanel, closePanel } from './panel.js';
import { on } from './state.js';

/** Who is signed in: { signedIn, name, role, provinces, edits, csrf: { header, token } }. */
export const session = { signedIn: false };
const listeners = [];
/** The identity provider that the server offers ({ name, href }), or null. */
let provider = null;

/** Calls fn(session) now and whenever someone signs in or out. */
export function onSession(fn) {
  listeners.push(fn);
  fn(session);
}

/** Whether the account signed in reviews the public's proposals (a reviewer or an administrator). */
export function reviews(s) {
  return !!s.signedIn && (s.role === 'reviewer' || s.role === 'admin');
}

/** The header that a write of this session carries (none when not signed in by this page). */
export function csrfHeaders() {
  return session.csrf ? { [session.csrf.header]: session.csrf.token } : {};
}

function label() {
  const button = byId('account-button');
  button.querySelector('[data-account-label]').textContent = session.signedIn ? session.name : t('account.signin');
  button.setAttribute('data-signed-in', String(session.signedIn));
}

function apply(s) {
  provider = (s && s.signInWith) || provider;
  Object.keys(session).forEach((k) => delete session[k]);
  Object.assign(session, s && s.signedIn ? s : { signedIn: false });
  label();
  listeners.forEach((fn) => fn(session));
}

async function signIn(form, message) {
  const name = form.elements.name.value.trim();
  const password = form.elements.password.value;
  message.textContent = '';
  if (!name || !password) { message.textContent = t('account.missing'); return; }
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const r = await send('session', { method: 'POST', body: { name, password } });
    if (r.ok) {
      apply(r.body);
      notice(t('account.welcome', { name: session.name }));
      openPanel('account');
      return;
    }
    message.textContent = r.status === 429 ? t('account.limited') : r.status === 401 ? t('account.refused')
      : t('account.failed', { e: (r.body && r.body.detail) || r.status });
  } catch (e) {
    message.textContent = t('account.failed', { e: e.message });
  } finally {
    submit.disabled = false;
  }
}

async function signOut() {
  try {
    await send('session', { method: 'DELETE', headers: csrfHeaders() });
  } finally {
    apply(null);
    closePanel();
    notice(t('account.signedout'));
  }
}

function renderSignIn(body) {
  const message = el('p', { class: 'form-error', role: 'alert', id: 'signin-message' });
  const form = el('form', { id: 'signin-form', class: 'signin', novalidate: true, on: { submit: (e) => { e.preventDefault(); signIn(form, message); } } }, [
    el('label', { for: 'signin-name', text: t('account.name') }),
    el('input', { id: 'signin-name', name: 'name', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true }),
    el('label', { for: 'signin-password', text: t('account.password') }),
    el('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    message,
    el('button', { type: 'submit', class: 'button primary', text: t('account.signin') })]);
  body.appendChild(el('p', { class: 'note', text: t('account.intro') }));
  if (provider) {
    body.appendChild(el('p', {}, [el('a', { class: 'button primary', id: 'signin-provider', href: provider.href, text: t('account.with', { name: provider.name }) })]));
  }
  body.appendChild(form);
}

async function changePassword(form, message) {
  const currentPassword = form.elements.current.value;
  const newPassword = form.elements.chosen.value;
  message.textContent = '';
  if (!currentPassword || !newPassword) { message.textContent = t('account.pwMissing'); return; }
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const r = await send('account/password', { method: 'POST', body: { currentPassword, newPassword }, headers: csrfHeaders() });
    if (r.ok) { form.reset(); notice(t('account.pwChanged')); return; }
    message.textContent = r.status === 429 ? t('account.limited') : r.status === 403 ? t('account.pwWrong')
      : r.status === 422 ? t('account.pwWeak') : t('account.pwFailed', { e: (r.body && r.body.detail) || r.status });
  } catch (e) {
    message.textContent = t('account.pwFailed', { e: e.message });
  } finally {
    submit.disabled = false;
  }
}

function renderPassword(body) {
  const message = el('p', { class: 'form-error', role: 'alert', id: 'password-message' });
  const form = el('form', { id: 'password-form', class: 'signin', novalidate: true, on: { submit: (e) => { e.preventDefault(); changePassword(form, message); } } }, [
    el('label', { for: 'password-current', text: t('account.pwCurrent') }),
    el('input', { id: 'password-current', name: 'current', type: 'password', autocomplete: 'current-password', required: true }),
    el('label', { for: 'password-new', text: t('account.pwNew') }),
    el('input', { id: 'password-new', name: 'chosen', type: 'password', autocomplete: 'new-password', minlength: 12, required: true }),
    el('p', { class: 'note', text: t('account.pwRule') }),
    message,
    el('button', { type: 'submit', class: 'button', text: t('account.pwChange') })]);
  body.appendChild(el('details', { id: 'password-change' }, [el('summary', { text: t('account.pwTitle') }), form]));
}

function roleName(role) {
  return role === 'admin' ? t('role.admin') : role === 'editor' ? t('role.editor') : t('role.reviewer');
}

function renderSignedIn(body) {
  body.appendChild(el('p', { id: 'account-who', text: t('account.who', { name: session.name, role: roleName(session.role) }) }));
  if (session.provinces && session.provinces.length) {
    body.appendChild(el('p', { class: 'note', text: t('account.provinces', { p: session.provinces.join(', ') }) }));
  }
  if (!session.edits) { body.appendChild(el('p', { class: 'note', text: t('account.noedits') })); }
  body.appendChild(el('p', { class: 'links-row' }, [
    session.edits ? el('button', { type: 'button', class: 'button primary', id: 'edit-start', text: t('edit.start'),
      on: { click: () => { closePanel(); document.dispatchEvent(new CustomEvent('ruralatlas:edit', { detail: true })); } } }) : null,
    reviews(session) ? el('button', { type: 'button', class: 'button', id: 'review-start', text: t('review.open'), on: { click: () => openPanel('review') } }) : null,
    el('button', { type: 'button', class: 'button', id: 'signout-button', text: t('account.signout'), on: { click: signOut } })]));
  if (session.account) { renderPassword(body); }
}

definePanel('account', () => (session.signedIn ? t('account.title') : t('account.signin')),
  (body) => (session.signedIn ? renderSignedIn(body) : renderSignIn(body)));

/** A sign-in through the provider that was refused: the server sent the page back with why (?signin=norole|away|failed). */
function refusedSignIn() {
  const params = new URLSearchParams(location.search);
  const why = params.get('signin');
  if (!why) { return; }
  params.delete('signin');
  history.replaceState(history.state, '', location.pathname + (params.size ? '?' + params : '') + location.hash);
  notice(why === 'norole' ? t('account.noRole') : why === 'away' ? t('account.away') : t('account.providerFailed'), 15000);
}

on('language', label);
firstDraw.then(refusedSignIn);
// who is signed in, asked once the map has drawn (a public read: it makes no session and sets no cookie)
firstDraw.then(() => request('session', { cache: 'no-store' })).then(apply, () => apply(null));

/**
 * The customer's account: sign up or log in with e-mail and password, keep the token and the account in
 * localStorage under customer keys (apart from the staff apps' tokens), log out. #/account shows the form or who
 * is signed in; the checkout embeds the same form.
 */
import { h, replace, nextId } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api, configureApi, getToken, setToken, clearToken } from '../common/api.js';
import { field, showErrors, clearErrors, busy } from '../common/forms.js';

const TOKEN_KEY = 'diggety.customer.token';
const USER_KEY = 'diggety.customer.user';
const listeners = new Set();

/** Points common/api.js at the customer's token; a 401 on a signed-in call signs the customer out. */
export function configureAccount() {
	configureApi({ storage: localStorage, storageKey: TOKEN_KEY, onUnauthorized: () => signOut() });
}

/** The signed-in account {id, username, displayName, ...}, or null for a guest. */
export function currentUser() {
	if (!getToken()) return null;
	try {
		return JSON.parse(localStorage.getItem(USER_KEY)) ?? null;
	} catch {
		return null;
	}
}

export const signedIn = () => Boolean(getToken());

/** Calls `fn(user)` whenever someone signs in or out; returns the unsubscribe function. */
export function onAccountChange(fn) {
	listeners.add(fn);
	return () => listeners.delete(fn);
}

function changed() {
	const user = currentUser();
	for (const fn of listeners) fn(user);
}

function keep(session) {
	// login answers {accessToken, user}; the contract words signup's answer as {token, user}: take either
	setToken(session.accessToken ?? session.token);
	localStorage.setItem(USER_KEY, JSON.stringify(session.user ?? null));
	changed();
}

export function signOut() {
	clearToken();
	localStorage.removeItem(USER_KEY);
	changed();
}

/** The name to greet the customer with. */
export const displayName = (user) => user?.displayName || user?.username || '';

const MIN_PASSWORD = 10;

/**
 * The log in / sign up form. `mode` is 'login' or 'signup'; a link switches between them. `onDone(user)` runs
 * once the customer is signed in.
 */
export function accountForm({ mode = 'login', onDone, compact = false } = {}) {
	const wrap = h('div', { class: 'account-form' });
	const draw = (current) => {
		const signup = current === 'signup';
		const headingId = nextId('h');
		const name = h('input', { name: 'displayName', id: 'account-name', type: 'text', autocomplete: 'name', maxlength: '80' });
		const email = h('input', { name: 'email', id: 'account-email', type: 'email', autocomplete: 'email', autocapitalize: 'none', spellcheck: 'false', required: true });
		const password = h('input', {
			name: 'password', id: 'account-password', type: 'password', required: true,
			autocomplete: signup ? 'new-password' : 'current-password', minlength: signup ? String(MIN_PASSWORD) : null,
		});
		const form = h('form', { class: compact ? 'account' : 'card account', id: 'account-form', novalidate: true, 'aria-labelledby': headingId, dataset: { mode: current } },
			h(compact ? 'h3' : 'h2', { id: headingId }, t(signup ? 'account.signupTitle' : 'account.loginTitle')),
			signup ? field(t('account.name'), name) : null,
			field(t('account.email'), email),
			field(t('account.password'), password, signup ? t('form.passwordLength') : null),
			h('div', { class: 'form-errors', role: 'alert' }),
			h('button', { type: 'submit', class: 'primary wide', id: 'account-submit' }, t(signup ? 'account.signup' : 'account.login')),
			h('p', { class: 'account-switch' }, t(signup ? 'account.haveAccount' : 'account.noAccount'), ' ',
				h('button', { type: 'button', class: 'link-like', onclick: () => draw(signup ? 'login' : 'signup') },
					t(signup ? 'account.toLogin' : 'account.toSignup'))));
		form.addEventListener('submit', async (event) => {
			event.preventDefault();
			clearErrors(form);
			const missing = [];
			if (!/^\S+@\S+\.\S+$/.test(email.value.trim())) missing.push({ field: 'email', message: t('account.emailInvalid') });
			if (!password.value) missing.push({ field: 'password', message: t('form.required') });
			else if (signup && password.value.length < MIN_PASSWORD) missing.push({ field: 'password', message: t('form.passwordLength') });
			if (missing.length) {
				showErrors(form, { detail: t('form.fixFields'), errors: missing });
				return;
			}
			await busy(form, async () => {
				try {
					const session = signup
						? await api('/api/v1/auth/signup', { method: 'POST', token: null, body: { email: email.value.trim(), password: password.value, displayName: name.value.trim() || null } })
						: await api('/api/v1/auth/login', { method: 'POST', token: null, body: { username: email.value.trim(), password: password.value } });
					password.value = '';
					keep(session);
					onDone?.(currentUser());
				} catch (e) {
					const detail = {
						401: t('account.failed'),
						403: t('login.disabled'),
						409: signup ? t('account.taken') : undefined,
						429: t('login.throttled', { seconds: e.problem?.retryAfterSeconds ?? '?' }),
					}[e.status];
					// the API names the login field `username`; the form calls it e-mail
					const errors = e.errors?.map((x) => (x.field === 'username' ? { ...x, field: 'email' } : x));
					showErrors(form, detail ? { detail, errors: [] } : { ...e.problem, status: e.status, errors });
				}
			});
		});
		replace(wrap, form);
	};
	draw(mode);
	return wrap;
}

/** "Signed in as Jan" with a log-out button. */
export function accountSummary({ onSignOut } = {}) {
	const user = currentUser();
	return h('div', { class: 'account-summary', id: 'account-summary' },
		h('p', {}, t('account.signedInAs', { name: displayName(user) })),
		user?.username && user.username !== displayName(user) ? h('p', { class: 'muted small' }, user.username) : null,
		h('button', { type: 'button', id: 'sign-out', onclick: () => { signOut(); onSignOut?.(); } }, t('account.signOut')));
}

/** #/account: the form, or who is signed in with links to the orders. */
export function renderAccount(container) {
	const draw = () => {
		if (signedIn()) {
			replace(container, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, t('account.title')),
				accountSummary({ onSignOut: draw }),
				h('p', {}, h('a', { class: 'button', href: '#/orders' }, t('orders.mine')))));
		} else {
			replace(container, h('h1', { tabindex: '-1' }, t('account.title')), accountForm({ onDone: () => { location.hash = '#/orders'; } }));
		}
		container.querySelector('h1')?.focus();
	};
	draw();
}

/**
 * The staff login form shared by /admin/, /operator/ and /staff/: "Username", "Password", "Log in".
 * Stores the token only when the account's role may use this app.
 */
import { h, nextId } from './dom.js';
import { t } from './i18n.js';
import { api, setToken } from './api.js';
import { field, showErrors, clearErrors, busy } from './forms.js';

export function loginView({ titleKey, introKey, allowedRoles, notice, onLogin }) {
	const headingId = nextId('h');
	const username = h('input', { name: 'username', type: 'text', autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false', required: true });
	const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
	const form = h('form', { class: 'card login', 'aria-labelledby': headingId, novalidate: true },
		h('h1', { id: headingId }, t(titleKey)),
		introKey ? h('p', { class: 'muted' }, t(introKey)) : null,
		notice ? h('p', { class: 'notice' }, notice) : null,
		field(t('login.username'), username),
		field(t('login.password'), password),
		h('button', { type: 'submit', class: 'primary wide' }, t('login.submit')),
		h('div', { class: 'form-errors', role: 'alert' }));
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		clearErrors(form);
		const missing = [];
		if (!username.value.trim()) missing.push({ field: 'username', message: t('form.required') });
		if (!password.value) missing.push({ field: 'password', message: t('form.required') });
		if (missing.length) {
			showErrors(form, { detail: t('form.fixFields'), errors: missing });
			return;
		}
		await busy(form, async () => {
			try {
				const session = await api('/api/v1/auth/login', {
					method: 'POST', token: null, body: { username: username.value.trim(), password: password.value },
				});
				if (allowedRoles && !allowedRoles.includes(session.user.role)) {
					showErrors(form, { detail: t('login.wrongRole') });
					return;
				}
				setToken(session.accessToken);
				password.value = '';
				onLogin(session);
			} catch (e) {
				const detail = {
					401: t('login.failed'),
					403: t('login.disabled'),
					429: t('login.throttled', { seconds: e.problem?.retryAfterSeconds ?? '?' }),
				}[e.status];
				showErrors(form, detail ? { detail, errors: [] } : e);
			}
		});
	});
	queueMicrotask(() => username.focus());
	return form;
}

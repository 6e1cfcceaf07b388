/**
 * First run: the operator signs in ("Username", "Password", "Log in") and the phone registers itself
 * (POST /api/v1/devices). The device id and token go into IndexedDB; from then on the app starts from them, even
 * offline. A phone registered again (after a revoke) keeps its unsynced events: they are renumbered from 1 for the
 * new device through meta.sequenceBase.
 */
import { h, replace } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { api } from '../common/api.js';
import { showErrors } from '../common/forms.js';
import { loginView } from '../common/login.js';
import * as db from './db.js';
import { app } from './store.js';

export function registerView({ onRegistered }) {
	const note = h('p', { class: 'muted small' }, t('operator.register.note'));
	const wrapper = h('div', {});
	const form = loginView({
		titleKey: 'operator.login.title',
		introKey: 'operator.login.intro',
		allowedRoles: ['OPERATOR'],
		onLogin: (session) => register(session),
	});
	replace(wrapper, form, note);

	let registering = false;
	async function register(session) {
		if (registering) return;
		registering = true;
		form.setAttribute('aria-busy', 'true');
		try {
			const registered = await api('/api/v1/devices', {
				method: 'POST', token: session.accessToken,
				body: { name: t('operator.register.deviceName', { user: session.user.username }), platform: navigator.userAgent.slice(0, 200) },
			});
			const m = await db.getMetas(['syncedThrough']);
			const device = {
				deviceId: registered.deviceId, deviceToken: registered.deviceToken, standId: registered.standId,
				standName: registered.standName, user: session.user.displayName ?? session.user.username,
			};
			// unsynced events (if any) continue right after the new device's last sequence
			await db.setMetas({
				device, cursor: 0, sequenceBase: (m.syncedThrough ?? 0) - (registered.lastSequence ?? 0),
			});
			app.device = device;
			onRegistered(device);
		} catch (e) {
			showErrors(form, e.status === 404 || e.status === 405 ? { detail: t('operator.register.unavailable') } : e);
		} finally {
			registering = false;
			form.removeAttribute('aria-busy');
		}
	}
	return wrapper;
}

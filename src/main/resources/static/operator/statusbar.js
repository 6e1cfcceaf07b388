/**
 * The always-honest status bar: online or offline (the browser's flag and the result of the last request), how
 * many events wait to be synced, when the phone last synced, and a warning when its clock is more than two
 * minutes off the server's.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { formatTime, formatDateTime } from '../common/format.js';
import { dayOf } from './projections.js';
import { onStatus, syncStatus } from './sync.js';
import { app } from './store.js';

const SKEW_LIMIT = 2 * 60_000;

export function mountStatusBar(el) {
	const draw = (s) => {
		if (!app.device) {
			replace(el);
			return;
		}
		const zone = app.settings.zone;
		const offline = !navigator.onLine;
		const net = offline ? 'offline' : s.reachable === false ? 'unreachable' : 'online';
		const last = s.lastSyncAt
			? t('operator.sync.last', {
				time: dayOf(s.lastSyncAt, zone) === dayOf(new Date(), zone) ? formatTime(s.lastSyncAt, zone, lang()) : formatDateTime(s.lastSyncAt, zone, lang()),
			})
			: t('operator.sync.never');
		const skew = Number.isFinite(s.clockSkewMillis) && Math.abs(s.clockSkewMillis) > SKEW_LIMIT
			? h('span', { class: 'sync-skew' }, t('operator.sync.skew', { minutes: Math.round(Math.abs(s.clockSkewMillis) / 60_000) }))
			: null;
		el.dataset.net = net;
		el.setAttribute('aria-label', t('operator.sync.label'));
		replace(el,
			h('span', { class: `sync-net ${net}` }, t(`operator.sync.${net}`)),
			h('span', { class: 'sync-queue', dataset: { pending: String(s.pending) } },
				s.pending ? t('operator.sync.waiting', { count: s.pending }) : t('operator.sync.allSynced')),
			h('span', { class: 'sync-last' }, s.syncing ? t('operator.sync.syncing') : last),
			s.problem === 'revoked' ? h('span', { class: 'sync-problem' }, t('operator.sync.revoked')) : null,
			s.problem === 'rejected' ? h('span', { class: 'sync-problem' }, t('operator.sync.rejected')) : null,
			s.poisoned ? h('span', { class: 'sync-problem' }, t('operator.sync.poisoned', { count: s.poisoned })) : null,
			skew);
	};
	onStatus(draw);
	window.addEventListener('online', () => draw(syncStatus()));
	window.addEventListener('offline', () => draw(syncStatus()));
	window.addEventListener('langchange', () => draw(syncStatus()));
	setInterval(() => draw(syncStatus()), 60_000);
}

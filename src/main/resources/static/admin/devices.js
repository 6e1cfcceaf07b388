/**
 * Devices (owner, manager): the phones registered at each stand with their last sync and clock skew, revoking a
 * lost or replaced phone (its token stops working at once), and the sync problems: events a phone sent that can
 * never apply, with the reason, so the office can follow up at the stand.
 */
import { h, replace, nextId } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field } from '../common/forms.js';
import { formatDateTime, formatRecent, prettyJson } from '../common/format.js';

const POISON_LIMIT = 200;
/** A phone clock further off than this makes sale times doubtful: worth a word with the operator. */
const SKEW_WARNING_MS = 60_000;

/** "3.2 s", "4 min", "2.5 h" for a duration in milliseconds. */
function duration(ms) {
	const seconds = ms / 1000;
	const [value, unit] = seconds < 60 ? [seconds, 'second'] : seconds < 3600 ? [seconds / 60, 'minute'] : [seconds / 3600, 'hour'];
	return new Intl.NumberFormat(lang(), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: unit === 'minute' ? 0 : 1 }).format(value);
}

/** The phone's clock against the server's: ahead, behind or in step, flagged when it is far off. */
function skewView(ms) {
	if (ms === null || ms === undefined) return h('span', { class: 'muted' }, '—');
	if (Math.abs(ms) < 1000) return h('span', {}, t('admin.devices.skew.inStep'));
	const text = t(ms > 0 ? 'admin.devices.skew.ahead' : 'admin.devices.skew.behind', { amount: duration(Math.abs(ms)) });
	return Math.abs(ms) >= SKEW_WARNING_MS
		? h('span', { class: 'badge warn' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), text)
		: h('span', {}, text);
}

/** #/devices: the phones and the sync problems. */
export async function list(container, ctx) {
	const { zone } = ctx.settings;
	const [devices, stands, poison, accounts] = await Promise.all([
		api('/api/v1/devices'),
		api('/api/v1/stands'),
		api(`/api/v1/sync/poison?limit=${POISON_LIMIT}`),
		ctx.isOwner() ? api('/api/v1/users') : Promise.resolve([]),
	]);
	const standsById = new Map(stands.map((s) => [s.id, s]));
	const devicesById = new Map(devices.map((d) => [d.id, d]));
	const people = new Map(accounts.map((a) => [a.id, a.displayName]));
	const standCode = (id) => standsById.get(id)?.code ?? `#${id}`;
	const justRevoked = new Set();

	const standFilter = h('select', {}, h('option', { value: '' }, t('admin.devices.allStands')),
		[...stands].sort((a, b) => a.code.localeCompare(b.code)).map((s) => h('option', { value: s.id }, `${s.code} · ${s.name}`)));
	const showRevoked = h('input', { type: 'checkbox', id: nextId('cb') });
	const deviceRows = h('tbody');
	const poisonRows = h('tbody');
	const deviceCount = h('p', { class: 'muted small' });
	const poisonCount = h('p', { class: 'muted small' });

	const revokeButton = (device) => h('button', {
		type: 'button', class: 'small danger',
		'aria-label': t('admin.devices.revokeNamed', { name: device.name, stand: standCode(device.standId) }),
		onclick: async (event) => {
			const button = event.currentTarget;
			if (!confirm(t('admin.devices.revokeConfirm', { name: device.name, stand: standCode(device.standId) }))) return;
			button.disabled = true;
			try {
				const saved = await api(`/api/v1/devices/${device.id}/revoke`, { method: 'POST' });
				devices.splice(devices.indexOf(device), 1, saved);
				devicesById.set(saved.id, saved);
				justRevoked.add(saved.id);
				ctx.status(t('admin.devices.revoked', { name: saved.name, stand: standCode(saved.standId) }));
				draw();
			} catch (e) {
				button.disabled = false;
				ctx.fail(e);
			}
		},
	}, t('admin.devices.revoke'));

	function draw() {
		const stand = standFilter.value ? Number(standFilter.value) : null;
		const shown = devices
			.filter((d) => (stand === null || d.standId === stand) && (showRevoked.checked || !d.revokedAt || justRevoked.has(d.id)))
			.sort((a, b) => standCode(a.standId).localeCompare(standCode(b.standId)) || Date.parse(b.registeredAt) - Date.parse(a.registeredAt));
		deviceCount.textContent = t('admin.devices.count', { shown: shown.length, active: devices.filter((d) => !d.revokedAt).length });
		replace(deviceRows, shown.length ? shown.map((d) => h('tr', { class: d.revokedAt ? 'archived' : '', dataset: { deviceId: d.id } },
			h('td', {}, standCode(d.standId), ' ', h('span', { class: 'small muted' }, standsById.get(d.standId)?.name ?? '')),
			h('td', {}, h('strong', {}, d.name), d.platform ? h('div', { class: 'small muted platform' }, d.platform) : null),
			h('td', {}, h('time', { datetime: d.registeredAt }, formatDateTime(d.registeredAt, zone, lang())),
				people.has(d.registeredBy) ? h('div', { class: 'small muted' }, t('admin.devices.by', { name: people.get(d.registeredBy) })) : null),
			h('td', {}, d.lastPushAt
				? [h('time', { datetime: d.lastPushAt }, formatRecent(d.lastPushAt, zone, lang())),
					h('div', { class: 'small muted' }, t('admin.devices.lastSequence', { sequence: d.lastSequence }))]
				: h('span', { class: 'muted' }, t('admin.devices.neverSynced'))),
			h('td', {}, skewView(d.clockSkewMillis)),
			h('td', {}, d.revokedAt
				? h('span', { class: 'badge closed' }, t('admin.devices.revokedAt', { when: formatRecent(d.revokedAt, zone, lang()) }))
				: h('span', { class: 'badge open' }, t('common.active'))),
			h('td', {}, d.revokedAt ? null : revokeButton(d))))
			: h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('admin.devices.none'))));

		const problems = poison.filter((p) => stand === null || p.standId === stand);
		poisonCount.textContent = t('admin.devices.poisonCount', { count: problems.length });
		replace(poisonRows, problems.length ? problems.map((p) => h('tr', { dataset: { eventId: p.eventId ?? '' } },
			h('td', {}, h('time', { datetime: p.receivedAt }, formatDateTime(p.receivedAt, zone, lang()))),
			h('td', {}, standCode(p.standId)),
			h('td', {}, devicesById.get(p.deviceId)?.name ?? h('code', { class: 'small' }, p.deviceId)),
			h('td', {}, h('code', {}, p.type ?? '?'), h('div', { class: 'small muted' }, t('admin.devices.sequence', { sequence: p.sequence }))),
			h('td', { class: 'poison-reason' }, p.reason ?? ''),
			h('td', {}, p.occurredAt ? h('time', { datetime: p.occurredAt }, formatDateTime(p.occurredAt, zone, lang())) : '—'),
			h('td', {}, p.payload ? h('details', {}, h('summary', {}, t('admin.devices.showPayload')),
				h('pre', { class: 'audit-change' }, prettyJson(p.payload))) : '')))
			: h('tr', {}, h('td', { colspan: 7, class: 'muted' }, t('admin.devices.noPoison'))));
	}
	standFilter.addEventListener('change', draw);
	showRevoked.addEventListener('change', draw);

	const th = (key) => h('th', { scope: 'col' }, t(key));
	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.devices.title')),
			h('button', { type: 'button', onclick: () => ctx.go('#/devices') }, t('common.refresh'))),
		h('p', { class: 'muted' }, t('admin.devices.intro')),
		h('div', { class: 'filters' },
			field(t('admin.devices.stand'), standFilter),
			h('div', { class: 'check' }, h('label', { for: showRevoked.id }, showRevoked, t('admin.devices.showRevoked')))),
		h('section', { 'aria-labelledby': 'phones-h' },
			h('h2', { id: 'phones-h' }, t('admin.devices.phones')),
			deviceCount,
			h('div', { class: 'card table-wrap' }, h('table', { class: 'devices' },
				h('thead', {}, h('tr', {}, th('admin.devices.col.stand'), th('admin.devices.col.phone'), th('admin.devices.col.registered'),
					th('admin.devices.col.lastSync'), th('admin.devices.col.clock'), th('admin.devices.col.status'), th('admin.devices.col.actions'))),
				deviceRows))),
		h('section', { 'aria-labelledby': 'poison-h' },
			h('h2', { id: 'poison-h' }, t('admin.devices.poison')),
			h('p', { class: 'hint' }, t('admin.devices.poisonHint')),
			poisonCount,
			h('div', { class: 'card table-wrap' }, h('table', { class: 'poison' },
				h('thead', {}, h('tr', {}, th('admin.devices.col.received'), th('admin.devices.col.stand'), th('admin.devices.col.phone'),
					th('admin.devices.col.event'), th('admin.devices.col.reason'), th('admin.devices.col.happened'), th('admin.devices.col.payload'))),
				poisonRows))));
	draw();
}

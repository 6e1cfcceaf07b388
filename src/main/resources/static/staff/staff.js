/**
 * The inventory driver's phone app, first step: sign in and see every stand, nearest first from where the phone
 * is (the city centre when the position is unknown). Restock tasks and alerts come later.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { formatDistance, distanceMeters } from '../common/format.js';
import { KRAKOW_CENTRE } from '../common/map.js';
import { startShell, currentPosition, positionError } from '../common/shell.js';

async function render(container, ctx) {
	let origin = { lat: KRAKOW_CENTRE[0], lon: KRAKOW_CENTRE[1], here: false };
	const stands = (await api('/api/v1/stands')).filter((s) => s.active);
	const where = h('p', { class: 'muted' });
	const list = h('ul', { class: 'list', 'aria-labelledby': 'stops-h' });
	const refresh = h('button', { type: 'button', class: 'primary wide' }, t('staff.updatePosition'));

	function draw() {
		where.textContent = origin.here ? t('staff.fromHere') : t('staff.fromCentre');
		const sorted = stands.map((s) => ({ ...s, distance: distanceMeters(origin.lat, origin.lon, s.latitude, s.longitude) }))
			.sort((a, b) => a.distance - b.distance);
		replace(list, sorted.map((s) => h('li', { class: 'card stop', dataset: { standId: s.id } },
			h('h2', { class: 'stand-name' }, `${s.name}`),
			h('span', { class: 'stand-distance' }, formatDistance(s.distance, lang())),
			h('p', { class: 'details' }, h('span', { class: 'small muted' }, `${s.code} · ${s.placeName ?? ''}`), ' ',
				h('span', { class: `badge ${s.openNow ? 'open' : 'closed'}` }, t(`stand.state.${s.openNow ? 'open' : 'closed'}`))),
			s.operators.length ? h('p', { class: 'details small' }, t('staff.operators', { names: s.operators.map((o) => o.displayName).join(', ') })) : null,
			h('div', { class: 'actions' },
				s.phone ? h('a', { class: 'button small', href: `tel:${s.phone}`, 'aria-label': t('staff.callNamed', { name: s.name }) }, t('staff.call')) : null,
				h('a', {
					class: 'button small', target: '_blank', rel: 'noopener',
					href: `https://www.openstreetmap.org/?mlat=${s.latitude}&mlon=${s.longitude}#map=17/${s.latitude}/${s.longitude}`,
					'aria-label': t('staff.mapNamed', { name: s.name }),
				}, t('staff.openMap'))))));
	}

	async function locate() {
		refresh.disabled = true;
		ctx.status(t('operator.locating'));
		try {
			const p = await currentPosition({ enableHighAccuracy: false });
			origin = { lat: p.lat, lon: p.lon, here: true };
			ctx.status(t('staff.located'));
		} catch (e) {
			ctx.status(`${positionError(e)} ${t('staff.usingCentre')}`, { error: true });
		} finally {
			refresh.disabled = false;
		}
		draw();
	}
	refresh.addEventListener('click', locate);

	replace(container,
		h('h1', { id: 'stops-h' }, t('staff.title')),
		where,
		h('p', {}, refresh),
		list);
	draw();
	locate();
	return undefined;
}

startShell({
	storageKey: 'diggety.staff.token',
	allowedRoles: ['DRIVER', 'OWNER', 'MANAGER'],
	loginTitleKey: 'staff.login.title',
	loginIntroKey: 'staff.login.intro',
	render,
});

/**
 * Every active stand, nearest first from where the phone is (the city centre when the position is unknown), with
 * its operator's phone and a map link: for a driver who needs a stand that has no task.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { formatDistance, distanceMeters } from '../common/format.js';
import { currentPosition, positionError } from '../common/shell.js';
import * as directory from './directory.js';

const KRAKOW_CENTRE = { lat: 50.0617, lon: 19.9373 };

export async function render(container, app) {
	let origin = { ...KRAKOW_CENTRE, here: false };
	const where = h('p', { class: 'muted' });
	const list = h('ul', { class: 'list', 'aria-labelledby': 'stops-h' });
	const refresh = h('button', { type: 'button', class: 'primary wide' }, t('staff.updatePosition'));

	function draw() {
		where.textContent = origin.here ? t('staff.fromHere') : t('staff.fromCentre');
		const sorted = directory.allStands().filter((s) => s.active)
			.map((s) => ({ ...s, distance: distanceMeters(origin.lat, origin.lon, s.latitude, s.longitude) }))
			.sort((a, b) => a.distance - b.distance);
		replace(list, sorted.map((s) => h('li', { class: 'card stop', dataset: { standId: s.id } },
			h('h2', { class: 'stand-name' }, s.name),
			h('span', { class: 'stand-distance' }, formatDistance(s.distance, lang())),
			h('p', { class: 'details' }, h('span', { class: 'small muted' }, `${s.code} · ${s.placeName ?? ''}`), ' ',
				h('span', { class: `badge ${s.openNow ? 'open' : 'closed'}` }, t(`stand.state.${s.openNow ? 'open' : 'closed'}`))),
			s.operators?.length ? h('p', { class: 'details small' }, t('staff.operators', { names: s.operators.map((o) => o.displayName).join(', ') })) : null,
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
		app.status(t('operator.locating'));
		try {
			const p = await currentPosition({ enableHighAccuracy: false });
			origin = { lat: p.lat, lon: p.lon, here: true };
			app.status(t('staff.located'));
		} catch (e) {
			app.status(`${positionError(e)} ${t('staff.usingCentre')}`, { error: true });
		} finally {
			refresh.disabled = false;
		}
		draw();
	}
	refresh.addEventListener('click', locate);

	replace(container,
		h('h1', { id: 'stops-h', tabindex: '-1' }, t('staff.title')),
		where,
		h('p', {}, refresh),
		list);
	draw();
	directory.refresh().then(draw, (e) => {
		if (e?.status !== 401) app.fail(e);
	});
	locate();
}

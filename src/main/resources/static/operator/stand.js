/**
 * #/stand: open or close the stand for customers (STAND_OPENED / STAND_CLOSED) and say where it is now
 * (STAND_MOVED) from the phone's position ("Use my location") or a typed place name. Offline like everything
 * else: the events sync when the network returns.
 */
import { h, replace } from '../common/dom.js';
import { t } from '../common/i18n.js';
import { field, showErrors, clearErrors } from '../common/forms.js';
import { currentPosition, positionError } from '../common/shell.js';
import { app, subscribe, recordEvent } from './store.js';

const coords = (lat, lon) => `${lat.toFixed(5)}, ${lon.toFixed(5)}`;

export function render(container, ctx) {
	const draw = () => {
		const p = app.projection;
		const open = p.standOpen ?? app.stand?.openForCustomers ?? false;
		const place = p.standPlace ?? app.stand ?? {};
		const known = Number.isFinite(place.latitude) && Number.isFinite(place.longitude);
		const placeName = h('input', { name: 'placeName', type: 'text', autocomplete: 'off', maxlength: '120', value: place.placeName ?? '' });
		const moveForm = h('form', { class: 'card', novalidate: true, 'aria-labelledby': 'move-h' },
			h('h2', { id: 'move-h' }, t('operator.moveTitle')),
			h('p', { class: 'hint' }, t('operator.moveHint')),
			field(t('operator.placeName'), placeName),
			h('div', { class: 'form-errors', role: 'alert' }),
			h('div', { class: 'form-actions stack' },
				h('button', { type: 'submit', class: 'primary wide' }, t('operator.useLocation')),
				h('button', { type: 'button', class: 'wide', disabled: !known, onclick: () => move(false) }, t('stand.savePlace'))));

		async function move(locate) {
			clearErrors(moveForm);
			let latitude = place.latitude;
			let longitude = place.longitude;
			if (locate) {
				ctx.status(t('operator.locating'));
				try {
					const fix = await currentPosition();
					({ lat: latitude, lon: longitude } = fix);
					app.lastFix = { latitude, longitude, accuracyMeters: Math.round(fix.accuracy ?? 0) || null };
				} catch (e) {
					ctx.status('');
					showErrors(moveForm, { detail: positionError(e), errors: [] });
					return;
				}
			}
			if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) {
				showErrors(moveForm, { detail: t('stand.noPosition'), errors: [] });
				return;
			}
			try {
				await recordEvent('STAND_MOVED', { latitude, longitude, placeName: placeName.value.trim() || null });
				ctx.status(t('operator.moved', { coords: coords(latitude, longitude) }));
				draw();
			} catch (e) {
				showErrors(moveForm, { detail: String(e?.message ?? e), errors: [] });
			}
		}
		moveForm.addEventListener('submit', (event) => {
			event.preventDefault();
			move(true);
		});

		const toggle = async () => {
			try {
				await recordEvent(open ? 'STAND_CLOSED' : 'STAND_OPENED', {});
				ctx.status(t(open ? 'stand.closedNow' : 'stand.openedNow'));
				draw();
			} catch (e) {
				ctx.fail(e);
			}
		};

		replace(container,
			h('section', { class: 'card stand-summary', 'aria-labelledby': 'stand-h' },
				h('h1', { id: 'stand-h', tabindex: '-1' }, app.stand?.name ?? app.device.standName ?? ''),
				h('p', {}, h('span', { class: `badge ${open ? 'open' : 'closed'}`, id: 'stand-state' }, t(open ? 'stand.openForCustomers' : 'stand.closedForCustomers'))),
				place.placeName ? h('p', { class: 'muted' }, place.placeName) : null,
				known ? h('p', { class: 'coords small' }, t('operator.coordinates', { coords: coords(place.latitude, place.longitude) })) : null,
				h('button', { type: 'button', class: open ? 'wide danger' : 'wide primary', onclick: toggle }, t(open ? 'stand.close' : 'stand.open'))),
			moveForm);
	};
	draw();
	return subscribe((what) => {
		if (what === 'pull') draw();
	});
}

/**
 * "My promotions" on the stand's phone: the stand's own promotions with pause, resume and archive, the company's
 * read-only, and the promotion form for the kinds the owner lets operators offer, up to the owner's limit. The
 * server puts the promotion at the operator's stand and refuses what is over the limit; the refusal shows at the
 * form, next to the field it names.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { formatPercent } from '../common/format.js';
import { promotionForm } from '../common/promotion-form.js';
import { KINDS, kindName, offerText, scheduleText, flags, statusBadge } from '../common/promotion-text.js';

/** #/promotions */
export async function render(container, ctx) {
	const me = await api('/api/v1/me');
	if (!me.standId) {
		replace(container, h('section', { class: 'card' }, h('h1', { tabindex: '-1' }, t('operator.noStandTitle')), h('p', {}, t('operator.noStand'))));
		return;
	}
	const [stand, promotions, products, policy] = await Promise.all([
		api(`/api/v1/stands/${me.standId}`),
		api('/api/v1/promotions'),
		api('/api/v1/products'),
		api('/api/v1/pricing/policy'),
	]);
	const { currency, zone } = ctx.settings;
	const productsById = new Map(products.map((p) => [p.id, p]));
	const own = promotions.filter((p) => p.standId === me.standId);
	const company = promotions.filter((p) => p.standId == null
		&& (!(p.spec.standIds ?? []).length || p.spec.standIds.includes(me.standId)));
	const kinds = KINDS.filter((k) => policy.operatorKinds.includes(k));
	const limit = formatPercent(policy.operatorMaxPercentBp, lang());

	const statusButton = (promotion, action) => h('button', {
		type: 'button', class: action === 'archive' ? 'danger' : '',
		'aria-label': t(`promotion.${action}Named`, { name: promotion.name }),
		onclick: async (e) => {
			const button = e.currentTarget;
			if (action === 'archive' && !confirm(t('promotion.archiveConfirm', { name: promotion.name }))) return;
			button.disabled = true;
			try {
				const saved = await api(`/api/v1/promotions/${promotion.id}/${action}`, { method: 'POST' });
				if (saved.status === 'ARCHIVED') own.splice(own.indexOf(promotion), 1);
				else own.splice(own.indexOf(promotion), 1, saved);
				ctx.status(t(`promotion.${action}d`, { name: saved.name }));
				drawOwn();
			} catch (err) {
				button.disabled = false;
				ctx.fail(err);
			}
		},
	}, t(`promotion.${action}`));

	const card = (p, editable) => h('li', { class: 'card promotion-card', dataset: { promotionId: p.id } },
		h('div', { class: 'row between' }, h('h3', {}, p.name), statusBadge(p.status)),
		h('p', {}, offerText(p.spec, productsById, currency)),
		h('p', { class: 'small muted' }, [kindName(p.kind), scheduleText(p.spec.window, zone), ...flags(p.spec)].join(' · ')),
		editable ? h('div', { class: 'actions' },
			p.status === 'ACTIVE' ? statusButton(p, 'pause') : null,
			p.status === 'PAUSED' ? statusButton(p, 'resume') : null,
			statusButton(p, 'archive')) : null);

	const ownList = h('ul', { class: 'list promotion-cards' });
	const drawOwn = () => replace(ownList, own.length ? own.map((p) => card(p, true)) : h('li', { class: 'muted' }, t('operator.promotions.noneOwn')));
	drawOwn();

	const formSlot = h('div', {});
	const drawForm = () => replace(formSlot, promotionForm({
		settings: ctx.settings, products, kinds, ownStandName: stand.name, allowCodes: false, compact: true,
		maxPercentBp: policy.operatorMaxPercentBp,
		onSaved: (saved) => {
			own.push(saved);
			drawOwn();
			drawForm();
			ctx.status(t('promotion.saved', { name: saved.name }));
		},
	}));
	if (kinds.length) drawForm();
	else formSlot.append(h('p', { class: 'notice' }, t('operator.promotions.noKinds')));

	replace(container,
		h('h1', { tabindex: '-1' }, t('operator.promotions.title')),
		h('section', { 'aria-labelledby': 'own-h' },
			h('h2', { id: 'own-h' }, t('operator.promotions.own', { stand: stand.name })), ownList),
		h('section', { 'aria-labelledby': 'new-h' },
			h('h2', { id: 'new-h' }, t('promotion.new')),
			kinds.length ? h('p', { class: 'hint' }, t('operator.promotions.allowed', { kinds: kinds.map(kindName).join(', '), percent: limit })) : null,
			formSlot),
		h('section', { 'aria-labelledby': 'company-h' },
			h('h2', { id: 'company-h' }, t('operator.promotions.company')),
			h('p', { class: 'hint' }, t('operator.promotions.companyHint')),
			h('ul', { class: 'list promotion-cards' }, company.length ? company.map((p) => card(p, false))
				: h('li', { class: 'muted' }, t('operator.promotions.noneCompany')))));
}

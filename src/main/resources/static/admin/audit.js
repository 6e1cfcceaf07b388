/** Audit log (owner, manager): the latest staff changes, newest first, times in the business zone. */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field } from '../common/forms.js';
import { formatDateTime, prettyJson as pretty } from '../common/format.js';

const LIMITS = [50, 100, 500];
const SUBJECTS = ['', 'stand', 'product', 'ingredient', 'substitute', 'user'];

/** #/audit */
export async function list(container, ctx) {
	const limit = h('select', {}, LIMITS.map((n) => h('option', { value: n, selected: n === 100 }, String(n))));
	const subject = h('select', {}, SUBJECTS.map((s) => h('option', { value: s }, t(s ? `admin.audit.subject.${s}` : 'admin.audit.allSubjects'))));
	const tbody = h('tbody');
	const summary = h('p', { class: 'muted' });

	async function load() {
		const query = new URLSearchParams({ limit: limit.value });
		if (subject.value) query.set('subjectType', subject.value);
		const entries = await api(`/api/v1/audit?${query}`);
		summary.textContent = t('admin.audit.count', { count: entries.length });
		replace(tbody, entries.length ? entries.map((e) => h('tr', {},
			h('td', {}, h('time', { datetime: e.at }, formatDateTime(e.at, ctx.settings.zone, lang()))),
			h('td', {}, e.actor ?? ''),
			h('td', {}, h('code', {}, e.action)),
			h('td', {}, `${e.subjectType} ${e.subjectId ?? ''}`),
			h('td', {}, (e.before || e.after) ? h('details', {},
				h('summary', {}, t('admin.audit.showChange')),
				e.before ? [h('strong', {}, t('admin.audit.before')), h('pre', { class: 'audit-change' }, pretty(e.before))] : null,
				e.after ? [h('strong', {}, t('admin.audit.after')), h('pre', { class: 'audit-change' }, pretty(e.after))] : null) : ''))) : h('tr', {}, h('td', { colspan: 5, class: 'muted' }, t('admin.audit.empty'))));
	}
	const reload = () => load().catch((e) => ctx.fail(e));
	limit.addEventListener('change', reload);
	subject.addEventListener('change', reload);

	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.audit.title')),
			h('button', { type: 'button', onclick: reload }, t('common.refresh'))),
		h('div', { class: 'filters' }, field(t('admin.audit.limit'), limit), field(t('admin.audit.subject'), subject)),
		summary,
		h('div', { class: 'card table-wrap' }, h('table', {},
			h('thead', {}, h('tr', {}, ['at', 'actor', 'action', 'subject', 'change'].map((c) => h('th', { scope: 'col' }, t(`admin.audit.col.${c}`))))),
			tbody)));
	await load();
}

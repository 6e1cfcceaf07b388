/**
 * Texts (office), for the SMS sandbox of the embedded default: what Diggety texted (order questions to stands that
 * are offline, answers, alerts) and a form to answer as a phone would, e.g. "YES 4821" from a stand's number, so
 * the whole SMS way of online orders can be tried without a real provider; and the e-mails to customers, which the
 * e-mail sandbox keeps in its outbox.
 */
import { h, replace } from '../common/dom.js';
import { t, lang } from '../common/i18n.js';
import { api } from '../common/api.js';
import { field, problemMessage } from '../common/forms.js';
import { formatDateTime } from '../common/format.js';

/** #/texts */
export async function list(container, ctx) {
	const filter = h('input', { type: 'tel', id: 'texts-to', placeholder: '+48600100001', autocomplete: 'off' });
	const tbody = h('tbody');
	const from = h('input', { type: 'tel', id: 'reply-from', required: true, placeholder: '+48600100001' });
	const body = h('input', { type: 'text', id: 'reply-body', required: true, maxlength: '1600', placeholder: 'YES 4821' });
	const result = h('p', { id: 'reply-result', role: 'status' });

	const mails = h('tbody');

	async function load() {
		const query = new URLSearchParams({ limit: '100' });
		if (filter.value.trim()) query.set('to', filter.value.trim());
		// the e-mails load on their own: a failure there does not blank the texts
		api('/api/v1/mail/outbox?limit=50').then((sent) => replace(mails, sent.length ? sent.map((mail) => h('tr', { dataset: { reference: mail.reference } },
			h('td', {}, h('time', { datetime: mail.createdAt }, formatDateTime(mail.createdAt, ctx.settings.zone, lang()))),
			h('td', {}, mail.to),
			h('td', {}, h('strong', {}, mail.subject), h('div', { class: 'small' }, mail.body)),
			h('td', {}, `${mail.status} (${mail.provider})`))) : h('tr', {}, h('td', { colspan: 4, class: 'muted' }, t('admin.texts.mailEmpty')))))
			.catch((e) => ctx.fail(e));
		const texts = await api(`/api/v1/sms/outbox?${query}`);
		replace(tbody, texts.length ? texts.map((text) => h('tr', {},
			h('td', {}, h('time', { datetime: text.sentAt }, formatDateTime(text.sentAt, ctx.settings.zone, lang()))),
			h('td', {}, h('button', { type: 'button', class: 'link-like', title: t('admin.texts.answerAs'), onclick: () => {
				from.value = text.to;
				body.focus();
			} }, text.to)),
			h('td', {}, text.body))) : h('tr', {}, h('td', { colspan: 3, class: 'muted' }, t('admin.texts.empty'))));
	}
	const reload = () => load().catch((e) => ctx.fail(e));
	filter.addEventListener('change', reload);

	const form = h('form', { class: 'card', id: 'reply-form' },
		h('h2', {}, t('admin.texts.replyTitle')),
		h('p', { class: 'muted' }, t('admin.texts.replyHint')),
		field(t('admin.texts.from'), from), field(t('admin.texts.body'), body),
		h('button', { type: 'submit', class: 'primary' }, t('admin.texts.send')), result);
	form.addEventListener('submit', async (event) => {
		event.preventDefault();
		result.textContent = '';
		try {
			await api('/api/v1/sms/sandbox/reply', { method: 'POST', body: { from: from.value.trim(), body: body.value } });
			result.textContent = t('admin.texts.sent');
			body.value = '';
			// the answer to the reply is texted back a moment later
			setTimeout(reload, 1500);
		} catch (e) {
			result.textContent = problemMessage(e);
		}
	});

	replace(container,
		h('div', { class: 'view-head' }, h('h1', { tabindex: '-1' }, t('admin.texts.title')),
			h('button', { type: 'button', onclick: reload }, t('common.refresh'))),
		h('div', { class: 'filters' }, field(t('admin.texts.to'), filter)),
		form,
		h('div', { class: 'card table-wrap' }, h('table', { id: 'texts' },
			h('thead', {}, h('tr', {}, ['at', 'to', 'body'].map((c) => h('th', { scope: 'col' }, t(`admin.texts.col.${c}`))))),
			tbody)),
		h('section', { class: 'card table-wrap', 'aria-labelledby': 'mails-h' },
			h('h2', { id: 'mails-h' }, t('admin.texts.mailTitle')),
			h('table', { id: 'mails' },
				h('thead', {}, h('tr', {}, ['queued', 'to', 'subject', 'status'].map((c) => h('th', { scope: 'col' }, t(`admin.texts.col.${c}`))))),
				mails)));
	await load();
}

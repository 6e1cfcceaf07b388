/**
 * Messages for all four apps from /i18n/{lang}.json (flat keys). The language comes from localStorage when the user
 * picked one with the switch, otherwise from navigator.languages: Polish when the first starts with "pl".
 * A missing key shows the key itself, so a gap is visible and never breaks a screen.
 */
import { h } from './dom.js';

const STORAGE_KEY = 'diggety.lang';
const SUPPORTED = ['pl', 'en'];
let current = 'en';
let messages = {};

export function detectLanguage() {
	const stored = localStorage.getItem(STORAGE_KEY);
	if (SUPPORTED.includes(stored)) return stored;
	const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || 'en';
	return preferred.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

async function load(lang) {
	const response = await fetch(`/i18n/${lang}.json`, { headers: { Accept: 'application/json' } });
	if (!response.ok) throw new Error(`messages ${lang}: ${response.status}`);
	return response.json();
}

/** Loads the messages of the detected language; call once before drawing anything. */
export async function initI18n() {
	current = detectLanguage();
	messages = await load(current);
	document.documentElement.lang = current;
	applyTranslations(document);
	return current;
}

export function lang() {
	return current;
}

export function has(key) {
	return Object.prototype.hasOwnProperty.call(messages, key);
}

/** The message for `key` with `{name}` placeholders filled from `params`; the key itself when missing. */
export function t(key, params) {
	const text = has(key) ? messages[key] : key;
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * Fills every `data-i18n="key"` element's text and every `data-i18n-attr="attr:key;attr2:key2"` attribute
 * under `root` (document included, so <title> follows the language too).
 */
export function applyTranslations(root = document) {
	for (const el of root.querySelectorAll('[data-i18n]')) {
		el.textContent = t(el.dataset.i18n);
	}
	for (const el of root.querySelectorAll('[data-i18n-attr]')) {
		for (const pair of el.dataset.i18nAttr.split(';')) {
			const [attr, key] = pair.split(':').map((s) => s.trim());
			if (attr && key) el.setAttribute(attr, t(key));
		}
	}
}

/** Switches language, remembers it, re-translates the page and tells the app through a `langchange` event. */
export async function setLanguage(next) {
	if (!SUPPORTED.includes(next) || next === current) return;
	messages = await load(next);
	current = next;
	localStorage.setItem(STORAGE_KEY, next);
	document.documentElement.lang = next;
	applyTranslations(document);
	window.dispatchEvent(new CustomEvent('langchange', { detail: { lang: next } }));
}

/** The visible PL/EN switch: two toggle buttons, the current one pressed. */
export function languageSwitch() {
	const group = h('div', { class: 'lang-switch', role: 'group', 'data-i18n-attr': 'aria-label:lang.switch' });
	const draw = () => {
		group.setAttribute('aria-label', t('lang.switch'));
		group.replaceChildren(...SUPPORTED.map((code) => h('button', {
			type: 'button',
			lang: code,
			'aria-pressed': String(code === current),
			'aria-label': t(`lang.${code}.name`),
			title: t(`lang.${code}.name`),
			onclick: () => setLanguage(code),
		}, t(`lang.${code}.short`))));
	};
	draw();
	window.addEventListener('langchange', draw);
	return group;
}

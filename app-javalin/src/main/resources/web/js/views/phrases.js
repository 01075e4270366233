// The account's own phrases to watch for ("le notaire de Maître Dupuis"): each with the kind of cue it is, the scam it
// points to and its weight. Part of the settings form; saved with it (the API replaces the whole list).
import { h, clear } from '../dom.js';
import { t, register, formatDecimal, parseDecimal } from '../i18n.js';

register({
  fr: { 'phrases.none': 'Aucune phrase ajoutée.', 'phrases.phrase': 'Phrase', 'phrases.kind': 'Type d’indice', 'phrases.category': 'Arnaque visée',
    'phrases.weight': 'Poids (0,1 à 1)', 'phrases.add': 'Ajouter une phrase', 'phrases.remove': 'Retirer', 'phrases.item': 'Phrase {n}',
    'phrases.help': 'Des mots que les escrocs utilisent avec cette personne. Un poids plus fort pèse plus dans le score.' },
  en: { 'phrases.none': 'No phrase added.', 'phrases.phrase': 'Phrase', 'phrases.kind': 'Cue kind', 'phrases.category': 'Scam it points to',
    'phrases.weight': 'Weight (0.1 to 1)', 'phrases.add': 'Add a phrase', 'phrases.remove': 'Remove', 'phrases.item': 'Phrase {n}',
    'phrases.help': 'Words scammers use with this person. A higher weight counts more in the score.' },
});

const KINDS = ['identity_claim', 'pretext', 'urgency', 'secrecy', 'request', 'disclosure', 'legitimacy'];
const CATEGORIES = ['fake_bank_adviser', 'fake_courier', 'fake_tech_support', 'fake_police', 'fake_relative', 'training_account',
  'investment', 'fake_health_or_parcel', 'fake_renovation_aid', 'ceo_or_supplier', 'government_impersonation', 'prize_or_lottery',
  'romance', 'other'];

export function phrasesEditor(initial, writable, { categoryLabel, cueLabel }) {
  const rows = initial.map((p) => ({ ...p }));
  const box = h('div', { id: 'phrases' });
  const inputs = [];
  const draw = () => {
    clear(box);
    inputs.length = 0;
    box.append(h('p', { class: 'hint' }, t('phrases.help')));
    if (!rows.length) box.append(h('p', { class: 'muted' }, t('phrases.none')));
    rows.forEach((p, i) => {
      const id = 'phrase-' + i;
      const phrase = h('input', { id: id + '-text', value: p.phrase || '', maxlength: 200, autocomplete: 'off' });
      const kind = h('select', { id: id + '-kind' }, KINDS.map((k) => h('option', { value: k }, cueLabel(k))));
      kind.value = p.cueKind || 'request';
      const cat = h('select', { id: id + '-category' }, CATEGORIES.map((c) => h('option', { value: c }, categoryLabel(c))));
      cat.value = p.category || 'other';
      const weight = h('input', { id: id + '-weight', type: 'text', inputmode: 'decimal', value: formatDecimal(p.weight || 0.5) });
      inputs.push({ phrase, kind, cat, weight });
      box.append(h('fieldset', { class: 'phrase' }, h('legend', {}, t('phrases.item', { n: i + 1 })),
        h('label', { for: phrase.id }, t('phrases.phrase')), phrase,
        h('label', { for: kind.id }, t('phrases.kind')), kind,
        h('label', { for: cat.id }, t('phrases.category')), cat,
        h('label', { for: weight.id }, t('phrases.weight')), weight,
        writable ? h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'secondary remove-phrase', onclick: () => {
          sync(); rows.splice(i, 1); draw();
        } }, t('phrases.remove'), h('span', { class: 'sr-only' }, ' ' + t('phrases.item', { n: i + 1 })))) : null));
    });
    if (writable) box.append(h('button', { type: 'button', class: 'secondary', id: 'add-phrase', onclick: () => {
      sync(); rows.push({ phrase: '', cueKind: 'request', category: 'other', weight: 0.5 }); draw();
      inputs[inputs.length - 1].phrase.focus();
    } }, t('phrases.add')));
  };
  const sync = () => inputs.forEach((x, i) => Object.assign(rows[i], { phrase: x.phrase.value, cueKind: x.kind.value,
    category: x.cat.value, weight: parseDecimal(x.weight.value) }));
  draw();
  return {
    element: box,
    /** The list to save, or null after marking the first bad field. */
    value(errors) {
      sync();
      for (let i = 0; i < rows.length; i++) {
        const x = inputs[i];
        if (!rows[i].phrase.trim()) { markBad(errors, x.phrase, 'err.required'); return null; }
        if (!(rows[i].weight > 0 && rows[i].weight <= 1)) { markBad(errors, x.weight, 'err.threshold_range'); return null; }
      }
      return rows.filter((r) => r.phrase.trim()).map((r) => ({ phrase: r.phrase.trim(), cueKind: r.cueKind, category: r.category, weight: r.weight }));
    },
  };
}

function markBad(errors, input, key) {
  input.setAttribute('aria-invalid', 'true');
  errors.summary.textContent = t(key);
  input.focus();
}

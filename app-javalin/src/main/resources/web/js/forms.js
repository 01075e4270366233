// Form errors in the page's language, tied to their fields (aria-invalid + aria-describedby), cleared on each try.
// The API answers problem+json; with `errors: [{field, code, message}]` each error is shown under its field. Its
// English `message` is for developers and is never shown: the code picks our own words.
import { h } from './dom.js';
import { t, register } from './i18n.js';

register({
  fr: {
    'err.required': 'Ce champ est obligatoire.', 'err.too_long': 'C’est trop long.', 'err.too_short': 'C’est trop court.',
    'err.out_of_range': 'Cette valeur est hors des limites permises.', 'err.invalid': 'Cette valeur n’est pas acceptée.',
    'err.invalid_phone': 'Ce numéro n’est pas reconnu. Vérifiez les chiffres (par ex. 06 12 34 56 78).',
    'err.duplicate': 'Cette valeur existe déjà sur ce compte.', 'err.too_many': 'Le nombre maximal est atteint.',
    'err.invalid_email': 'Cette adresse e-mail n’est pas valide.', 'err.weak_password': 'Ce mot de passe est trop faible ou trop courant.',
    'err.wrong_password': 'Mot de passe incorrect.', 'err.not_a_number': 'Saisissez un nombre, par ex. 0,8 ou 80 %.',
    'err.threshold_range': 'Saisissez une valeur entre 0 et 1 (ou entre 0 % et 100 %).',
    'err.threshold_order': 'Le seuil « suspect » doit être plus bas que le seuil « arnaque ».',
    'err.retention_range': 'Saisissez un nombre de jours entre 1 et 3650.', 'err.budget_range': 'Saisissez un nombre entier positif ou 0.',
    'err.summary': 'Le formulaire contient une erreur : voir le champ signalé.', 'err.length': 'La longueur de ce texte n’est pas acceptée (vide ou trop long).',
    'err.not_allowed': 'Cette valeur ne fait pas partie des choix possibles.', 'err.empty_change': 'Rien n’a changé.',
  },
  en: {
    'err.required': 'This field is required.', 'err.too_long': 'This is too long.', 'err.too_short': 'This is too short.',
    'err.out_of_range': 'This value is outside the allowed range.', 'err.invalid': 'This value is not accepted.',
    'err.invalid_phone': 'This number is not recognised. Check the digits (e.g. 06 12 34 56 78).',
    'err.duplicate': 'This value already exists on this account.', 'err.too_many': 'The maximum number is reached.',
    'err.invalid_email': 'This e-mail address is not valid.', 'err.weak_password': 'This password is too weak or too common.',
    'err.wrong_password': 'Wrong password.', 'err.not_a_number': 'Type a number, e.g. 0.8 or 80 %.',
    'err.threshold_range': 'Type a value between 0 and 1 (or 0 % to 100 %).',
    'err.threshold_order': 'The “suspicious” threshold must be lower than the “scam” one.',
    'err.retention_range': 'Type a number of days between 1 and 3650.', 'err.budget_range': 'Type a whole number, 0 or more.',
    'err.summary': 'The form has an error: see the field marked.', 'err.length': 'The length of this text is not accepted (empty or too long).',
    'err.not_allowed': 'This value is not one of the choices.', 'err.empty_change': 'Nothing changed.',
  },
});

// The API's codes (docs/api.md, "Field errors") map to ours; wrong_type, unknown_field and malformed_body are our own
// bugs, shown as "not accepted". Then the words of the validation messages the API gives before it sends codes.
const CODE_ALIASES = {
  blank: 'required', missing: 'required', phone_invalid: 'invalid_phone', not_e164: 'invalid_phone', invalid_phone_number: 'invalid_phone',
  conflict: 'duplicate', limit: 'too_many', range: 'out_of_range', below: 'threshold_order', order: 'threshold_order',
};
// Field names as the API's messages spell them → the request fields the forms know.
const FIELD_ALIASES = { phoneNumber: 'phone', suspicious: 'suspiciousThreshold', scam: 'scamThreshold', transcriptRetention: 'retentionDays' };
const DETAIL_PATTERNS = [
  [/must be below/i, 'threshold_order'], [/E\.164|phone/i, 'invalid_phone'], [/1 to 3650/i, 'retention_range'],
  [/e-?mail/i, 'invalid_email'], [/password/i, 'weak_password'], [/too long|at most/i, 'too_long'], [/blank|required|missing/i, 'required'],
];

function message(code) {
  const c = CODE_ALIASES[code] || code;
  const key = 'err.' + c;
  return t(key) === key ? t('err.invalid') : t(key);
}

/**
 * A form's error display. fields: {apiFieldName: inputElement}. Every input gets an error line below it once; a
 * summary line (role=alert) is read out when errors appear.
 */
export function errorsFor(form, fields) {
  const summary = h('p', { class: 'error', role: 'alert', 'data-form-error': '' });
  const lines = new Map();
  for (const [name, input] of Object.entries(fields)) {
    const id = (input.id || name) + '-error';
    const line = h('p', { class: 'error field-error', id, hidden: true });
    input.insertAdjacentElement('afterend', line);
    lines.set(name, { input, line });
  }
  const api = {
    summary,
    clear() {
      summary.textContent = '';
      for (const { input, line } of lines.values()) {
        line.textContent = ''; line.hidden = true;
        input.removeAttribute('aria-invalid');
        const rest = (input.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== line.id);
        if (rest.length) input.setAttribute('aria-describedby', rest.join(' ')); else input.removeAttribute('aria-describedby');
      }
    },
    /** Marks one field with a code (ours or the API's); false when the field is unknown to this form. */
    field(name, code) {
      const f = lines.get(name) || lines.get(FIELD_ALIASES[name]);
      if (!f) return false;
      f.line.textContent = message(code);
      f.line.hidden = false;
      f.input.setAttribute('aria-invalid', 'true');
      const ids = new Set((f.input.getAttribute('aria-describedby') || '').split(' ').filter(Boolean));
      ids.add(f.line.id);
      f.input.setAttribute('aria-describedby', [...ids].join(' '));
      if (!summary.textContent) { summary.textContent = t('err.summary'); f.input.focus(); }
      return true;
    },
    /** Shows an ApiError: per field when the API names fields, else one sentence in our words. */
    api(e, fallbackField) {
      const p = (e && e.problem) || {};
      if (Array.isArray(p.errors) && p.errors.length) {
        let placed = false;
        for (const er of p.errors) placed = api.field(er.field, er.code) || placed;
        if (!placed) summary.textContent = message(p.errors[0].code);
        return;
      }
      if (e && e.status === 403) { summary.textContent = t('error.forbidden'); return; }
      if (e && (e.status === 400 || e.status === 409 || e.status === 422)) {
        const detail = String(p.detail || '');
        const named = detail.match(/'([A-Za-z]+)'/);
        const hit = DETAIL_PATTERNS.find(([re]) => re.test(detail));
        const code = e.status === 409 ? (/at most|limit/i.test(detail) ? 'too_many' : 'duplicate') : (hit ? hit[1] : 'invalid');
        const field = named && (lines.has(named[1]) || lines.has(FIELD_ALIASES[named[1]])) ? named[1] : fallbackField;
        if (!field || !api.field(field, code)) summary.textContent = message(code);
        return;
      }
      summary.textContent = t('error.generic');
    },
  };
  return api;
}

import { h, clear } from '../dom.js';
import { t, register, formatDecimal, parseDecimal } from '../i18n.js';
import { api } from '../api.js';
import { errorsFor } from '../forms.js';
import { heading, categoryLabel, cueLabel } from './common.js';
import { phrasesEditor } from './phrases.js';

register({
  fr: {
    'settings.suspicious': 'Seuil « suspect »', 'settings.scam': 'Seuil « arnaque »',
    'settings.suspiciousHint': 'Score à partir duquel un appel est marqué « suspect » et affiché en alerte ici. Entre 0 et 1 (par ex. 0,35) ou en pourcentage (35 %). Plus bas : plus d’appels signalés.',
    'settings.scamHint': 'Score à partir duquel l’appel est jugé « arnaque » : SMS aux contacts et avertissement pendant l’appel (si activés). Par ex. 0,8 ou 80 %. Plus bas : alerte plus tôt, mais plus de fausses alertes.',
    'settings.retentionHint': 'Les transcriptions des appels suspects et des arnaques sont gardées ce nombre de jours (1 à 3650), puis effacées.',
    'settings.privacy': 'Vie privée des appels ordinaires : un appel jugé normal (le médecin, la petite-fille) ne montre que son heure, sa durée et l’appelant. Sa transcription est gardée peu de temps et lisible seulement par le propriétaire du compte.',
    'settings.protectedPhone': 'Téléphone de la personne protégée',
    'settings.protectedPhoneHint': 'Son propre numéro (par ex. 06 12 34 56 78) : il figure dans les SMS d’alerte et derrière le bouton « L’appeler » de la page envoyée aux proches. Laisser vide pour ne pas le donner.',
    'settings.clearRetention': 'Garder les transcriptions des appels normaux (jours)',
    'settings.clearRetentionHint': 'Les transcriptions des appels jugés normaux sont effacées au bout de ce nombre de jours (7 par défaut, jamais plus que ci-dessus).',
    'settings.budget': 'Analyses par IA par jour (budget)', 'settings.budgetHint': 'Nombre maximal de demandes d’analyse à l’IA par jour pour ce compte. 0 : aucune.',
    'settings.readOnly': 'Votre rôle (lecteur) permet de voir les réglages, pas de les modifier.',
    'settings.securityLink': 'Mot de passe, sessions et vérification en deux étapes : voir Mon profil.',
    'settings.phrases': 'Phrases à surveiller',
    'settings.blocked': 'Quand un numéro bloqué appelle',
    'settings.blockedHint': 'Ce que fait « Bloquer ce numéro » (depuis une alerte ou la page Numéros connus) : refuser l’appel avant qu’il sonne, ou le laisser passer avec un avertissement dit au début.',
    'settings.blocked.reject': 'Refuser l’appel', 'settings.blocked.warn': 'Laisser passer avec un avertissement',
    'settings.speechGate': 'N’envoyer à la reconnaissance vocale que les moments où quelqu’un parle',
    'settings.speechGateHint': 'Coche : les silences ne quittent pas le serveur et ne sont pas facturés (environ trois fois moins cher). Décoché : tout l’appel est envoyé, sans risque de mot coupé.',
  },
  en: {
    'settings.suspicious': '“Suspicious” threshold', 'settings.scam': '“Scam” threshold',
    'settings.suspiciousHint': 'Score from which a call is marked “suspicious” and flagged here. Between 0 and 1 (e.g. 0.35) or as a percentage (35 %). Lower: more calls flagged.',
    'settings.scamHint': 'Score from which the call is judged a “scam”: SMS to the contacts and a spoken warning during the call (if on). E.g. 0.8 or 80 %. Lower: earlier alerts, but more false alarms.',
    'settings.retentionHint': 'Transcripts of suspicious and scam calls are kept this many days (1 to 3650), then deleted.',
    'settings.privacy': 'Privacy of ordinary calls: a call judged normal (the doctor, the granddaughter) shows only its time, length and caller. Its transcript is kept a short time and readable by the account owner only.',
    'settings.protectedPhone': 'The protected person’s phone',
    'settings.protectedPhoneHint': 'Their own number (e.g. 06 12 34 56 78): it is in the alert SMS and behind the “Call her” button of the page sent to relatives. Leave empty not to give it.',
    'settings.clearRetention': 'Keep transcripts of normal calls (days)',
    'settings.clearRetentionHint': 'Transcripts of calls judged normal are deleted after this many days (7 by default, never more than above).',
    'settings.budget': 'AI analyses per day (budget)', 'settings.budgetHint': 'Most AI analysis requests per day for this account. 0: none.',
    'settings.readOnly': 'Your role (viewer) lets you see the settings, not change them.',
    'settings.securityLink': 'Password, sessions and two-step verification: see My profile.',
    'settings.phrases': 'Phrases to watch for',
    'settings.blocked': 'When a blocked number calls',
    'settings.blockedHint': 'What “Block this number” does (from an alert or the Known numbers page): reject the call before it rings, or connect it with a spoken warning first.',
    'settings.blocked.reject': 'Reject the call', 'settings.blocked.warn': 'Connect it with a warning',
    'settings.speechGate': 'Send speech recognition only the moments when someone speaks',
    'settings.speechGateHint': 'On: silences never leave the server and are not billed (about three times cheaper). Off: the whole call is sent, with no risk of a clipped word.',
  },
});

/** A threshold as typed: "0,8", "0.8", "80 %" or "80" (a number above 1 is read as a percentage). */
export function parseThreshold(text) {
  const x = parseDecimal(text);
  if (Number.isNaN(x)) return x;
  return x > 1 && x <= 100 && !String(text).includes('%') ? x / 100 : x;
}

export async function renderSettings(main, ctx) {
  let s;
  try { s = await api.settings(ctx.account); } catch (e) { ctx.fail(e); return null; }
  const writable = ctx.can('settings:write');
  const lang = h('select', { id: 'set-language' }, h('option', { value: 'fr' }, 'Français'), h('option', { value: 'en' }, 'English'));
  lang.value = s.language;
  const decimal = (id, v, hint) => h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', value: formatDecimal(v),
    'aria-describedby': hint });
  const sus = decimal('set-suspicious', s.suspiciousThreshold, 'set-suspicious-hint');
  const scam = decimal('set-scam', s.scamThreshold, 'set-scam-hint');
  const protectedPhone = h('input', { id: 'set-protected-phone', type: 'tel', autocomplete: 'off', value: s.protectedPhone || '',
    'aria-describedby': 'set-protected-phone-hint' });
  const blocked = h('select', { id: 'set-blocked', 'aria-describedby': 'set-blocked-hint' },
    h('option', { value: 'reject' }, t('settings.blocked.reject')), h('option', { value: 'warn' }, t('settings.blocked.warn')));
  blocked.value = s.blockedCallers || 'reject';
  const sms = h('input', { id: 'set-sms', type: 'checkbox', checked: s.smsToContacts });
  const announce = h('input', { id: 'set-announce', type: 'checkbox', checked: s.announceInCall });
  const speechGate = h('input', { id: 'set-speech-gate', type: 'checkbox', checked: s.speechGate !== false, 'aria-describedby': 'set-speech-gate-hint' });
  const retention = h('input', { id: 'set-retention', type: 'text', inputmode: 'numeric', value: s.retentionDays, 'aria-describedby': 'set-retention-hint' });
  const clearRetention = h('input', { id: 'set-clear-retention', type: 'text', inputmode: 'numeric', value: s.clearCallRetentionDays ?? 7,
    'aria-describedby': 'set-clear-retention-hint privacy-note' });
  const ai = h('input', { id: 'set-ai', type: 'checkbox', checked: s.aiAnalysisEnabled });
  const budget = h('input', { id: 'set-budget', type: 'text', inputmode: 'numeric', value: s.aiDailyRequestBudget, 'aria-describedby': 'set-budget-hint' });
  const phrases = phrasesEditor(s.customPhrases || [], writable, { categoryLabel, cueLabel });
  const fields = h('fieldset', { class: 'plain', disabled: !writable },
    h('legend', { class: 'sr-only' }, t('settings.title')),
    h('label', { for: 'set-language' }, t('settings.language')), lang,
    h('label', { for: 'set-suspicious' }, t('settings.suspicious')), h('p', { class: 'hint', id: 'set-suspicious-hint' }, t('settings.suspiciousHint')), sus,
    h('label', { for: 'set-scam' }, t('settings.scam')), h('p', { class: 'hint', id: 'set-scam-hint' }, t('settings.scamHint')), scam,
    h('label', { for: 'set-protected-phone' }, t('settings.protectedPhone')),
    h('p', { class: 'hint', id: 'set-protected-phone-hint' }, t('settings.protectedPhoneHint')), protectedPhone,
    h('label', { for: 'set-blocked' }, t('settings.blocked')), h('p', { class: 'hint', id: 'set-blocked-hint' }, t('settings.blockedHint')), blocked,
    h('label', { class: 'checkbox', for: 'set-sms' }, sms, t('settings.sms')),
    h('label', { class: 'checkbox', for: 'set-announce' }, announce, t('settings.announce')),
    h('label', { class: 'checkbox', for: 'set-speech-gate' }, speechGate, t('settings.speechGate')),
    h('p', { class: 'hint', id: 'set-speech-gate-hint' }, t('settings.speechGateHint')),
    h('label', { for: 'set-retention' }, t('settings.retention')), h('p', { class: 'hint', id: 'set-retention-hint' }, t('settings.retentionHint')), retention,
    h('p', { class: 'panel privacy', id: 'privacy-note' }, t('settings.privacy')),
    h('label', { for: 'set-clear-retention' }, t('settings.clearRetention')),
    h('p', { class: 'hint', id: 'set-clear-retention-hint' }, t('settings.clearRetentionHint')), clearRetention,
    h('label', { class: 'checkbox', for: 'set-ai' }, ai, t('settings.ai')),
    h('label', { for: 'set-budget' }, t('settings.budget')), h('p', { class: 'hint', id: 'set-budget-hint' }, t('settings.budgetHint')), budget,
    h('h2', {}, t('settings.phrases')), phrases.element);
  const form = h('form', { class: 'panel', id: 'settings-form', novalidate: true }, fields);
  const errors = errorsFor(form, { suspiciousThreshold: sus, scamThreshold: scam, retentionDays: retention, clearCallRetentionDays: clearRetention, aiDailyRequestBudget: budget,
    protectedPhone, blockedCallers: blocked });
  form.append(errors.summary);
  if (writable) form.append(h('div', { class: 'form-actions' }, h('button', { type: 'submit', id: 'save-settings' }, t('settings.save'))));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    errors.clear();
    const suspicious = parseThreshold(sus.value);
    const scamAt = parseThreshold(scam.value);
    const days = Number(String(retention.value).trim());
    const perDay = Number(String(budget.value).trim());
    const clearDays = Number(String(clearRetention.value).trim());
    let bad = false;
    for (const [name, v] of [['suspiciousThreshold', suspicious], ['scamThreshold', scamAt]]) {
      if (Number.isNaN(v)) bad = errors.field(name, 'not_a_number') || true;
      else if (v < 0 || v > 1) bad = errors.field(name, 'threshold_range') || true;
    }
    if (!bad && suspicious >= scamAt) bad = errors.field('suspiciousThreshold', 'threshold_order') || true;
    if (!Number.isInteger(days) || days < 1 || days > 3650) bad = errors.field('retentionDays', 'retention_range') || true;
    if (!Number.isInteger(clearDays) || clearDays < 1 || clearDays > 3650) bad = errors.field('clearCallRetentionDays', 'retention_range') || true;
    if (!Number.isInteger(perDay) || perDay < 0) bad = errors.field('aiDailyRequestBudget', 'budget_range') || true;
    const list = phrases.value(errors);
    if (bad || !list) return;
    try {
      const saved = await api.updateSettings(ctx.account, {
        language: lang.value, suspiciousThreshold: suspicious, scamThreshold: scamAt,
        smsToContacts: sms.checked, announceInCall: announce.checked, retentionDays: days, clearCallRetentionDays: clearDays, protectedPhone: protectedPhone.value.trim(),
        blockedCallers: blocked.value, speechGate: speechGate.checked,
        aiAnalysisEnabled: ai.checked, aiDailyRequestBudget: perDay, customPhrases: list,
      });
      sus.value = formatDecimal(saved.suspiciousThreshold);
      protectedPhone.value = saved.protectedPhone || '';
      scam.value = formatDecimal(saved.scamThreshold);
      ctx.toast(t('settings.saved'));
    } catch (e) {
      errors.api(e);
    }
  });
  clear(main).append(heading(t('settings.title')),
    writable ? null : h('p', { class: 'panel', id: 'read-only-note' }, t('settings.readOnly')),
    form, h('p', {}, h('a', { href: '#/profil' }, t('settings.securityLink'))));
  return null;
}

// French first, English available. The choice is remembered (a language code only, nothing sensitive).
const STRINGS = {
  fr: {
    skip: 'Aller au contenu', account: 'Compte', logout: 'Se déconnecter', switchLang: 'English',
    'nav.calls': 'Appels', 'nav.alerts': 'Alertes', 'nav.contacts': 'Contacts', 'nav.settings': 'Réglages', 'nav.usage': 'Consommation',
    'nav.members': 'Membres', 'nav.account': 'Compte', 'nav.audit': 'Journal', 'nav.profile': 'Mon profil', menu: 'Menu', statusArea: 'Alertes et état', messages: 'Messages',
    'login.title': 'Connexion', 'login.email': 'Adresse e-mail', 'login.password': 'Mot de passe', 'login.submit': 'Se connecter',
    'login.failed': 'Adresse ou mot de passe incorrect.', 'login.throttled': 'Trop d’essais. Réessayez dans un moment.',
    'login.code.title': 'Code de vérification', 'login.code': 'Code à 6 chiffres de votre application',
    'login.code.help': 'Ouvrez votre application d’authentification et saisissez le code affiché.',
    'login.recovery': 'Ou un code de secours', 'login.code.submit': 'Valider', 'login.code.failed': 'Code incorrect.',
    'calls.title': 'Appels', 'calls.live': 'En ce moment', 'calls.noLive': 'Aucun appel en cours.', 'calls.recent': 'Derniers appels',
    'calls.none': 'Aucun appel pour l’instant.', 'calls.when': 'Quand', 'calls.caller': 'Appelant', 'calls.verdict': 'Verdict',
    'calls.category': 'Type', 'calls.state': 'État', 'calls.open': 'Voir le détail', 'calls.liveNow': 'Appel en cours',
    'calls.openOf': 'de l’appel de {caller}, {when}', 'calls.openAt': 'de l’appel du {when}', 'calls.actions': 'Actions', 'calls.duration': 'Durée',
    'calls.analysing': 'En cours d’analyse', 'calls.analysingHint': 'rien de suspect pour l’instant', 'calls.more': 'Appels plus anciens',
    'call.title': 'Détail de l’appel', 'call.back': 'Retour aux appels', 'call.transcript': 'Transcription',
    'call.noTranscript': 'Pas de transcription (appel sans écoute, ou transcription effacée).',
    'call.cues': 'Indices repérés', 'call.ai': 'Analyse de l’IA', 'call.noAi': 'Pas d’analyse IA pour cet appel.',
    'call.alerts': 'Alertes envoyées', 'call.score': 'Score', 'call.started': 'Début', 'call.ended': 'Fin',
    'call.protection': 'Protection', 'speaker.caller': 'Appelant', 'speaker.callee': 'Personne protégée',
    'verdict.scam': 'Arnaque', 'verdict.suspicious': 'Suspect', 'verdict.clear': 'Normal', 'state.live': 'en cours',
    'state.ended': 'terminé', 'state.ringing': 'sonne', 'state.in_progress': 'en cours',
    'alerts.title': 'Alertes', 'alerts.none': 'Aucune alerte.', 'alerts.kind': 'Type', 'alerts.to': 'Destinataire',
    'alerts.status': 'Statut', 'alerts.when': 'Créée', 'alerts.attempts': 'Essais', 'alerts.call': 'Appel',
    'kind.sms': 'SMS', 'kind.conference_announcement': 'Avertissement dit pendant l’appel', 'kind.announcement': 'Avertissement dit pendant l’appel',
    'status.sent': 'envoyée', 'status.pending': 'en attente', 'status.retrying': 'nouvel essai', 'status.failed': 'échec', 'status.sending': 'en cours',
    'contacts.title': 'Contacts d’urgence', 'contacts.help': 'Ces personnes reçoivent un SMS si un appel est jugé frauduleux.',
    'contacts.none': 'Aucun contact. Ajoutez au moins une personne de confiance.', 'contacts.name': 'Nom',
    'contacts.phone': 'Téléphone', 'contacts.relationship': 'Lien (fille, voisin…)',
    'contacts.add': 'Ajouter un contact', 'contacts.edit': 'Modifier', 'contacts.delete': 'Supprimer', 'contacts.save': 'Enregistrer',
    'contacts.cancel': 'Annuler', 'contacts.saved': 'Contact enregistré.', 'contacts.deleted': 'Contact supprimé.',
    'contacts.confirmDelete': 'Supprimer ce contact ?',
    'settings.title': 'Réglages', 'settings.language': 'Langue des alertes', 'settings.suspicious': 'Seuil « suspect » (0 à 1)',
    'settings.scam': 'Seuil « arnaque » (0 à 1)', 'settings.sms': 'Envoyer un SMS aux contacts', 'settings.announce': 'Avertir par un message vocal pendant l’appel',
    'settings.retention': 'Garder les transcriptions (jours)', 'settings.ai': 'Autoriser l’analyse par IA', 'settings.save': 'Enregistrer les réglages',
    'settings.saved': 'Réglages enregistrés.', 'settings.security': 'Sécurité du compte', 'settings.2fa.on': 'La vérification en deux étapes est activée.',
    'settings.2fa.off': 'La vérification en deux étapes n’est pas activée.', 'settings.2fa.begin': 'Activer la vérification en deux étapes',
    'settings.2fa.secret': 'Ajoutez ce compte dans votre application d’authentification avec cette clé :',
    'settings.2fa.confirm': 'Puis saisissez le code affiché', 'settings.2fa.done': 'Vérification en deux étapes activée. Gardez ces codes de secours :',
    'usage.title': 'Consommation', 'usage.month': 'Mois', 'usage.speech': 'Écoute (minutes)', 'usage.ai': 'IA (jetons)', 'usage.sms': 'SMS envoyés',
    'usage.calls': 'Appels', 'usage.protected': 'Temps protégé (minutes)', 'usage.perMinute': '{ratio} min d’écoute par minute d’appel', 'usage.none': 'Rien ce mois-ci.',
    'live.on': 'Mise à jour en direct.', 'live.off': 'Mise à jour en direct interrompue, nouvel essai…',
    'account.status.provisioning': 'Numéro en cours de mise en service : la protection démarre dès qu’il est actif.',
    'account.status.suspended': 'Protection suspendue pour ce compte.', 'account.status.cancelled': 'Ce compte est résilié.',
    'error.generic': 'Une erreur est survenue. Réessayez.', 'error.forbidden': 'Vous n’avez pas le droit de faire cela.',
    'error.noAccount': 'Ce compte utilisateur n’est rattaché à aucun compte protégé.', loading: 'Chargement…',
    'error.pageForbidden': 'Votre rôle sur ce compte ({role}) ne permet pas d’ouvrir cette page. Un propriétaire ou un administrateur du compte peut vous donner ce droit.',
    'error.forbiddenTitle': 'Accès réservé', 'error.failedTitle': 'Page indisponible',
    'error.pageFailed': 'Cette page n’a pas pu être chargée. Vérifiez votre connexion puis réessayez.', 'error.retry': 'Réessayer',
    'role.owner': 'propriétaire', 'role.admin': 'administrateur', 'role.viewer': 'lecteur', 'dismiss': 'Fermer',
    'cue.identity_claim': 'se présente comme', 'cue.pretext': 'prétexte', 'cue.urgency': 'urgence', 'cue.secrecy': 'demande de secret',
    'cue.request': 'demande', 'cue.disclosure': 'information donnée', 'cue.legitimacy': 'signe d’un appel légitime',
    'verdict.analysing': 'En cours d’analyse', 'sr.actions': 'Actions',
    
    'cat.fake_bank_adviser': 'faux conseiller bancaire', 'cat.fake_courier': 'faux coursier venant chercher la carte', 'cat.fake_tech_support': 'faux support technique',
    'cat.fake_police': 'faux policier ou gendarme', 'cat.fake_relative': 'faux proche en détresse', 'cat.training_account': 'compte formation (CPF)',
    'cat.investment': 'faux placement', 'cat.fake_health_or_parcel': 'fausse santé ou colis', 'cat.fake_renovation_aid': 'fausse aide à la rénovation',
    'cat.ceo_or_supplier': 'faux dirigeant ou fournisseur', 'cat.government_impersonation': 'faux service public',
    'cat.prize_or_lottery': 'faux gain ou loterie', 'cat.romance': 'arnaque sentimentale', 'cat.other': 'autre',
  },
  en: {
    skip: 'Skip to content', account: 'Account', logout: 'Log out', switchLang: 'Français',
    'nav.calls': 'Calls', 'nav.alerts': 'Alerts', 'nav.contacts': 'Contacts', 'nav.settings': 'Settings', 'nav.usage': 'Usage',
    'nav.members': 'Members', 'nav.account': 'Account', 'nav.audit': 'Audit log', 'nav.profile': 'My profile', menu: 'Menu', statusArea: 'Alerts and status', messages: 'Messages',
    'login.title': 'Log in', 'login.email': 'E-mail address', 'login.password': 'Password', 'login.submit': 'Log in',
    'login.failed': 'Wrong e-mail or password.', 'login.throttled': 'Too many attempts. Try again in a while.',
    'login.code.title': 'Verification code', 'login.code': '6-digit code from your app',
    'login.code.help': 'Open your authenticator app and type the code it shows.',
    'login.recovery': 'Or a recovery code', 'login.code.submit': 'Verify', 'login.code.failed': 'Wrong code.',
    'calls.title': 'Calls', 'calls.live': 'Right now', 'calls.noLive': 'No call in progress.', 'calls.recent': 'Recent calls',
    'calls.none': 'No calls yet.', 'calls.when': 'When', 'calls.caller': 'Caller', 'calls.verdict': 'Verdict',
    'calls.category': 'Kind', 'calls.state': 'State', 'calls.open': 'Open details', 'calls.liveNow': 'Call in progress',
    'calls.openOf': 'of the call from {caller}, {when}', 'calls.openAt': 'of the call of {when}', 'calls.actions': 'Actions', 'calls.duration': 'Duration',
    'calls.analysing': 'Being analysed', 'calls.analysingHint': 'nothing suspicious so far', 'calls.more': 'Older calls',
    'call.title': 'Call details', 'call.back': 'Back to calls', 'call.transcript': 'Transcript',
    'call.noTranscript': 'No transcript (unprotected call, or transcript deleted).',
    'call.cues': 'Cues found', 'call.ai': 'AI analysis', 'call.noAi': 'No AI analysis for this call.',
    'call.alerts': 'Alerts sent', 'call.score': 'Score', 'call.started': 'Started', 'call.ended': 'Ended',
    'call.protection': 'Protection', 'speaker.caller': 'Caller', 'speaker.callee': 'Protected person',
    'verdict.scam': 'Scam', 'verdict.suspicious': 'Suspicious', 'verdict.clear': 'Normal', 'state.live': 'live',
    'state.ended': 'ended', 'state.ringing': 'ringing', 'state.in_progress': 'in progress',
    'alerts.title': 'Alerts', 'alerts.none': 'No alerts.', 'alerts.kind': 'Kind', 'alerts.to': 'Recipient',
    'alerts.status': 'Status', 'alerts.when': 'Created', 'alerts.attempts': 'Attempts', 'alerts.call': 'Call',
    'kind.sms': 'SMS', 'kind.conference_announcement': 'Spoken warning', 'kind.announcement': 'Spoken warning',
    'status.sent': 'sent', 'status.pending': 'pending', 'status.retrying': 'retrying', 'status.failed': 'failed', 'status.sending': 'sending',
    'contacts.title': 'Emergency contacts', 'contacts.help': 'These people get an SMS when a call is judged a scam.',
    'contacts.none': 'No contacts. Add at least one trusted person.', 'contacts.name': 'Name',
    'contacts.phone': 'Phone', 'contacts.relationship': 'Relationship (daughter, neighbour…)',
    'contacts.add': 'Add a contact', 'contacts.edit': 'Edit', 'contacts.delete': 'Delete', 'contacts.save': 'Save',
    'contacts.cancel': 'Cancel', 'contacts.saved': 'Contact saved.', 'contacts.deleted': 'Contact deleted.',
    'contacts.confirmDelete': 'Delete this contact?',
    'settings.title': 'Settings', 'settings.language': 'Alert language', 'settings.suspicious': '“Suspicious” threshold (0 to 1)',
    'settings.scam': '“Scam” threshold (0 to 1)', 'settings.sms': 'Send an SMS to contacts', 'settings.announce': 'Speak a warning during the call',
    'settings.retention': 'Keep transcripts (days)', 'settings.ai': 'Allow AI analysis', 'settings.save': 'Save settings',
    'settings.saved': 'Settings saved.', 'settings.security': 'Account security', 'settings.2fa.on': 'Two-step verification is on.',
    'settings.2fa.off': 'Two-step verification is off.', 'settings.2fa.begin': 'Turn on two-step verification',
    'settings.2fa.secret': 'Add this account to your authenticator app with this key:',
    'settings.2fa.confirm': 'Then type the code it shows', 'settings.2fa.done': 'Two-step verification is on. Keep these recovery codes:',
    'usage.title': 'Usage', 'usage.month': 'Month', 'usage.speech': 'Listening (minutes)', 'usage.ai': 'AI (tokens)', 'usage.sms': 'SMS sent',
    'usage.calls': 'Calls', 'usage.protected': 'Protected time (minutes)', 'usage.perMinute': '{ratio} min of listening per call minute', 'usage.none': 'Nothing this month.',
    'live.on': 'Live updates on.', 'live.off': 'Live updates interrupted, retrying…',
    'account.status.provisioning': 'Number being set up: protection starts as soon as it is live.',
    'account.status.suspended': 'Protection is suspended for this account.', 'account.status.cancelled': 'This account is cancelled.',
    'error.generic': 'Something went wrong. Please try again.', 'error.forbidden': 'You are not allowed to do that.',
    'error.noAccount': 'This user is not a member of any protected account.', loading: 'Loading…',
    'error.pageForbidden': 'Your role on this account ({role}) does not open this page. An owner or admin of the account can give you this right.',
    'error.forbiddenTitle': 'Restricted page', 'error.failedTitle': 'Page unavailable',
    'error.pageFailed': 'This page could not be loaded. Check your connection and try again.', 'error.retry': 'Try again',
    'role.owner': 'owner', 'role.admin': 'admin', 'role.viewer': 'viewer', 'dismiss': 'Dismiss',
    'cue.identity_claim': 'identity claim', 'cue.pretext': 'pretext', 'cue.urgency': 'urgency', 'cue.secrecy': 'secrecy request',
    'cue.request': 'request', 'cue.disclosure': 'disclosure', 'cue.legitimacy': 'sign of a genuine call',
    'verdict.analysing': 'Being analysed', 'sr.actions': 'Actions',
    
    'cat.fake_bank_adviser': 'fake bank adviser', 'cat.fake_courier': 'fake courier collecting a card', 'cat.fake_tech_support': 'fake tech support',
    'cat.fake_police': 'fake police officer', 'cat.fake_relative': 'fake relative in trouble', 'cat.training_account': 'training account',
    'cat.investment': 'investment', 'cat.fake_health_or_parcel': 'fake health or parcel', 'cat.fake_renovation_aid': 'fake renovation aid',
    'cat.ceo_or_supplier': 'fake CEO or supplier', 'cat.government_impersonation': 'government impersonation',
    'cat.prize_or_lottery': 'prize or lottery', 'cat.romance': 'romance scam', 'cat.other': 'other',
  },
};

let lang = (localStorage.getItem('ethiq.lang') === 'en') ? 'en' : 'fr';

/** Views bring their own words: {fr:{…}, en:{…}}, merged into the shared table when their module loads. */
export function register(dict) {
  for (const l of Object.keys(dict)) Object.assign(STRINGS[l], dict[l]);
}

/** A translation, with {name} placeholders filled from vars. */
export function t(key, vars) {
  let s = (STRINGS[lang] && STRINGS[lang][key]) || STRINGS.fr[key] || key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split('{' + k + '}').join(String(v));
  return s;
}

/** True when a translation exists (used for open-ended values such as categories). */
export function has(key) { return Boolean(STRINGS[lang] && STRINGS[lang][key]); }

export function language() { return lang; }
export function locale() { return lang === 'fr' ? 'fr-FR' : 'en-GB'; }

export function setLanguage(next) {
  lang = next === 'en' ? 'en' : 'fr';
  localStorage.setItem('ethiq.lang', lang);
  applyStatic();
}

/** Translates the static parts of the page (elements with data-i18n). */
export function applyStatic() {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  const btn = document.getElementById('lang');
  if (btn) { btn.textContent = t('switchLang'); btn.lang = lang === 'fr' ? 'en' : 'fr'; }
  const nav = document.getElementById('nav');
  if (nav) nav.setAttribute('aria-label', lang === 'fr' ? 'Navigation principale' : 'Main navigation');
}

export function formatDate(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(iso) {
  if (!iso) return '—';
  return new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit' });
}

/** A decimal in the page's language: 0,91 in French, 0.91 in English. */
export function formatDecimal(x, digits = 2) {
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(x) || 0);
}

/** "4 min 05 s" / "45 s" from seconds. */
export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  return m ? m + ' min ' + String(s % 60).padStart(2, '0') + ' s' : (s % 60) + ' s';
}

/** "0,8", "0.8", " 80 % " → 0.8 (a percentage when followed by %); NaN when it is not a number. */
export function parseDecimal(text) {
  const raw = String(text || '').trim().replace(/\s/g, '');
  const percent = raw.endsWith('%');
  const body = (percent ? raw.slice(0, -1) : raw).replace(',', '.');
  if (!/^[0-9]*\.?[0-9]+$/.test(body)) return NaN;
  return percent ? Number(body) / 100 : Number(body);
}

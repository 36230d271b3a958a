/**
 * What the audit log records (cloud/admin/auditSql.ts), with the French label the portal shows
 * and the CSV export writes. Every admin action, every sign-in and its failures, every page of a
 * support view.
 */
export const AUDIT_ACTIONS = {
  'admin.sign_in': 'Connexion',
  'admin.sign_in_failed': 'Échec de connexion',
  'admin.locked': 'Connexion bloquée',
  'admin.totp_enrolled': 'Double authentification activée',
  'admin.recovery_code_used': 'Code de secours utilisé',
  'admin.sign_out': 'Déconnexion',
  'admin.invite': 'Invitation d’un administrateur',
  'admin.invite_accepted': 'Invitation acceptée',
  'admin.remove': 'Retrait d’un administrateur',
  'workshop.suspend': 'Suspension d’un atelier',
  'workshop.restore': 'Rétablissement d’un atelier',
  'workshop.extend_trial': 'Prolongation de l’essai',
  'workshop.grant_credits': 'Crédits offerts',
  'workshop.change_plan': 'Changement de formule',
  'profile.hide': 'Profil masqué',
  'profile.keep': 'Profil maintenu',
  'photo.hide': 'Photo masquée',
  'photo.keep': 'Photo maintenue',
  'profile.unhide': 'Profil rétabli',
  'photo.unhide': 'Photo rétablie',
  'support.view': 'Vue d’assistance consultée',
  'audit.export': 'Export du journal',
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as [AuditAction, ...AuditAction[]];

/** What an entry is about. */
export const AUDIT_TARGETS = ['admin', 'workshop', 'profile', 'photo', 'report'] as const;
export type AuditTarget = (typeof AUDIT_TARGETS)[number];

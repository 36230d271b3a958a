/**
 * Who may export the whole workshop: the owner. Asked of the ONE role table rather than by
 * comparing roles: whoever may change the workshop itself (`workshop`, `update`), which is the
 * owner alone (staff and viewers only read it). No zod here: the settings screen imports it.
 */
import { can, type Role } from '../domain/roleTable.js';

export function mayExportEverything(role: Role): boolean {
  return can(role, 'workshop', 'update');
}

import type { Role } from '../../../contracts/staff.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * What each role may do, read as sentences: "managers and administrators can
 * create staff accounts". Object-level rules (which case) live in the module
 * policies; this table answers only "may this role attempt the action at all".
 */
export const permissions = {
  'programme:read': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'programme:write': ['manager'],
  'case:create': ['manager', 'exit_worker', 'security_officer'],
  'case:intake:write': ['manager', 'exit_worker', 'security_officer'],
  'case:transition': ['manager', 'exit_worker', 'security_officer'],
  'case:identity:write': ['manager', 'exit_worker', 'security_officer'],
  'case:identity:reveal': ['manager', 'exit_worker', 'security_officer'],
  'case:break-glass': ['exit_worker', 'security_officer'],
  'case:break-glass:review': ['manager'],
  'case:duplicates:review': ['manager'],
  'notifications:read': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'case:list': ['manager', 'exit_worker', 'security_officer'],
  'case:read': ['manager', 'exit_worker', 'security_officer'],
  'case:team:set': ['manager'],
  'case:note:write': ['manager', 'exit_worker', 'security_officer'],
  'case:access-log:read': ['manager'],
  'staff:list': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'staff:create': ['manager', 'administrator'],
  'staff:disable': ['manager', 'administrator'],
  'staff:reset-sign-in': ['manager'],
  'staff:protected:write': ['manager', 'security_officer', 'exit_worker', 'spokesperson', 'finance', 'administrator'],
  'staff:protected:reveal': ['manager', 'security_officer', 'exit_worker', 'spokesperson', 'finance', 'administrator'],
  // Staff safety concerns everyone: all staff have whereabouts, a buddy and the panic button.
  'safety:board': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'safety:visit': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'safety:alerts': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'safety:escalation:write': ['manager'],
  'safety:deliveries:read': ['manager'],
  // Everyone has a care record of their own; managers keep check-up dates and see what is due.
  'care:read': ['manager', 'exit_worker', 'security_officer', 'spokesperson', 'finance', 'administrator'],
  'care:checkups': ['manager'],
  'care:due': ['manager'],
  // Threat, risk and protection (C3): object-level rules in modules/risk/policy.ts and modules/protection/policy.ts.
  'risk:instruments:read': ['manager', 'exit_worker', 'security_officer'],
  'risk:instruments:import': ['manager'],
  'risk:assess': ['manager', 'exit_worker', 'security_officer'],
  'protection:read': ['manager', 'exit_worker', 'security_officer'],
  'protection:write': ['manager', 'exit_worker', 'security_officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function roleMay(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

export function actorMay(actor: Actor, permission: Permission): boolean {
  return roleMay(actor.role, permission);
}

/** Roles whose people can be put on a case team (and so ever see case content). */
export const caseWorkingRoles: readonly Role[] = ['manager', 'exit_worker', 'security_officer'];

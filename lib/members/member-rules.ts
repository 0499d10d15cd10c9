import { assignableRoles, can, roleAtLeast, type Role } from "@/lib/authz/permissions";

// Who may manage whom, in one place: the domain functions enforce these rules and the
// members page asks them what controls to show. Pure, so both sides agree.

export interface ManagedMember {
  membershipId: string;
  role: Role;
  /** The owner of a personal workspace keeps it: never demoted, removed or replaced. */
  isPersonalOwner: boolean;
}

export const LAST_OWNER_MESSAGE = "A workspace needs at least one owner. Make someone else owner first.";

/** True when a member with `actorRole` may change `target`'s role at all (an admin never touches an owner). */
export function canChangeRoleOf(actorRole: Role, target: ManagedMember): boolean {
  return can(actorRole, "member.changeRole") && roleAtLeast(actorRole, target.role) && !target.isPersonalOwner;
}

/** True when a member with `actorRole` may remove `target` (someone else; use leave for oneself). */
export function canRemove(actorRole: Role, actorMembershipId: string, target: ManagedMember): boolean {
  return (
    can(actorRole, "member.remove") &&
    roleAtLeast(actorRole, target.role) &&
    !target.isPersonalOwner &&
    target.membershipId !== actorMembershipId
  );
}

/** The roles `actorRole` may hand out: never above their own. */
export function roleOptions(actorRole: Role): Role[] {
  return [...assignableRoles(actorRole)].reverse();
}

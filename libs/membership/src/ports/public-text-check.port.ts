/**
 * Checks a text the police publish to citizens (a group name is announced to everyone who joins) against the
 * content rules. The broadcast context owns the rules and binds this token (BroadcastModule); membership only asks,
 * so it never imports broadcast.
 */
export interface PublicTextCheck {
  /** The reason the text breaks a rule (Hindi beside English), or null. */
  violation(text: string): Promise<string | null>;
}

export const PUBLIC_TEXT_CHECK = Symbol('PUBLIC_TEXT_CHECK');

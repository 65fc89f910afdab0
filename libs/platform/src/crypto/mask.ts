/**
 * What an officer may see of a citizen's address: the last two digits of a phone number ("••••••••10"), enough to
 * tell two members of one group apart by ear, never enough to call one or to find them in another list; nothing at
 * all of a Telegram chat id, whose digits say nothing useful and can be searched.
 */
export function maskContact(channel: string, address: string): string {
  if (channel === 'telegram') return '•••';
  const digits = address.replace(/\D/g, '');
  if (digits.length < 6) return '•••';
  return `${'•'.repeat(8)}${digits.slice(-2)}`;
}

/** A mask stored by an earlier release ("+91 98•••••210"), cut down to what maskContact shows; idempotent. */
export function narrowMask(channel: string, storedMask: string): string {
  const digits = storedMask.replace(/\D/g, '');
  if (channel === 'telegram' || digits.length < 2) return '•••';
  return `${'•'.repeat(8)}${digits.slice(-2)}`;
}

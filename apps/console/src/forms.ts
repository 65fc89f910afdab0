/** A text field of a submitted form ('' when absent; files are never text fields here). */
export function field(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

import { DataKeys } from '@jansetu/platform';

/**
 * Reads a sealed value as the gateway would: under the sender's data key ("dk:…"), or under the master key for
 * older values. Tests assert on what a citizen's address or words are, whatever they are sealed with.
 */
export type Unseal = (sealed: string) => Promise<string>;

export function unsealer(app: { get(token: typeof DataKeys): DataKeys }): Unseal {
  const keys = app.get(DataKeys);
  return (sealed) => keys.open(sealed);
}

import { EntityManager } from 'typeorm';
import { DataKeys, ShreddedError } from '@jansetu/platform';

/** The newest report text still readable (an erased sender's texts are shredded), cut to a screenful. */
export async function openNewest(
  keys: DataKeys,
  sealed: string[],
  max = 500,
  /** Inside a transaction, its manager: embedded mode has one connection, another would wait for ever. */
  m?: EntityManager,
): Promise<string | null> {
  for (const s of sealed) {
    try {
      return (await keys.open(s, m)).slice(0, max);
    } catch (error) {
      if (!(error instanceof ShreddedError)) throw error;
    }
  }
  return null;
}

import { Injectable } from '@nestjs/common';
import { DataKeys, ShreddedError } from '@jansetu/platform';
import { DataSource, EntityManager } from 'typeorm';
import { LabelledMessage, MessageClass } from '../domain/classifier';
import { FrozenScore } from '../domain/retrain-gate';

/** A correction an officer labelled, as training data: its id and the case's text opened. */
export interface LearnedCorrection {
  id: string;
  message: LabelledMessage;
}

/** The classifier's versions: the corrections each accepted model learned from (`classifier_version`). */
@Injectable()
export class ClassifierVersionRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: DataKeys,
  ) {}

  /**
   * The officers' labelled corrections (the latest one per case), their texts opened from the cases, or only those
   * among `ids`. A citizen who erased themselves took the key: their text is gone, and so is the correction.
   */
  async corrections(ids?: string[]): Promise<LearnedCorrection[]> {
    const rows = await this.dataSource.query<{ id: string; label: MessageClass; text: string }[]>(
      `SELECT DISTINCT ON (k.case_id) k.id, k.corrected_label AS label, c.text
         FROM inbox_correction k JOIN inbox_case c ON c.id = k.case_id
        WHERE k.corrected_label IS NOT NULL AND ($1::uuid[] IS NULL OR k.id = ANY($1::uuid[]))
        ORDER BY k.case_id, k.created_at DESC`,
      [ids ?? null],
    );
    const opened = await Promise.all(
      rows.map(async (r) => {
        try {
          return { id: r.id, message: { text: await this.keys.open(r.text), label: r.label } };
        } catch (e) {
          if (e instanceof ShreddedError) return null;
          throw e;
        }
      }),
    );
    return opened.filter((c): c is LearnedCorrection => c !== null);
  }

  /** The corrections the running model learned from: those of the latest accepted version (none at first). */
  async runningCorrections(): Promise<LearnedCorrection[]> {
    const [latest] = await this.dataSource.query<{ corrections: string[] }[]>(
      `SELECT corrections FROM classifier_version ORDER BY id DESC LIMIT 1`,
    );
    return latest ? this.corrections(latest.corrections) : [];
  }

  async record(m: EntityManager, corrections: string[], score: FrozenScore, replaced: FrozenScore): Promise<number> {
    const [{ id }] = await m.query<{ id: number }[]>(
      `INSERT INTO classifier_version (corrections, score, replaced_score) VALUES ($1::uuid[], $2, $3) RETURNING id`,
      [corrections, JSON.stringify(score), JSON.stringify(replaced)],
    );
    return id;
  }
}

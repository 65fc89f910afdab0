/**
 * The broadcast list and queue rows (GET /api/v1/broadcasts answers one of two pages, not described in the OpenAPI
 * document as a single type), and the view of one broadcast (GET :id and its stream).
 */
export interface BroadcastBody {
  hi: string;
  [language: string]: string | undefined;
}

export interface QueueRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  reviewDueAt: string | null;
  reviewPath: string | null;
  reviewEscalations: number;
  reviewVerdict: string | null;
}

export interface ListRow {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  scheduledAt: string | null;
  path: string | null;
  authorId: string;
  body: BroadcastBody;
  needsApproval: boolean;
  byStatus: Record<string, number>;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
}

export interface BroadcastView {
  id: string;
  category: string;
  status: string;
  recipients: number;
  createdAt: string;
  verificationCode: string | null;
  byStatus: Record<string, number>;
  byChannel: Record<string, number>;
  byReason: Record<string, number>;
  review?: { dueAt: string; verdict: string | null; note: string | null };
}

/** The last part of a materialised path, e.g. '/BR/TIR/SAM/SAM-S/SAM-MUF' → 'SAM-MUF' ('HQ' for the state). */
export const placeOf = (path: string | null) => (path ? (path.split('/').filter(Boolean).pop() ?? path) : 'HQ');

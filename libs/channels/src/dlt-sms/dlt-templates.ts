import { z } from 'zod';

/** TRAI DLT: a variable of a registered content template stands for at most 30 characters. */
export const DLT_VARIABLE = '{#var#}';
export const DLT_VARIABLE_MAX = 30;

/** What a registered template is for: one automatic text (by catalogue key), an officer's reply, or broadcasts. */
export type DltTemplateKind = 'automatic' | 'officer-reply' | 'broadcast';

/** A content template as registered on the DLT platform: its id and its text with `{#var#}` placeholders. */
export interface DltTemplate {
  id: string;
  text: string;
  language: string;
  kind: DltTemplateKind;
  /** For automatic texts: the catalogue key it was registered for ('membership.joined'), for the operator. */
  key?: string;
}

/** The operator's file (DLT_TEMPLATES_FILE): the templates as the DLT portal approved them. */
export const dltTemplateFile = z.object({
  templates: z
    .array(
      z.object({
        id: z.string().regex(/^[0-9]{10,25}$/, 'must be a numeric DLT content template id'),
        text: z.string().min(1),
        language: z.string().min(2),
        kind: z.enum(['automatic', 'officer-reply', 'broadcast']),
        key: z.string().optional(),
      }),
    )
    .refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'template ids must be unique'),
});

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;
const escape = (literal: string) => literal.replace(REGEX_SPECIAL, '\\$&');

/** The literal pieces around the variables: n variables give n + 1 pieces. */
function literals(template: string): string[] {
  return template.split(DLT_VARIABLE);
}

const strictCache = new Map<string, RegExp>();

/**
 * The literal pieces, escaped, joined by one group per run of adjacent variables: k adjacent variables of 0–30 each
 * hold exactly 0–30k characters, and one group for the run keeps the regex linear where k groups would backtrack
 * through 31^k ways of splitting a text that does not match.
 */
function joinPieces(pieces: string[], group: (maxLength: number) => string): string {
  let pattern = escape(pieces[0]);
  let run = 0;
  for (let i = 1; i < pieces.length; i++) {
    run++;
    if (i < pieces.length - 1 && pieces[i] === '') continue;
    pattern += group(run * DLT_VARIABLE_MAX) + escape(pieces[i]);
    run = 0;
  }
  return pattern;
}

/** The platform's scrubbing rule as a regular expression: literal text exactly, each variable 0–30 characters. */
function strictPattern(template: string): RegExp {
  let pattern = strictCache.get(template);
  if (!pattern) {
    // 'u': the 30 are counted in characters (code points), as the portal counts them, not in UTF-16 units.
    pattern = new RegExp(`^${joinPieces(literals(template), (max) => `[\\s\\S]{0,${max}}`)}$`, 'u');
    strictCache.set(template, pattern);
  }
  return pattern;
}

/** Whether DLT scrubbing lets `text` through under `template` (its registered text). Pure. */
export function matchesDltTemplate(template: string, text: string): boolean {
  return strictPattern(template).test(text);
}

/** The number of characters of literal text: the more, the more specific a template is. */
function literalLength(template: string): number {
  return literals(template).join('').length;
}

/** A send as DLT will take it: the text and the id of the registered template it matches. */
export interface DltPart {
  templateId: string;
  text: string;
}

export type DltPlan = { ok: true; parts: DltPart[] } | { ok: false; reason: string };

export const NO_TEMPLATE_REASON = 'SMS: matches no registered DLT template';

/**
 * The registered templates of a deployment, and the choice of one for a text. A text goes under the most specific
 * template it matches (a catch-all broadcast template never wins over the text's own); an officer's reply that is
 * longer than its template's free text allows is split into numbered parts, each of which matches on its own.
 */
export class DltTemplateCatalogue {
  private templates: DltTemplate[] = [];

  constructor(templates: readonly DltTemplate[] = []) {
    this.replace(templates);
  }

  replace(templates: readonly DltTemplate[]): void {
    this.templates = [...templates].sort((a, b) => literalLength(b.text) - literalLength(a.text));
  }

  get size(): number {
    return this.templates.length;
  }

  all(): readonly DltTemplate[] {
    return this.templates;
  }

  byId(id: string): DltTemplate | undefined {
    return this.templates.find((t) => t.id === id);
  }

  /** The most specific registered template the text matches. */
  match(text: string): DltTemplate | undefined {
    return this.templates.find((t) => matchesDltTemplate(t.text, text));
  }

  /**
   * How `text` goes out: under `requestedId` when given (it must match that template), else under the template it
   * matches, else, for an officer's reply in a reply template's frame, as several parts; or refused, with the reason.
   */
  plan(text: string, requestedId?: string): DltPlan {
    if (requestedId) {
      const requested = this.byId(requestedId);
      if (!requested) return { ok: false, reason: `SMS: DLT template ${requestedId} is not registered` };
      if (!matchesDltTemplate(requested.text, text))
        return { ok: false, reason: `SMS: text does not match DLT template ${requestedId}` };
      return { ok: true, parts: [{ templateId: requested.id, text }] };
    }
    const whole = this.match(text);
    if (whole) return { ok: true, parts: [{ templateId: whole.id, text }] };
    for (const template of this.templates.filter((t) => t.kind === 'officer-reply')) {
      const parts = splitIntoTemplate(template.text, text);
      if (parts) return { ok: true, parts: parts.map((p) => ({ templateId: template.id, text: p })) };
    }
    return { ok: false, reason: NO_TEMPLATE_REASON };
  }
}

/**
 * An officer's reply in the frame of a reply template whose text ends in a run of variables (the free text), too
 * long for that run: the free text cut at spaces into numbered parts ("1/3 …") that each fit, in the same frame.
 * Undefined when the text is not in this template's frame (its literal text and fixed variables).
 */
export function splitIntoTemplate(template: string, text: string): string[] | undefined {
  const pieces = literals(template);
  const variables = pieces.length - 1;
  if (variables === 0) return undefined;
  // The free text: the last run of adjacent variables (no literal text between them).
  let run = 1;
  while (run < variables && pieces[variables - run] === '') run++;
  const fixed = variables - run;
  const head = joinPieces(pieces.slice(0, fixed + 1), (max) => `[\\s\\S]{0,${max}}?`);
  const loose = new RegExp(`^(${head})([\\s\\S]*)${escape(pieces[variables])}$`, 'u');
  const found = loose.exec(text);
  if (!found) return undefined;
  const prefix = found[1];
  const suffix = pieces[variables];
  const free = found[2].trim();
  const capacity = run * DLT_VARIABLE_MAX;
  const chunks = chunkWords(free, capacity - 6); // room for "nn/nn "
  if (chunks.length > 99) return undefined;
  const parts = chunks.map((c, i) => `${prefix}${i + 1}/${chunks.length} ${c}${suffix}`);
  return parts.every((p) => matchesDltTemplate(template, p)) ? parts : undefined;
}

/** Words joined into chunks of at most `size` characters; a longer word is cut. */
function chunkWords(text: string, size: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/u).filter(Boolean)) {
    let rest = [...word];
    while (rest.length) {
      const room = current ? size - [...current].length - 1 : size;
      if (rest.length <= room) {
        current = current ? `${current} ${rest.join('')}` : rest.join('');
        rest = [];
      } else if (current) {
        chunks.push(current);
        current = '';
      } else {
        chunks.push(rest.slice(0, size).join(''));
        rest = rest.slice(size);
      }
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

import { z } from 'zod';

export class ConfigError extends Error {}

/** The environment as settings see it: a variable set to the empty string counts as unset. */
export type SettingsEnv = Readonly<Record<string, string>>;

export function cleanEnvironment(env: Readonly<Record<string, string | undefined>>): SettingsEnv {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

/**
 * Validates one group of settings (the central ones, or one provider's own) against the environment. A missing or
 * invalid setting throws one line naming it, the form start-up prints before it stops.
 */
export function parseSettings<S extends z.ZodType>(schema: S, env: SettingsEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid setting ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export const optionalUrl = z.string().url().optional();

export const booleanSetting = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v))
  .optional();

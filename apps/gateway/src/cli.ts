import 'reflect-metadata';
import { DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditModule, CreateAuditCheckpointCommand, publicKeyPem } from '@jansetu/audit';
import { BroadcastModule } from '@jansetu/broadcast';
import {
  ChannelsModule,
  checkProviders,
  ProviderCheck,
  registerTelegramWebhook,
  syncWhatsAppTemplates,
  TelegramWebhookRegistrationError,
} from '@jansetu/channels';
import { CreateOfficerCommand, IdentityModule, Role, Roles } from '@jansetu/identity';
import { ImportJurisdictionsCommand, JurisdictionModule, parseJurisdictionCsv } from '@jansetu/jurisdiction';
import {
  ClassifierRetrained,
  FrozenScore,
  InboxModule,
  LabelledMessage,
  RetrainClassifierCommand,
} from '@jansetu/inbox';
import { MembershipModule, ReencryptContactsCommand } from '@jansetu/membership';
import {
  AppConfig,
  ConfigError,
  DeadLetters,
  EmbeddedPostgres,
  ensureEmbeddedSecrets,
  loadConfig,
  MESSAGE_BUS,
  MessageBus,
  parseEd25519PrivateKey,
  PlatformModule,
} from '@jansetu/platform';
import { DataSource } from 'typeorm';

const USAGE = `JanSetu operator commands (same settings as the gateway: DATABASE_URL, DATA_DIR, ...)

  npm run cli -- create-officer --username U --role ROLE [--jurisdiction CODE] --name "Display name"
      the password is read from standard input (or JANSETU_OFFICER_PASSWORD), never from the command line
      roles: ${Roles.join(', ')}
  npm run cli -- import-jurisdictions FILE.csv|FILE.json
      CSV header: code,parent_code,level,name_en,name_hi; JSON: [{code, parentCode, level, nameEn, nameHi}]
  npm run cli -- reencrypt-contacts
      re-seals every stored address with ENCRYPTION_KEY_ID (old keys in ENCRYPTION_OLD_KEYS), in batches
  npm run cli -- audit:checkpoint
      signs every audit chain head now (AUDIT_SIGNING_KEY), into the store, the topic and AUDIT_CHECKPOINT_DIR
  npm run cli -- audit:public-key
      prints the public key that verifies the checkpoints (publish it; auditors verify with it)
  npm run cli -- providers:check
      per channel and provider: which selector picks it, whether it is on, which required settings are set and
      which are missing (names only, never values); calls no provider
  npm run cli -- telegram:set-webhook
      registers PUBLIC_BASE_URL/webhooks/telegram with Telegram's setWebhook, TELEGRAM_WEBHOOK_SECRET as its
      secret_token, and reads getWebhookInfo back (needs TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET, PUBLIC_BASE_URL)
  npm run cli -- whatsapp:sync-templates
      reads the business account's message templates from Meta (WHATSAPP_BUSINESS_ACCOUNT_ID, WHATSAPP_ACCESS_TOKEN)
      and stores their approval per language; the status webhook keeps them current afterwards
  npm run cli -- dead-letters:list [--all]
      bus messages a consumer gave up on (parked after DEAD_LETTER_AFTER_ATTEMPTS over DEAD_LETTER_AFTER_MS), with
      the consumer, the type and the last error; --all includes those already replayed
  npm run cli -- classifier:retrain [--accept] [--frozen FILE]
      trains a candidate inbox classifier on the labelled set and the officers' labelled corrections, scores it
      and the running one on the frozen evaluation set (default libs/inbox/eval/frozen-v1.json; aggregates only),
      and with --accept records it for the next start of gateways and dispatchers, only if it is no worse on
      emergency recall, tips and complaints filtered, noise reaching officers and accuracy (else exit 1)
  npm run cli -- dead-letters:replay MESSAGE_ID... | --all
      re-publishes parked messages to their topic with their own id (consumers that handled them skip them) and marks
      them replayed; fix the cause first, or they are parked again`;

@Module({})
class CliModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: CliModule,
      // Broadcast binds membership's ports (replies, the public-text check); channels are what broadcast needs.
      imports: [
        PlatformModule.forRoot(config, url),
        ChannelsModule.forRoot(config),
        AuditModule,
        IdentityModule,
        JurisdictionModule,
        MembershipModule,
        BroadcastModule,
        InboxModule,
      ],
    };
  }
}

/** What the dead-letter commands need: the database and the bus. */
@Module({})
class BusCliModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return { module: BusCliModule, imports: [PlatformModule.forRoot(config, url)] };
  }
}

/** What the audit commands need, and nothing that could keep them from starting. */
@Module({})
class AuditCliModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return { module: AuditCliModule, imports: [PlatformModule.forRoot(config, url), AuditModule] };
  }
}

async function readPassword(): Promise<string> {
  if (process.env.JANSETU_OFFICER_PASSWORD) return process.env.JANSETU_OFFICER_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('password: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split('\n')[0];
}

/** providers:check, one block per channel and provider; the selected provider of each channel first. */
function formatProviderChecks(checks: ProviderCheck[]): string {
  const list = (names: string[]) => (names.length ? names.join(', ') : '—');
  return checks
    .map((c) =>
      [
        `${c.channel} / ${c.provider}: ${c.on ? 'ON' : 'off'} — ${c.selection}`,
        `    set:      ${list(c.set)}`,
        `    missing:  ${list(c.missing)}`,
        ...(c.optionalSet.length ? [`    optional: ${list(c.optionalSet)}`] : []),
      ].join('\n'),
    )
    .join('\n');
}

/** classifier:retrain: the two models' scores on the frozen set side by side, and the verdict. */
function formatRetrain(r: ClassifierRetrained): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(8);
  const rows: [string, keyof FrozenScore][] = [
    ['emergency recall (flagged urgent)', 'emergencyRecall'],
    ['tips and complaints filtered', 'wantedFiltered'],
    ['noise reaching officers', 'noiseInMain'],
    ['accuracy', 'accuracy'],
  ];
  return [
    `corrections: ${r.corrections} labelled by officers, ${r.newCorrections} not yet learned; frozen set: ${r.running.messages} messages`,
    `${''.padEnd(34)} running candidate`,
    ...rows.map(([label, key]) => `${label.padEnd(34)} ${pct(r.running[key])} ${pct(r.candidate[key])}`),
    r.worse.length
      ? `kept the running model: the candidate is worse on ${r.worse.join(', ')}`
      : r.version !== null
        ? `accepted as version ${r.version}: restart the gateways and dispatchers to load it`
        : r.newCorrections
          ? 'no worse on any promise: run again with --accept to use it'
          : 'nothing new to learn',
  ].join('\n');
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig(
    ensureEmbeddedSecrets({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', RUN_WORKERS: 'false' }),
  );
  if (command === 'audit:public-key') {
    // Needs no database: the key is in the settings (embedded: DATA_DIR/audit-signing-key.pem).
    if (!config.AUDIT_SIGNING_KEY) {
      console.error('AUDIT_SIGNING_KEY is not set');
      return 1;
    }
    process.stdout.write(publicKeyPem(parseEd25519PrivateKey(config.AUDIT_SIGNING_KEY)));
    return 0;
  }
  if (command === 'providers:check') {
    // Settings only: it must answer on a host where the database or a provider is not reachable yet.
    console.log(formatProviderChecks(checkProviders(config)));
    return 0;
  }
  if (command === 'telegram:set-webhook') {
    try {
      const r = await registerTelegramWebhook(config);
      console.log(`telegram webhook: ${r.description}: ${r.url} (${r.pendingUpdateCount} updates pending)`);
      if (r.lastErrorMessage) console.log(`telegram's last delivery error: ${r.lastErrorMessage}`);
      return 0;
    } catch (e) {
      if (!(e instanceof TelegramWebhookRegistrationError)) throw e;
      console.error(`telegram:set-webhook: ${e.message}`);
      return 1;
    }
  }
  const embedded = config.mode === 'embedded' ? await EmbeddedPostgres.start(config.DATA_DIR) : undefined;
  const url = config.DATABASE_URL ?? embedded!.url;
  const app = await NestFactory.createApplicationContext(
    command.startsWith('audit:')
      ? AuditCliModule.forRoot(config, url)
      : command.startsWith('dead-letters:')
        ? BusCliModule.forRoot(config, url)
        : CliModule.forRoot(config, url),
    {
      logger: ['error', 'warn'],
    },
  );
  try {
    const commands = app.get(CommandBus);
    if (command === 'create-officer') {
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          role: { type: 'string' },
          jurisdiction: { type: 'string' },
          name: { type: 'string' },
        },
      });
      if (!values.username || !values.role || !Roles.includes(values.role as Role)) {
        console.error(USAGE);
        return 2;
      }
      const { id } = await commands.execute(
        new CreateOfficerCommand(
          values.username,
          await readPassword(),
          values.role as Role,
          values.jurisdiction ?? null,
          values.name ?? values.username,
        ),
      );
      console.log(`officer ${values.username} created (${id})`);
    } else if (command === 'import-jurisdictions' && rest[0]) {
      const text = readFileSync(rest[0], 'utf8');
      const rows = rest[0].endsWith('.json') ? (JSON.parse(text) as unknown[]) : parseJurisdictionCsv(text);
      const result = await commands.execute(new ImportJurisdictionsCommand(rows));
      console.log(`jurisdictions: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
    } else if (command === 'audit:checkpoint') {
      const r = await commands.execute(new CreateAuditCheckpointCommand(true));
      if (!r.created) {
        console.error('audit checkpoint: AUDIT_SIGNING_KEY is not set');
        return 1;
      }
      console.log(
        `audit checkpoint ${r.sequence}: ${r.chains} chains, ${r.events} events, root ${r.root}` +
          (r.file ? `, appended to ${r.file}` : ''),
      );
    } else if (command === 'whatsapp:sync-templates') {
      try {
        const templates = await syncWhatsAppTemplates(process.env, app.get(DataSource));
        const approved = templates.filter((t) => t.status === 'APPROVED').length;
        console.log(`whatsapp templates: ${templates.length} synced, ${approved} approved`);
      } catch (e) {
        console.error(`whatsapp:sync-templates: ${(e as Error).message}`);
        return 1;
      }
    } else if (command === 'dead-letters:list') {
      const parked = await app.get(DeadLetters).list(rest.includes('--all'));
      console.log(`dead letters: ${parked.length}${rest.includes('--all') ? '' : ' waiting'}`);
      for (const d of parked)
        console.log(
          `${d.messageId}  ${d.consumer} ← ${d.topic} ${d.type}  ${d.attempts} attempts since ` +
            `${d.firstFailedAt.toISOString()}, parked ${d.parkedAt.toISOString()}` +
            `${d.replayedAt ? `, replayed ${d.replayedAt.toISOString()}` : ''}\n    ${d.error}`,
        );
    } else if (command === 'dead-letters:replay' && rest.length) {
      const ids = await app
        .get(DeadLetters)
        .replay(app.get<MessageBus>(MESSAGE_BUS), rest.includes('--all') ? 'all' : rest);
      console.log(`dead letters: ${ids.length} replayed${ids.length ? `: ${ids.join(', ')}` : ''}`);
      if (!ids.length) return 1;
    } else if (command === 'classifier:retrain') {
      const { values } = parseArgs({
        args: rest,
        options: { accept: { type: 'boolean' }, frozen: { type: 'string' } },
      });
      const frozen = JSON.parse(
        readFileSync(values.frozen ?? 'libs/inbox/eval/frozen-v1.json', 'utf8'),
      ) as LabelledMessage[];
      const r = await commands.execute(new RetrainClassifierCommand(frozen, values.accept ?? false));
      console.log(formatRetrain(r));
      if (values.accept && r.version === null) return 1;
    } else if (command === 'reencrypt-contacts') {
      const result = await commands.execute(new ReencryptContactsCommand(config.ENCRYPTION_KEY_ID));
      console.log(
        `contacts: ${result.reencrypted} re-encrypted with ${config.ENCRYPTION_KEY_ID}, ${result.remaining} left`,
      );
    } else {
      console.error(USAGE);
      return 2;
    }
    return 0;
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e: Error) => {
    console.error(e instanceof ConfigError ? e.message : `error: ${e.message}`);
    process.exit(1);
  },
);

import { Logger } from '@nestjs/common';
import { Metrics, optionalUrl } from '@jansetu/platform';
import { Counter } from 'prom-client';
import { z } from 'zod';
import { defineProvider } from '../provider-descriptor';
import { DltSmsAdapter } from './dlt-sms.adapter';
import { DltSmsWebhook } from './dlt-sms.webhook';
import { DltTemplateRepository, readDltTemplateFile } from './dlt-template.repository';
import { DltTemplateCatalogue } from './dlt-templates';

/** An Indian DLT SMS gateway (an aggregator's or the government's HTTP API); see config/jansetu.env.example. */
export const dltSmsSettings = z.object({
  DLT_SMS_URL: optionalUrl,
  DLT_SMS_METHOD: z.enum(['GET', 'POST']).default('POST'),
  DLT_USERNAME: z.string().optional(),
  DLT_PASSWORD: z.string().optional(),
  DLT_PARAM_USERNAME: z.string().default('username'),
  DLT_PARAM_PASSWORD: z.string().default('password'),
  DLT_PARAM_SENDER: z.string().default('senderid'),
  DLT_PARAM_TO: z.string().default('mobileno'),
  DLT_PARAM_TEXT: z.string().default('content'),
  DLT_PARAM_ENTITY_ID: z.string().default('dlt_entity_id'),
  DLT_PARAM_TEMPLATE_ID: z.string().default('dlt_template_id'),
  DLT_PARAM_UNICODE: z.string().default('unicode'),
  DLT_SENDER: z
    .string()
    .regex(/^[A-Z]{6}$/, 'must be the 6-letter DLT header, e.g. BHRPOL')
    .optional(),
  DLT_ENTITY_ID: z
    .string()
    .regex(/^[0-9]{10,25}$/, 'must be the numeric DLT principal entity id')
    .optional(),
  DLT_DEFAULT_TEMPLATE_ID: z
    .string()
    .regex(/^[0-9]{10,25}$/, 'must be a numeric DLT content template id')
    .optional(),
  DLT_SUCCESS_PATTERN: z.string().default('^(?:OK|SUCCESS|402)\\b'),
  DLT_MESSAGE_ID_PATTERN: z.string().default('([A-Za-z0-9-]{6,})\\s*$'),
  DLT_INBOUND_SECRET: z.string().min(16).optional(),
  DLT_RATE: z.coerce.number().positive().default(50),
  /** The content templates registered on the DLT portal (JSON, see config/dlt-templates.example.json). */
  DLT_TEMPLATES_FILE: z.string().min(1).optional(),
});

export type DltSmsSettings = z.output<typeof dltSmsSettings>;

/** SMS through a TRAI-DLT-registered gateway, the default SMS provider. */
export const dltSmsProvider = defineProvider({
  provider: 'dlt',
  channels: ['sms'],
  defaultFor: ['sms'],
  settings: dltSmsSettings,
  webhooks: { 'dlt-sms': ['sms'] },
  requires: { sms: ['DLT_SMS_URL', 'DLT_SENDER', 'DLT_ENTITY_ID', 'DLT_DEFAULT_TEMPLATE_ID', 'DLT_INBOUND_SECRET'] },
  create: ({ settings, services }) => {
    // Read synchronously so a bad file stops start-up before any provider is built.
    const file = settings.DLT_TEMPLATES_FILE;
    const templates = new DltTemplateCatalogue(file ? readDltTemplateFile(file) : []);
    const refusals = services.metrics ? refusalCounter(services.metrics) : undefined;
    const adapter = new DltSmsAdapter(settings, {
      templates,
      onTemplateRefusal: (reason) => refusals?.inc({ reason: reason.includes('does not match') ? 'mismatch' : 'none' }),
    });
    return {
      adapters: [adapter],
      webhooks: [new DltSmsWebhook(settings)],
      start: async () => {
        const repository = new DltTemplateRepository(services.dataSource);
        // The file is the register when given; a process without it sends under what the last one stored.
        if (file) await repository.replaceAll(templates.all());
        else templates.replace(await repository.all());
        const logger = new Logger('Channels');
        if (templates.size) logger.log(`sms (dlt): ${templates.size} DLT content templates registered`);
        else
          logger.warn(
            'sms (dlt): no DLT content templates (set DLT_TEMPLATES_FILE): every SMS goes under ' +
              'DLT_DEFAULT_TEMPLATE_ID, and DLT scrubbing drops each one that does not match its text',
          );
      },
    };
  },
});

function refusalCounter(metrics: Metrics): Counter<'reason'> {
  const name = 'jansetu_dlt_template_refusals_total';
  return (
    (metrics.registry.getSingleMetric(name) as Counter<'reason'> | undefined) ??
    new Counter({
      name,
      help: 'SMS texts not sent because they match no registered DLT template (none) or not the one asked for (mismatch)',
      labelNames: ['reason'] as const,
      registers: [metrics.registry],
    })
  );
}

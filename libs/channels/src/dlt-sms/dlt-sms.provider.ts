import { optionalUrl } from '@jansetu/platform';
import { z } from 'zod';
import { defineProvider } from '../provider-descriptor';
import { DltSmsAdapter } from './dlt-sms.adapter';
import { DltSmsWebhook } from './dlt-sms.webhook';

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
  create: ({ settings }) => ({ adapters: [new DltSmsAdapter(settings)], webhooks: [new DltSmsWebhook(settings)] }),
});

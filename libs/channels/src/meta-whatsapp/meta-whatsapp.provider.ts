import { z } from 'zod';
import { defineProvider } from '../provider-descriptor';
import { MetaWhatsAppAdapter } from './meta-whatsapp.adapter';
import { MetaWhatsAppWebhook } from './meta-whatsapp.webhook';
import { WhatsAppTemplateCatalogue } from './whatsapp-templates';

export const metaWhatsAppSettings = z.object({
  WHATSAPP_ACCESS_TOKEN: z.string().min(10).optional(),
  WHATSAPP_PHONE_NUMBER_ID: z
    .string()
    .regex(/^[0-9]{5,20}$/, 'must be the numeric phone number id')
    .optional(),
  WHATSAPP_APP_SECRET: z.string().min(8).optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().min(8).optional(),
  WHATSAPP_GRAPH_API_BASE_URL: z.string().url().default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z
    .string()
    .regex(/^v[0-9]+\.[0-9]+$/, 'must look like v23.0')
    .default('v23.0'),
  WHATSAPP_RATE: z.coerce.number().positive().default(80),
  /** The WhatsApp business account (WABA) id: `npm run cli -- whatsapp:sync-templates` reads its templates. */
  WHATSAPP_BUSINESS_ACCOUNT_ID: z
    .string()
    .regex(/^[0-9]{5,20}$/, 'must be the numeric WhatsApp business account id')
    .optional(),
  /**
   * More numbers of the same business account, one per district or zone, each paced at its own rate:
   * {"patna":{"phoneNumberId":"1065...","rate":80},...}. CHANNEL_ROUTES sends a jurisdiction's citizens through one.
   */
  WHATSAPP_NUMBERS: z
    .string()
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON: {"<name>":{"phoneNumberId":"…","rate":80}}' });
        return z.NEVER;
      }
    })
    .pipe(
      z.record(
        z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'number names are lower-case words, e.g. patna'),
        z.strictObject({
          phoneNumberId: z.string().regex(/^[0-9]{5,20}$/, 'must be the numeric phone number id'),
          rate: z.number().positive().optional(),
        }),
      ),
    )
    .optional(),
});

export type MetaWhatsAppSettings = z.output<typeof metaWhatsAppSettings>;

/** WhatsApp through Meta's Cloud API, the default WhatsApp provider. */
export const metaWhatsAppProvider = defineProvider({
  provider: 'meta',
  channels: ['whatsapp'],
  defaultFor: ['whatsapp'],
  settings: metaWhatsAppSettings,
  webhooks: { 'meta-whatsapp': ['whatsapp'] },
  requires: {
    whatsapp: ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID', 'WHATSAPP_APP_SECRET', 'WHATSAPP_VERIFY_TOKEN'],
  },
  lines: (settings) => Object.keys(settings.WHATSAPP_NUMBERS ?? {}),
  create: ({ settings, services }) => {
    const catalogue = new WhatsAppTemplateCatalogue(services.dataSource);
    return {
      adapters: [
        new MetaWhatsAppAdapter(settings, undefined, undefined, catalogue),
        ...Object.entries(settings.WHATSAPP_NUMBERS ?? {}).map(
          ([line, n]) =>
            new MetaWhatsAppAdapter(
              {
                ...settings,
                WHATSAPP_PHONE_NUMBER_ID: n.phoneNumberId,
                WHATSAPP_RATE: n.rate ?? settings.WHATSAPP_RATE,
              },
              undefined,
              line,
              catalogue,
            ),
        ),
      ],
      webhooks: [new MetaWhatsAppWebhook(settings, catalogue)],
    };
  },
});

import { optionalUrl } from '@jansetu/platform';
import { z } from 'zod';
import { ChannelWebhook } from '../channel-adapter.port';
import { defineProvider } from '../provider-descriptor';
import { TwilioAdapter, TwilioChannel } from './twilio.adapter';
import { TwilioWebhook } from './twilio.webhook';

export const twilioSettings = z.object({
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_API_BASE_URL: optionalUrl,
  /** The Content API (template approvals), https://content.twilio.com unless set (else TWILIO_API_BASE_URL's). */
  TWILIO_CONTENT_API_BASE_URL: optionalUrl,
  TWILIO_SMS_FROM: z
    .string()
    .regex(/^(\+[0-9]{6,15}|MG[0-9a-fA-F]{32})$/, 'must be a +E.164 number or an MG messaging service SID')
    .optional(),
  TWILIO_WHATSAPP_FROM: z
    .string()
    .regex(/^\+[0-9]{6,15}$/, 'must be a +E.164 number')
    .optional(),
  /**
   * WhatsApp templates outside the 24-hour window: the Content SID (HX…) Twilio's Content API gave each approved
   * template, keyed "<template name>:<language>", as JSON: {"jansetu_alert:hi":"HX…"}. Twilio sends a template only by
   * its Content SID; a body alone outside the window is refused (63016).
   */
  TWILIO_CONTENT_SIDS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return {};
      try {
        return z
          .record(
            z.string().regex(/^[^:]+:[A-Za-z_]+$/, 'keys must be "<template name>:<language>"'),
            z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'values must be HX followed by 32 hex digits'),
          )
          .parse(JSON.parse(text));
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a JSON object of "<template name>:<language>" to Content SID (${e instanceof z.ZodError ? e.issues[0]?.message : 'not JSON'})`,
        });
        return z.NEVER;
      }
    }),
  TWILIO_SMS_RATE: z.coerce.number().positive().default(10),
  TWILIO_WHATSAPP_RATE: z.coerce.number().positive().default(80),
});

export type TwilioSettings = z.output<typeof twilioSettings>;

const ACCOUNT = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'PUBLIC_BASE_URL'] as const;

/** SMS and WhatsApp through Twilio; one status-callback webhook serves both. */
export const twilioProvider = defineProvider({
  provider: 'twilio',
  channels: ['sms', 'whatsapp'],
  settings: twilioSettings,
  webhooks: { 'twilio-sms': ['sms'], 'twilio-whatsapp': ['whatsapp'], 'twilio-status': ['sms', 'whatsapp'] },
  requires: { sms: [...ACCOUNT, 'TWILIO_SMS_FROM'], whatsapp: [...ACCOUNT, 'TWILIO_WHATSAPP_FROM'] },
  address: (settings, channel) => (channel === 'whatsapp' ? settings.TWILIO_WHATSAPP_FROM : undefined),
  create({ settings, channels, publicBaseUrl }) {
    const twilioChannels = channels.filter((c): c is TwilioChannel => c === 'sms' || c === 'whatsapp');
    const webhooks: ChannelWebhook[] = twilioChannels.map((c) => new TwilioWebhook(settings, `twilio-${c}`));
    if (twilioChannels.length) webhooks.push(new TwilioWebhook(settings, 'twilio-status'));
    return { adapters: twilioChannels.map((c) => new TwilioAdapter(settings, c, publicBaseUrl)), webhooks };
  },
});

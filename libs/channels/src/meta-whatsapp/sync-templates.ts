import { DataSource } from 'typeorm';
import { metaWhatsAppSettings } from './meta-whatsapp.provider';
import { fetchTemplateCatalogue, WhatsAppTemplateCatalogue, WhatsAppTemplateStatus } from './whatsapp-templates';

/**
 * `whatsapp:sync-templates`: reads the business account's templates from Meta and stores them, so previews can say
 * which template is not approved in which language. Throws naming the setting that is missing.
 */
export async function syncWhatsAppTemplates(
  env: Record<string, string | undefined>,
  dataSource: DataSource,
): Promise<WhatsAppTemplateStatus[]> {
  const settings = metaWhatsAppSettings.parse(env);
  const missing = (['WHATSAPP_BUSINESS_ACCOUNT_ID', 'WHATSAPP_ACCESS_TOKEN'] as const).filter((k) => !settings[k]);
  if (missing.length) throw new Error(`set ${missing.join(' and ')}`);
  const templates = await fetchTemplateCatalogue({
    baseUrl: settings.WHATSAPP_GRAPH_API_BASE_URL,
    version: settings.WHATSAPP_API_VERSION,
    businessAccountId: settings.WHATSAPP_BUSINESS_ACCOUNT_ID!,
    accessToken: settings.WHATSAPP_ACCESS_TOKEN!,
  });
  await new WhatsAppTemplateCatalogue(dataSource).record(templates);
  return templates;
}

import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { publishedAddresses } from '@jansetu/channels';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { assertGroupId, groupInReach } from '../../domain/group-ref';
import { toString as qrSvg } from 'qrcode';
import { JoinChannels, joinLinks, JoinMaterial, joinMaterial, JoinQrCode } from '../../domain/join-material';
import { GroupRepository } from '../../persistence/group.repository';
import { GetJoinMaterialQuery } from './get-join-material.query';

/** Where citizens write to, from the settings; Twilio's WhatsApp sender stands in when no display number is set. */
export function joinChannels(config: AppConfig): JoinChannels {
  const published = publishedAddresses(config);
  return {
    smsNumber: config.SMS_DISPLAY_NUMBER,
    whatsappNumber: config.WHATSAPP_DISPLAY_NUMBER ?? published.whatsapp,
    telegramBot: published.telegram,
  };
}

@QueryHandler(GetJoinMaterialQuery)
export class GetJoinMaterialHandler implements IQueryHandler<GetJoinMaterialQuery> {
  constructor(
    private readonly groups: GroupRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(q: GetJoinMaterialQuery): Promise<JoinMaterial & { qrCodes: JoinQrCode[] }> {
    assertGroupId(q.groupId);
    const group = groupInReach(q.officer, q.groupId, await this.groups.find(q.groupId));
    const material = joinMaterial(group, joinChannels(this.config));
    const qrCodes = await Promise.all(
      joinLinks(material).map(async (c) => ({
        ...c,
        svg: await qrSvg(c.link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      })),
    );
    return { ...material, qrCodes };
  }
}

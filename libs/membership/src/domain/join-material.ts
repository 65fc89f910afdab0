import { GroupRef } from './group-ref';

/** Where citizens write to: from the settings SMS_DISPLAY_NUMBER, WHATSAPP_DISPLAY_NUMBER, TELEGRAM_BOT_USERNAME. */
export interface JoinChannels {
  smsNumber?: string;
  whatsappNumber?: string;
  telegramBot?: string;
}

/** Everything a station needs to invite citizens to a group, on every channel. */
export interface JoinMaterial {
  groupId: string;
  groupName: string;
  status: string;
  joinCode: string;
  jurisdiction: { code: string; level: string; nameEn: string; nameHi: string };
  sms: {
    /** What to type: JOIN <code> (जुड़ें <code> works as well). */
    text: string;
    textHi: string;
    /** The SMS number or short code; null when not configured (the instructions then name the station's number). */
    number: string | null;
    instructions: { hi: string; en: string };
  };
  /** t.me deep link: opening it and pressing Start sends "/start <code>" to the bot. */
  telegramLink: string | null;
  /** wa.me click-to-chat link with "JOIN <code>" filled in. */
  whatsappLink: string | null;
  posterPath: string;
}

/** A QR code for a join link, as SVG text (the console shows it; the poster prints the same links). */
export interface JoinQrCode {
  channel: 'whatsapp' | 'telegram';
  link: string;
  svg: string;
}

/** The links a phone camera can open: WhatsApp and Telegram, those configured. */
export function joinLinks(material: JoinMaterial): { channel: JoinQrCode['channel']; link: string }[] {
  return [
    material.whatsappLink && { channel: 'whatsapp' as const, link: material.whatsappLink },
    material.telegramLink && { channel: 'telegram' as const, link: material.telegramLink },
  ].filter((c): c is { channel: JoinQrCode['channel']; link: string } => !!c);
}

export function joinMaterial(group: GroupRef, channels: JoinChannels): JoinMaterial {
  const code = group.joinCode;
  const text = `JOIN ${code}`;
  const smsNumber = channels.smsNumber ?? null;
  const whatsappDigits = channels.whatsappNumber?.replace(/\D/g, '');
  return {
    groupId: group.id,
    groupName: group.name,
    status: group.status,
    joinCode: code,
    jurisdiction: group.jurisdiction,
    sms: {
      text,
      textHi: `जुड़ें ${code}`,
      number: smsNumber,
      instructions: {
        hi: `SMS में ${text} लिखकर ${smsNumber ?? 'अपने थाने के SMS नंबर'} पर भेजें।`,
        en: `Send ${text} by SMS to ${smsNumber ?? "your station's SMS number"}.`,
      },
    },
    telegramLink: channels.telegramBot ? `https://t.me/${channels.telegramBot}?start=${code}` : null,
    whatsappLink: whatsappDigits ? `https://wa.me/${whatsappDigits}?text=${encodeURIComponent(text)}` : null,
    posterPath: `/api/v1/groups/${group.id}/poster.pdf`,
  };
}

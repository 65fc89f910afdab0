import { Foundation1764300000000 } from './1764300000000-foundation.migration';
import { Channels1764400000000 } from './1764400000000-channels.migration';
import { Audit1764500000000 } from './1764500000000-audit.migration';
import { Membership1764600000000 } from './1764600000000-membership.migration';
import { Broadcast1764700000000 } from './1764700000000-broadcast.migration';
import { Inbox1764800000000 } from './1764800000000-inbox.migration';
import { Receipts1764900000000 } from './1764900000000-receipts.migration';
import { DispatchAtScale1765000000000 } from './1765000000000-dispatch-at-scale.migration';
import { OfficerSessions1765100000000 } from './1765100000000-officer-sessions.migration';
import { OfficerTotp1765100000100 } from './1765100000100-officer-totp.migration';
import { ApprovalsThatHold1765200000000 } from './1765200000000-approvals-that-hold.migration';
import { CitizenKeys1765400000000 } from './1765400000000-citizen-keys.migration';
import { InboxSecrecy1765500000000 } from './1765500000000-inbox-secrecy.migration';
import { AuditCheckpoints1765600000000 } from './1765600000000-audit-checkpoints.migration';
import { ReceiptsByChannel1765700000000 } from './1765700000000-receipts-by-channel.migration';
import { ResponseTimes1765700000500 } from './1765700000500-response-times.migration';
import { CitizenLanguages1765710000000 } from './1765710000000-citizen-languages.migration';
import { InboxCorrections1765730000000 } from './1765730000000-inbox-corrections.migration';
import { Rumours1765731800000 } from './1765731800000-rumours.migration';
import { Alerts1765800000000 } from './1765800000000-alerts.migration';
import { DltTemplates1765900000000 } from './1765900000000-dlt-templates.migration';
import { InboundLine1765930000000 } from './1765930000000-inbound-line.migration';
import { WhatsAppTemplates1765970000000 } from './1765970000000-whatsapp-templates.migration';
import { DeadLetters1765980000000 } from './1765980000000-dead-letters.migration';
import { ReplyReceipts1765990000000 } from './1765990000000-reply-receipts.migration';
import { HeldReplies1765995000000 } from './1765995000000-held-replies.migration';
import { InboxMedia1765998000000 } from './1765998000000-inbox-media.migration';
import { ReplyContactPoint1765999100000 } from './1765999100000-reply-contact-point.migration';
import { AudienceSlices1765999200000 } from './1765999200000-audience-slices.migration';
import { ClassifierVersions1765999300000 } from './1765999300000-classifier-versions.migration';
import { InboxReclassify1765999400000 } from './1765999400000-inbox-reclassify.migration';
import { AudienceGroups1765999500000 } from './1765999500000-audience-groups.migration';

export const migrations = [
  Foundation1764300000000,
  Channels1764400000000,
  Audit1764500000000,
  Membership1764600000000,
  Broadcast1764700000000,
  Inbox1764800000000,
  Receipts1764900000000,
  DispatchAtScale1765000000000,
  OfficerSessions1765100000000,
  OfficerTotp1765100000100,
  ApprovalsThatHold1765200000000,
  CitizenKeys1765400000000,
  InboxSecrecy1765500000000,
  AuditCheckpoints1765600000000,
  ReceiptsByChannel1765700000000,
  ResponseTimes1765700000500,
  CitizenLanguages1765710000000,
  InboxCorrections1765730000000,
  Rumours1765731800000,
  Alerts1765800000000,
  DltTemplates1765900000000,
  InboundLine1765930000000,
  WhatsAppTemplates1765970000000,
  DeadLetters1765980000000,
  ReplyReceipts1765990000000,
  HeldReplies1765995000000,
  InboxMedia1765998000000,
  ReplyContactPoint1765999100000,
  AudienceSlices1765999200000,
  ClassifierVersions1765999300000,
  InboxReclassify1765999400000,
  AudienceGroups1765999500000,
];

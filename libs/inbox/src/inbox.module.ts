import { Logger, Module } from '@nestjs/common';
import { ReplyQueue } from '@jansetu/broadcast';
import { APP_CONFIG, AppConfig } from '@jansetu/platform';
import { AddCaseNoteHandler } from './commands/add-case-note/add-case-note.handler';
import { AssignCaseHandler } from './commands/assign-case/assign-case.handler';
import { FileCitizenMessageHandler } from './commands/file-citizen-message/file-citizen-message.handler';
import { MuteSenderHandler } from './commands/mute-sender/mute-sender.handler';
import { ReplyToCaseHandler } from './commands/reply-to-case/reply-to-case.handler';
import { RevealIdentityHandler } from './commands/reveal-identity/reveal-identity.handler';
import { RequestRevealHandler } from './commands/request-reveal/request-reveal.handler';
import { DecideRevealHandler } from './commands/decide-reveal/decide-reveal.handler';
import { ExpireRevealRequestsHandler } from './commands/expire-reveal-requests/expire-reveal-requests.handler';
import { ListRevealsHandler } from './queries/list-reveals/list-reveals.handler';
import { MoveCaseToMainHandler } from './commands/move-case-to-main/move-case-to-main.handler';
import { ReclassifyCaseHandler } from './commands/reclassify-case/reclassify-case.handler';
import { ListAssigneesHandler } from './queries/list-assignees/list-assignees.handler';
import { ListRevealRequestsHandler } from './queries/list-reveal-requests/list-reveal-requests.handler';
import { ListNewUrgentCasesHandler } from './queries/list-new-urgent-cases/list-new-urgent-cases.handler';
import { REVEAL_SEALER, RevealSealer } from './domain/reveal-seal';
import { RevealRepository } from './persistence/reveal.repository';
import { TransitionCaseHandler } from './commands/transition-case/transition-case.handler';
import labelled from './data/labelled-messages.json';
import { RetrainClassifierHandler } from './commands/retrain-classifier/retrain-classifier.handler';
import { ClassifierVersionRepository } from './persistence/classifier-version.repository';
import { LabelledMessage, MessageClassifier } from './domain/classifier';
import { InboxRouter } from './domain/inbox-router';
import { SENDER_LINK_CIPHER, senderLinkCipher } from './domain/sender-link';
import { FileCitizenMessageSaga } from './event-handlers/file-citizen-message.saga';
import { MoveCasePathsOnJurisdictionMoved } from './event-handlers/move-paths-on-jurisdiction-moved.event-handler';
import { MarkReplyDelivery } from './event-handlers/mark-reply-delivery.event-handler';
import { UnlinkCasesOnCitizenErased } from './event-handlers/unlink-cases-on-citizen-erased.event-handler';
import { CaseRepository } from './persistence/case.repository';
import { DirectoryRepository } from './persistence/directory.repository';
import { InboxRoutingRepository } from './persistence/inbox-routing.repository';
import { MuteRepository } from './persistence/mute.repository';
import { CountCasesHandler } from './queries/count-cases/count-cases.handler';
import { SummariseCasesHandler } from './queries/summarise-cases/summarise-cases.handler';
import { GetCaseHandler } from './queries/get-case/get-case.handler';
import { ListCasesHandler } from './queries/list-cases/list-cases.handler';
import { FetchCaseMediaHandler } from './commands/fetch-case-media/fetch-case-media.handler';
import { ViewCaseAttachmentHandler } from './commands/view-case-attachment/view-case-attachment.handler';
import { AttachmentRepository } from './persistence/attachment.repository';

export const InboxHandlers = [
  FileCitizenMessageHandler,
  RetrainClassifierHandler,
  FetchCaseMediaHandler,
  ViewCaseAttachmentHandler,
  TransitionCaseHandler,
  AssignCaseHandler,
  AddCaseNoteHandler,
  ReplyToCaseHandler,
  MuteSenderHandler,
  RevealIdentityHandler,
  RequestRevealHandler,
  DecideRevealHandler,
  ExpireRevealRequestsHandler,
  ListRevealsHandler,
  ListCasesHandler,
  GetCaseHandler,
  CountCasesHandler,
  SummariseCasesHandler,
  MoveCaseToMainHandler,
  ReclassifyCaseHandler,
  ListAssigneesHandler,
  ListRevealRequestsHandler,
  ListNewUrgentCasesHandler,
];

/**
 * The HQ reveal public key (REVEAL_PUBLIC_KEY, base64 X25519 SPKI): the gateway never holds its private half.
 * Without one, anonymous cases are sealed to a key nobody keeps: they can be answered, never revealed.
 */
function revealSealer(c: AppConfig): RevealSealer {
  const key = c.env.REVEAL_PUBLIC_KEY;
  if (key) return RevealSealer.fromPublicKey(key);
  new Logger('InboxModule').warn('REVEAL_PUBLIC_KEY is not set: anonymous cases can be answered but never revealed');
  return RevealSealer.unrevealable();
}

@Module({
  providers: [
    ReplyQueue,
    CaseRepository,
    AttachmentRepository,
    MuteRepository,
    RevealRepository,
    InboxRoutingRepository,
    DirectoryRepository,
    InboxRouter,
    ClassifierVersionRepository,
    // Trained at start from the labelled set kept in the repository (338 messages, a few milliseconds) and the
    // officers' corrections the latest accepted version learned from (classifier:retrain, gated on the frozen set);
    // with none accepted it is the model classifier.spec.ts measured, with no generated artefact to keep in sync.
    {
      provide: MessageClassifier,
      inject: [ClassifierVersionRepository],
      useFactory: async (versions: ClassifierVersionRepository) =>
        new MessageClassifier([
          ...(labelled as LabelledMessage[]),
          ...(await versions.runningCorrections()).map((c) => c.message),
        ]),
    },
    { provide: SENDER_LINK_CIPHER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => senderLinkCipher(c) },
    { provide: REVEAL_SEALER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => revealSealer(c) },
    ...InboxHandlers,
    FileCitizenMessageSaga,
    UnlinkCasesOnCitizenErased,
    MarkReplyDelivery,
    MoveCasePathsOnJurisdictionMoved,
  ],
})
export class InboxModule {}

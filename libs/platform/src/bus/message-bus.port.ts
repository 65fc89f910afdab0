import { EntityManager } from 'typeorm';

/** Topic names of the contract (ARCHITECTURE.md); a deployment may prefix them with KAFKA_TOPIC_PREFIX. */
export const Topics = {
  audit: 'jansetu.audit.v1',
  dispatch: 'jansetu.dispatch.v1',
  inbound: 'jansetu.inbound.v1',
  status: 'jansetu.status.v1',
  /** Domain events between the contexts (MemberLeft, CitizenErased, ...), keyed by aggregate id. */
  events: 'jansetu.events.v1',
  /** Signed checkpoints of every audit chain head (one key: the checkpoints are one sequence). */
  auditCheckpoints: 'jansetu.audit-checkpoints.v1',
} as const;
export type Topic = (typeof Topics)[keyof typeof Topics];

/** The envelope every message on the bus carries; consumers dedupe on `id`. */
export interface BusMessage<T = unknown> {
  id: string;
  topic: Topic;
  key: string;
  type: string;
  payload: T;
  occurredAt: string;
}

export type BusHandler = (message: BusMessage) => Promise<void>;
/** Gets consecutive messages of one partition (Kafka) or of the topic (database), in order. */
export type BusBatchHandler = (messages: BusMessage[]) => Promise<void>;

export interface MessageBus {
  readonly kind: 'kafka' | 'database';
  /** Resolves once the bus holds the messages durably (Kafka: acknowledged by all in-sync replicas). */
  publish(messages: BusMessage[]): Promise<void>;
  /** Registers a consumer group; consumption starts when the application has booted. */
  subscribe(groupId: string, topic: Topic, handler: BusHandler): void;
  /**
   * Like subscribe, for consumers that write set-based: the handler gets what the bus has ready, in order. If it
   * throws, the whole batch comes again, so its effects must be idempotent per message as with subscribe.
   */
  subscribeBatch(groupId: string, topic: Topic, handler: BusBatchHandler): void;
  /** Throws when the bus cannot be reached. */
  ping(): Promise<void>;
}

export const MESSAGE_BUS = Symbol('MESSAGE_BUS');

/** Work a consumer does with a transaction of its own, given by the idempotency guard. */
export type TransactionalWork<T> = (manager: EntityManager) => Promise<T>;

import { Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { AppConfig } from '../config/app-config';
import { DeadLetters } from './dead-letters';
import { BusBatchHandler, BusHandler, BusMessage, MessageBus, Topic, Topics } from './message-bus.port';

/**
 * Kafka through kafkajs: an idempotent producer with acks=all, one consumer per group, topics created on start.
 * Messages keep their key, so all events of one aggregate (one audit chain) stay in one partition, in order.
 */
export class KafkaBus implements MessageBus, OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  readonly kind = 'kafka';
  private readonly logger = new Logger(KafkaBus.name);
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly subscriptions: {
    groupId: string;
    topic: Topic;
    handler: { each: BusHandler } | { batch: BusBatchHandler };
  }[] = [];
  private readonly consumers: Consumer[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly deadLetters?: DeadLetters,
  ) {
    this.kafka = new Kafka({
      clientId: config.KAFKA_CLIENT_ID,
      brokers: config.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => {
        if (entry.level <= logLevel.WARN) this.logger.warn(`${entry.namespace}: ${entry.log.message}`);
      },
      retry: { retries: 5, initialRetryTime: 300 },
    });
    // Idempotent: a retried send is written once; one request in flight keeps per-partition order on retries.
    // Retries are bounded so an outage surfaces to the relay, which keeps the rows and tries again later; a send
    // that timed out but was written is then published twice, and consumers dedupe on the message id.
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.admin = this.kafka.admin();
  }

  topicName(topic: Topic): string {
    return `${this.config.KAFKA_TOPIC_PREFIX}${topic}`;
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    const existing = new Set(await this.admin.listTopics());
    const missing = Object.values(Topics)
      .map((t) => this.topicName(t))
      .filter((t) => !existing.has(t));
    if (missing.length) {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: this.config.KAFKA_PARTITIONS,
          replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
        })),
      });
    }
    await this.producer.connect();
  }

  async onApplicationBootstrap(): Promise<void> {
    for (const sub of this.subscriptions) {
      // Handlers are kept short (dispatch works in time slices), so a dead dispatcher's partitions move on quickly.
      const consumer = this.kafka.consumer({
        groupId: `${this.config.KAFKA_TOPIC_PREFIX}jansetu.${sub.groupId}`,
        sessionTimeout: 15_000,
        heartbeatInterval: 3_000,
      });
      await consumer.connect();
      await consumer.subscribe({ topic: this.topicName(sub.topic), fromBeginning: true });
      // A handler that throws leaves the offset uncommitted; kafkajs retries, and handlers dedupe on the id. One that
      // keeps throwing is parked by the dead-letter guard (DeadLetters), so its partition moves on.
      const parse = (value: Buffer) => JSON.parse(value.toString('utf8')) as BusMessage;
      const { handler } = sub;
      await consumer.run({
        // Partitions are independent (order matters only within a key), so a dispatcher works several buckets at once.
        partitionsConsumedConcurrently: 3,
        ...('each' in handler
          ? {
              eachMessage: async ({ message }) => {
                if (message.value) await handler.each(parse(message.value));
              },
            }
          : {
              // The batch's last offset is committed only after the handler returned (eachBatchAutoResolve).
              eachBatch: async (payload) => {
                const messages = payload.batch.messages.flatMap((m) => (m.value ? [parse(m.value)] : []));
                if (messages.length) await handler.batch(messages);
                await payload.heartbeat();
              },
            }),
      });
      this.consumers.push(consumer);
    }
  }

  subscribe(groupId: string, topic: Topic, handler: BusHandler): void {
    this.subscriptions.push({
      groupId,
      topic,
      handler: { each: this.deadLetters?.guard(groupId, handler) ?? handler },
    });
  }

  subscribeBatch(groupId: string, topic: Topic, handler: BusBatchHandler): void {
    const batch = this.deadLetters?.guardBatch(groupId, handler) ?? handler;
    this.subscriptions.push({ groupId, topic, handler: { batch } });
  }

  async publish(messages: BusMessage[]): Promise<void> {
    if (!messages.length) return;
    const byTopic = new Map<Topic, BusMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic: this.topicName(topic),
        messages: list.map((m) => ({
          key: m.key,
          value: JSON.stringify(m),
          headers: { 'message-id': m.id, type: m.type },
        })),
      })),
    });
  }

  async ping(): Promise<void> {
    await this.admin.describeCluster();
  }

  async onApplicationShutdown(): Promise<void> {
    // Consumers first: disconnect waits for in-flight handlers, so their effects and offsets are committed.
    await Promise.allSettled(this.consumers.map((c) => c.disconnect()));
    await this.producer.disconnect().catch(() => undefined);
    await this.admin.disconnect().catch(() => undefined);
  }
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient, eventually, freePort, LocalKafka, REPO_ROOT } from '@jansetu/testing';
import { ADMIN, citizenSends, Deployment, inboxOf, readTopic, SAMPLE_CSV, startDistributed } from './support';

interface StoredEvent {
  id: string;
  type: string;
  chainSeq: number;
}

describe('a 60-second Kafka outage delays the audit log and loses nothing', () => {
  // A broker of this test's own, so stopping it disturbs no other suite.
  let kafka: LocalKafka;
  let d: Deployment;
  let admin: ApiClient;

  beforeAll(async () => {
    kafka = new LocalKafka(await freePort());
    await kafka.start();
    d = await startDistributed(inject('runPrefix'), 'outage', kafka.brokers);
    admin = d.api.as(await d.api.login(ADMIN.username, ADMIN.password));
  });
  afterAll(async () => {
    await d?.stop();
    await kafka?.stop();
  });

  it('delivers the broadcast and its audit events exactly once after the broker comes back', async () => {
    await admin.request('POST', '/api/v1/jurisdictions/import', { csv: SAMPLE_CSV });
    const group = await admin.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'GAY-BODHGAYA',
      name: 'बोधगया जनसेतु',
    });
    const citizen = '+919934512345';
    await citizenSends(d.api, citizen, `JOIN ${group.body.joinCode}`);
    await eventually(
      async () => ((await inboxOf(d.api, citizen)).length === 1 ? true : undefined),
      30_000,
      'join confirmation',
    );

    await kafka.stop();
    const broadcast = await admin.request<{ id: string; recipients: number }>('POST', '/api/v1/broadcasts', {
      audience: { groupIds: [group.body.id] },
      category: 'cyber_safety',
      body: { hi: 'OTP किसी को न बताएँ। पुलिस कभी OTP नहीं माँगती।', en: 'Never share an OTP. Police never ask for one.' },
    });
    // The API does not depend on Kafka: the broadcast is accepted into the outbox.
    expect(broadcast.status).toBe(201);
    // The bar: Kafka down for a full minute during the broadcast.
    await sleep(60_000);
    expect((await inboxOf(d.api, citizen)).some((m) => m.text.startsWith('OTP'))).toBe(false);

    await kafka.start();
    await eventually(
      async () => ((await inboxOf(d.api, citizen)).some((m) => m.text.startsWith('OTP')) ? true : undefined),
      90_000,
      'broadcast after the outage',
    );

    const stored = await eventually(
      async () => {
        const res = await admin.request<StoredEvent[]>('GET', `/api/v1/audit/events?broadcastId=${broadcast.body.id}`);
        return res.body.length >= 3 ? res.body : undefined;
      },
      60_000,
      'audit events after the outage',
    );
    // Give a duplicate, if any were coming, the time to arrive.
    await sleep(3_000);
    const again = await admin.request<StoredEvent[]>('GET', `/api/v1/audit/events?broadcastId=${broadcast.body.id}`);
    expect(again.body.map((e) => [e.type, e.chainSeq])).toEqual([
      ['broadcast.created', 1],
      ['broadcast.messages_sent', 2],
      ['broadcast.completed', 3],
    ]);
    expect(again.body.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect((await inboxOf(d.api, citizen)).filter((m) => m.text.startsWith('OTP'))).toHaveLength(1);

    // On the topic, in chain order (a relay retry may repeat a message; the store above shows it is absorbed).
    const onTopic = (await readTopic(kafka.brokers, `${d.topicPrefix}jansetu.audit.v1`, (values) =>
      (values as { payload: { subject: { broadcastId?: string }; type: string } }[]).some(
        (v) => v.payload.subject.broadcastId === broadcast.body.id && v.payload.type === 'broadcast.completed',
      ),
    )) as { id: string; payload: { subject: { broadcastId?: string }; chainSeq: number } }[];
    const seqs = onTopic
      .filter((v) => v.payload.subject.broadcastId === broadcast.body.id)
      .map((v) => v.payload.chainSeq);
    expect([...new Set(seqs)]).toEqual([1, 2, 3]);

    // An auditor verifies the topic independently with the repository's script, and the server agrees.
    const dir = mkdtempSync(join(tmpdir(), 'jansetu-audit-'));
    const dump = join(dir, 'audit.ndjson');
    writeFileSync(dump, onTopic.map((v) => JSON.stringify(v)).join('\n') + '\n');
    const script = join(REPO_ROOT, 'dist/scripts/verify-audit-chain.js');
    expect(spawnSync(process.execPath, [script, dump], { encoding: 'utf8' }).status).toBe(0);
    const tampered = join(dir, 'tampered.ndjson');
    writeFileSync(tampered, readFileSync(dump, 'utf8').replace('OTP किसी को न बताएँ', 'OTP सबको बताएँ'));
    const broken = spawnSync(process.execPath, [script, tampered], { encoding: 'utf8' });
    expect(broken.status).toBe(1);
    expect(broken.stdout + broken.stderr).toMatch(/BROKEN/);
    const verify = await admin.request<{ ok: boolean }>('GET', '/api/v1/audit/verify');
    expect(verify.body.ok).toBe(true);
  });
});

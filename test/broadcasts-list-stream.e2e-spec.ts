import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, eventually } from '@jansetu/testing';
import { ConsoleWorld, startConsoleWorld } from './console-support';
import { citizenSends } from './support';

/** The list of broadcasts and the live progress stream over HTTP (built gateway, embedded mode, simulator). */
describe('GET /api/v1/broadcasts (filtered list) and GET :id/stream (server-sent progress)', () => {
  let world: ConsoleWorld;
  let sho: ApiClient;
  let other: ApiClient;
  let id: string;
  const accounts = {
    sho: { username: 'sho.list', password: 'Mufassil-list-2026!' },
    other: { username: 'sho.other', password: 'Kotwali-other-2026!' },
  };

  beforeAll(async () => {
    world = await startConsoleWorld();
    await world.officer(accounts.sho, 'station_officer', 'SAM-MUFASSIL');
    await world.officer(accounts.other, 'station_officer', 'PAT-KOTWALI');
    sho = world.api.as(await world.api.login(accounts.sho.username, accounts.sho.password));
    other = world.api.as(await world.api.login(accounts.other.username, accounts.other.password));
    const group = await sho.request<{ id: string; joinCode: string }>('POST', '/api/v1/groups', {
      jurisdictionCode: 'SAM-MUFASSIL',
      name: 'मुफस्सिल सूची',
    });
    await citizenSends(world.api, '+919812400001', `जुड़ें ${group.body.joinCode}`);
    const json = { audience: { groupIds: [group.body.id] }, category: 'alert', body: { hi: 'सड़क बंद है' } };
    // The preview takes the very JSON that creates (category included); the citizen's join lands asynchronously.
    await eventually(async () => {
      const preview = await sho.request<{ recipients: number }>('POST', '/api/v1/broadcasts/preview', json);
      expect(preview.status, JSON.stringify(preview.body)).toBe(200);
      return preview.body.recipients === 1 || undefined;
    });
    const created = await sho.request<{ id: string }>('POST', '/api/v1/broadcasts', json);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = created.body.id;
  }, 180_000);
  afterAll(async () => world?.stop());

  it('lists the station’s broadcasts with filters; another station sees none of them', async () => {
    const mine = await sho.request<{ items: { id: string; byStatus: object }[] }>(
      'GET',
      '/api/v1/broadcasts?status=sending,completed&category=alert&mine=true',
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i) => i.id)).toEqual([id]);
    expect((await sho.request('GET', '/api/v1/broadcasts?status=nonsense')).status).toBe(400);
    const theirs = await other.request<{ items: unknown[] }>('GET', '/api/v1/broadcasts');
    expect(theirs.body.items).toEqual([]);
  });

  it('streams progress until the broadcast completes; out of reach is 404', async () => {
    const token = await world.api.login(accounts.sho.username, accounts.sho.password);
    const answer = await fetch(`${world.base}/api/v1/broadcasts/${id}/stream`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/event-stream');
    const text = await answer.text(); // the server closes it after the final event
    expect(text).toMatch(/event: progress\nid: 1\ndata: .*"status":"sending"/);
    expect(text).toMatch(/event: done\nid: \d+\ndata: .*"status":"completed".*"byStatus":\{"sent":1\}/);
    const otherToken = await world.api.login(accounts.other.username, accounts.other.password);
    const refused = await fetch(`${world.base}/api/v1/broadcasts/${id}/stream`, {
      headers: { authorization: `Bearer ${otherToken}` },
    });
    expect(refused.status).toBe(404);
  });
});

import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AuditEvent, AuditModule, verifyChain } from '@jansetu/audit';
import { PlatformModule, Topics } from '@jansetu/platform';
import { createDatabase, testConfig } from '@jansetu/testing';
import { JurisdictionModule } from '../../jurisdiction.module';
import { ImportJurisdictionsCommand } from './import-jurisdictions.command';
import { ImportJurisdictionsHandler } from './import-jurisdictions.handler';
import { ListJurisdictionsQuery } from '../../queries/list-jurisdictions/list-jurisdictions.query';
import { ListSubtreeQuery } from '../../queries/list-subtree/list-subtree.query';
import { ListSubtreeHandler } from '../../queries/list-subtree/list-subtree.handler';

const tree = [
  { code: 'BR', parentCode: null, level: 'state', nameEn: 'Bihar', nameHi: 'बिहार' },
  { code: 'SAM', parentCode: 'BR', level: 'district', nameEn: 'Samastipur', nameHi: 'समस्तीपुर' },
  { code: 'SAM-ROSERA', parentCode: 'SAM', level: 'subdivision', nameEn: 'Rosera', nameHi: 'रोसड़ा' },
  { code: 'SAM-SADAR', parentCode: 'SAM', level: 'subdivision', nameEn: 'Samastipur Sadar', nameHi: 'समस्तीपुर सदर' },
  { code: 'SAM-SINGHIA', parentCode: 'SAM-ROSERA', level: 'station', nameEn: 'Singhia', nameHi: 'सिंघिया' },
  { code: 'SAM-SINGHIA-V1', parentCode: 'SAM-SINGHIA', level: 'locality', nameEn: 'Village 1', nameHi: 'गाँव 1' },
];

describe('importing jurisdictions into PostgreSQL', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let handler: ImportJurisdictionsHandler;
  const path = async (code: string) =>
    (await dataSource.query<{ path: string }[]>(`SELECT path FROM jurisdiction_node WHERE code = $1`, [code]))[0].path;
  const id = async (code: string) =>
    (await dataSource.query<{ id: string }[]>(`SELECT id FROM jurisdiction_node WHERE code = $1`, [code]))[0].id;

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'jurisdiction');
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(testConfig(url, { LOG_LEVEL: 'warn' }), url), AuditModule, JurisdictionModule],
    }).compile();
    app = await module.init();
    dataSource = app.get(DataSource);
    handler = app.get(ImportJurisdictionsHandler);
  });
  afterAll(async () => app?.close());

  it('creates the tree once and changes nothing on re-import', async () => {
    expect(await handler.execute(new ImportJurisdictionsCommand(tree))).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
    });
    expect(await handler.execute(new ImportJurisdictionsCommand(tree))).toEqual({
      created: 0,
      updated: 0,
      unchanged: 6,
    });
    expect(await path('SAM-SINGHIA-V1')).toBe(
      `/${await id('BR')}/${await id('SAM')}/${await id('SAM-ROSERA')}/${await id('SAM-SINGHIA')}/${await id('SAM-SINGHIA-V1')}/`,
    );
  });

  it('renames in place and moves a station with its whole subtree', async () => {
    const moved = tree.map((r) =>
      r.code === 'SAM-SINGHIA' ? { ...r, parentCode: 'SAM-SADAR', nameEn: 'Singhia Thana' } : r,
    );
    expect(await handler.execute(new ImportJurisdictionsCommand(moved))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 5,
    });
    expect(await path('SAM-SINGHIA-V1')).toBe(
      `${await path('SAM-SADAR')}${await id('SAM-SINGHIA')}/${await id('SAM-SINGHIA-V1')}/`,
    );
  });

  it('refuses a bad file whole, naming the row, and changes nothing', async () => {
    const before = await dataSource.query(`SELECT count(*)::int AS n FROM jurisdiction_node`);
    const bad = [
      ...tree,
      { code: 'NEW-1', parentCode: 'BR', level: 'district', nameEn: 'New', nameHi: 'नया' },
      { code: 'BAD', parentCode: 'NOPE', level: 'station', nameEn: 'x', nameHi: 'x' },
    ];
    await expect(handler.execute(new ImportJurisdictionsCommand(bad))).rejects.toThrow(
      /^row 8: parent NOPE is unknown/,
    );
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM jurisdiction_node`)).toEqual(before);
  });

  it('moves a subdivision to another district with its stations and localities, amid renames and new nodes', async () => {
    const more = [
      ...tree,
      { code: 'DAR', parentCode: 'BR', level: 'district', nameEn: 'Darbhanga', nameHi: 'दरभंगा' },
      { code: 'SAM-ROSERA-2', parentCode: 'SAM-ROSERA', level: 'station', nameEn: 'Rosera', nameHi: 'रोसड़ा' },
      { code: 'SAM-ROSERA-2-V1', parentCode: 'SAM-ROSERA-2', level: 'locality', nameEn: 'Ward 1', nameHi: 'वार्ड 1' },
    ];
    await handler.execute(new ImportJurisdictionsCommand(more));
    const moved = more.map((r) => (r.code === 'SAM-ROSERA' ? { ...r, parentCode: 'DAR', nameEn: 'Rosera SDO' } : r));
    moved.push({
      code: 'SAM-ROSERA-3',
      parentCode: 'SAM-ROSERA',
      level: 'station',
      nameEn: 'Hasanpur',
      nameHi: 'हसनपुर',
    });
    expect(await handler.execute(new ImportJurisdictionsCommand(moved))).toEqual({
      created: 1,
      updated: 1,
      unchanged: moved.length - 2,
    });
    for (const code of ['SAM-ROSERA', 'SAM-ROSERA-2', 'SAM-ROSERA-2-V1', 'SAM-ROSERA-3']) {
      expect(await path(code)).toMatch(new RegExp(`^${await path('DAR')}`));
    }
    // Every node's path is its parent's path and its own id, whatever moved.
    const broken = await dataSource.query(
      `SELECT n.code FROM jurisdiction_node n LEFT JOIN jurisdiction_node p ON p.id = n.parent_id
        WHERE n.path <> coalesce(p.path, '/') || n.id || '/'`,
    );
    expect(broken).toEqual([]);
  });

  it("resolves a subtree by path prefix, optionally one level, within the officer's reach", async () => {
    const subtree = app.get(ListSubtreeHandler);
    const dar = await subtree.execute(new ListSubtreeQuery('DAR', null));
    // Singhia went back under Rosera with the full file above, so it moved to Darbhanga too.
    expect(dar.map((n) => n.code).sort()).toEqual([
      'DAR',
      'SAM-ROSERA',
      'SAM-ROSERA-2',
      'SAM-ROSERA-2-V1',
      'SAM-ROSERA-3',
      'SAM-SINGHIA',
      'SAM-SINGHIA-V1',
    ]);
    expect(dar.find((n) => n.code === 'SAM-ROSERA-3')).toMatchObject({ parentCode: 'SAM-ROSERA', level: 'station' });
    const stations = await subtree.execute(new ListSubtreeQuery('DAR', null, 'station'));
    expect(stations.map((n) => n.code).sort()).toEqual(['SAM-ROSERA-2', 'SAM-ROSERA-3', 'SAM-SINGHIA']);
    await expect(subtree.execute(new ListSubtreeQuery('DAR', await path('SAM')))).rejects.toMatchObject({
      status: 403,
    });
  });

  it('lists the roots, or the children of a node, that lie within or above the officer’s reach', async () => {
    const queries = app.get(QueryBus);
    const codes = async (parent: string | null, scope: string | null) =>
      (await queries.execute(new ListJurisdictionsQuery(parent, scope))).map((n) => n.code);
    expect(await codes(null, null)).toEqual(['BR']);
    expect(await codes('BR', null)).toEqual(['DAR', 'SAM']);
    expect(await codes(null, await path('SAM-SADAR'))).toEqual(['BR']);
    expect(await codes('BR', await path('SAM-SADAR'))).toEqual(['SAM']);
    expect(await codes('SAM', await path('SAM-SADAR'))).toEqual(['SAM-SADAR']);
  });

  it('audits every import that changes the tree, with who did it and what it created, renamed and moved', async () => {
    const audited = async () =>
      (
        await dataSource.query<{ event: AuditEvent }[]>(
          `SELECT payload->'payload' AS event FROM outbox_message WHERE topic = $1 AND key = 'jurisdiction:tree'
            ORDER BY seq`,
          [Topics.audit],
        )
      ).map((r) => r.event);
    // So far: the first import, the rename-and-move, the added nodes (Singhia back home), the subdivision's move;
    // the no-op and the refused imports left nothing.
    const before = await audited();
    expect(before.map((e) => [e.type, e.actor.kind, e.body.created, e.body.updated])).toEqual([
      ['jurisdiction.imported', 'system', 6, 0],
      ['jurisdiction.imported', 'system', 0, 1],
      ['jurisdiction.imported', 'system', 3, 1],
      ['jurisdiction.imported', 'system', 1, 1],
    ]);
    const hq = { id: '00000000-0000-4000-8000-000000000001', role: 'hq_admin', jurisdictionPath: null };
    const rows = (await app.get(QueryBus).execute(new ListSubtreeQuery('BR', null))).map((n) => ({
      code: n.code,
      parentCode: n.code === 'SAM-ROSERA' ? 'SAM' : n.parentCode,
      level: n.level,
      nameEn: n.code === 'SAM-SINGHIA' ? 'Singhia Thana' : n.nameEn,
      nameHi: n.nameHi,
    }));
    rows.push({ code: 'SAM-NEW', parentCode: 'SAM', level: 'subdivision', nameEn: 'New', nameHi: 'नया' });
    expect(await handler.execute(new ImportJurisdictionsCommand(rows, hq))).toMatchObject({ created: 1, updated: 2 });
    await handler.execute(new ImportJurisdictionsCommand(rows, hq));

    const events = await audited();
    expect(events).toHaveLength(5);
    expect(verifyChain(events)).toBeNull();
    expect(events[4]).toMatchObject({
      chainId: 'jurisdiction:tree',
      actor: { kind: 'officer', officerId: hq.id, role: 'hq_admin' },
      body: {
        created: 1,
        updated: 2,
        createdCodes: ['SAM-NEW'],
        renamed: [
          {
            code: 'SAM-SINGHIA',
            from: { nameEn: 'Singhia', level: 'station' },
            to: { nameEn: 'Singhia Thana', level: 'station' },
          },
        ],
        renamedCount: 1,
        moved: [{ code: 'SAM-ROSERA', fromParentCode: 'DAR', toParentCode: 'SAM' }],
        movedCount: 1,
      },
    });
  });
});

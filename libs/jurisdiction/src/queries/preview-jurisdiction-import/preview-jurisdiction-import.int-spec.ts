import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DataSource } from 'typeorm';
import { AuditModule } from '@jansetu/audit';
import { PlatformModule } from '@jansetu/platform';
import { createDatabase, testConfig } from '@jansetu/testing';
import { JurisdictionModule } from '../../jurisdiction.module';
import { ImportJurisdictionsCommand } from '../../commands/import-jurisdictions/import-jurisdictions.command';
import { SearchJurisdictionsQuery } from '../search-jurisdictions/search-jurisdictions.query';
import { PreviewJurisdictionImportQuery } from './preview-jurisdiction-import.query';

const header = 'code,parent_code,level,name_en,name_hi';
const base = [
  header,
  'BR,,state,Bihar,बिहार',
  'SAM,BR,district,Samastipur,समस्तीपुर',
  'SAM-ROSERA,SAM,subdivision,Rosera,रोसड़ा',
  'SAM-SINGHIA,SAM-ROSERA,station,Singhia,सिंघिया',
  'PAT,BR,district,Patna,पटना',
].join('\n');

describe('a dry run of a jurisdiction import, and search over the tree', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let queries: QueryBus;
  const count = async () =>
    (await dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM jurisdiction_node`))[0].n;

  beforeAll(async () => {
    const url = await createDatabase(inject('runPrefix'), 'jurisdiction_preview');
    const module = await Test.createTestingModule({
      imports: [PlatformModule.forRoot(testConfig(url, { LOG_LEVEL: 'warn' }), url), AuditModule, JurisdictionModule],
    }).compile();
    app = await module.init();
    dataSource = app.get(DataSource);
    queries = app.get(QueryBus);
    await app.get(CommandBus).execute(new ImportJurisdictionsCommand({ csv: base }));
  });
  afterAll(async () => app?.close());

  it('answers what would be created, updated and left alone, with the rows, and changes nothing', async () => {
    // Only the new lines: a new station hangs on a subdivision that is already in the tree.
    const csv = [
      header,
      'SAM-ROSERA,SAM,subdivision,Rosera SDO,रोसड़ा',
      'SAM-HASANPUR,SAM-ROSERA,station,Hasanpur,हसनपुर',
      'SAM-SINGHIA,SAM-ROSERA,station,Singhia,सिंघिया',
    ].join('\n');
    const preview = await queries.execute(new PreviewJurisdictionImportQuery({ csv }));
    expect(preview).toMatchObject({ dryRun: true, applicable: true, created: 1, updated: 1, unchanged: 1, errors: [] });
    expect(preview.changes).toEqual([
      {
        change: 'updated',
        code: 'SAM-ROSERA',
        from: { parentCode: 'SAM', level: 'subdivision', nameEn: 'Rosera', nameHi: 'रोसड़ा' },
        to: { parentCode: 'SAM', level: 'subdivision', nameEn: 'Rosera SDO', nameHi: 'रोसड़ा' },
      },
      {
        change: 'created',
        code: 'SAM-HASANPUR',
        from: null,
        to: { parentCode: 'SAM-ROSERA', level: 'station', nameEn: 'Hasanpur', nameHi: 'हसनपुर' },
      },
      expect.objectContaining({ change: 'unchanged', code: 'SAM-SINGHIA' }),
    ]);
    expect(await count()).toBe(5);
    expect(await dataSource.query(`SELECT name_en FROM jurisdiction_node WHERE code = 'SAM-ROSERA'`)).toEqual([
      { name_en: 'Rosera' },
    ]);

    // Confirmed, the same file does what the dry run said.
    expect(await app.get(CommandBus).execute(new ImportJurisdictionsCommand({ csv }))).toEqual({
      created: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(await count()).toBe(6);
  });

  it('names every faulty line, not just the first, and the import refuses the file naming the first', async () => {
    const csv = [
      header,
      'SAM-NEW,SAM-ROSERA,station,New,नया',
      'SAM-X,NOPE,station,X,एक्स',
      'SAM-Y,SAM,station,Y,वाई',
      'short,line',
      'SAM-Z,SAM-ROSERA,station,Z,',
    ].join('\n');
    const preview = await queries.execute(new PreviewJurisdictionImportQuery({ csv }));
    expect(preview.applicable).toBe(false);
    expect(preview.errors).toEqual([
      { at: 'line 3', reason: 'parent NOPE is unknown' },
      { at: 'line 4', reason: "a station's parent must be a subdivision, SAM is a district" },
      { at: 'line 5', reason: 'expected 5 fields, found 2' },
      { at: 'line 6', reason: 'name_hi is required' },
    ]);
    expect(preview).toMatchObject({ created: 1, changes: [expect.objectContaining({ code: 'SAM-NEW' })] });
    const before = await count();
    await expect(app.get(CommandBus).execute(new ImportJurisdictionsCommand({ csv }))).rejects.toThrow(
      /^line 3: parent NOPE is unknown/,
    );
    expect(await count()).toBe(before);
  });

  it('finds nodes by Hindi or English name or code, within the officer’s jurisdiction only', async () => {
    const codes = async (text: string, scope: string | null) =>
      (await queries.execute(new SearchJurisdictionsQuery(text, scope))).map((n) => n.code);
    expect(await codes('सिंघिया', null)).toEqual(['SAM-SINGHIA']);
    expect(await codes('rosera', null)).toEqual(['SAM-ROSERA']);
    expect(await codes('hasan', null)).toEqual(['SAM-HASANPUR']);
    expect(await codes('pat', null)).toEqual(['PAT']);
    const [{ path }] = await dataSource.query<{ path: string }[]>(
      `SELECT path FROM jurisdiction_node WHERE code = 'PAT'`,
    );
    expect(await codes('सिंघिया', path)).toEqual([]);
    expect(await codes('%', null)).toEqual([]);
    expect((await queries.execute(new SearchJurisdictionsQuery('Singhia', null)))[0]).toMatchObject({
      parentCode: 'SAM-ROSERA',
      parentNameHi: 'रोसड़ा',
      level: 'station',
    });
  });
});

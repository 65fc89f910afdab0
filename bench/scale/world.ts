/**
 * A synthetic Bihar audience made in SQL (generate_series), so millions of citizens take seconds, not hours:
 * 38 districts, one subdivision each, 1,400 stations, 32 villages (localities) per station (44,800); a group per
 * village, per station and per district; N citizens with the channel mix 55% SMS, 40% WhatsApp, 5% Telegram (one
 * SMS citizen in five also has a preferred WhatsApp number), each in their village's group, with overlapping
 * memberships (a third also in their district group, one in ten in a second station's group) and 1% opted out.
 * District 00 (the "Patna" of the run) holds the first `bigDistrict` citizens; the rest spread over the other 37.
 * Audiences are said as the mission says them: the whole state (its root node), every village group of a district.
 */
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AudienceDefinition } from '@jansetu/broadcast';
import { AuditRecorder } from '@jansetu/audit';
import { ChannelRegistry } from '@jansetu/channels';
import { AppConfig, Outbox } from '@jansetu/platform';
// eslint-disable-next-line no-restricted-imports
import { CreateBroadcastHandler } from '../../libs/broadcast/src/commands/create-broadcast/create-broadcast.handler';
// eslint-disable-next-line no-restricted-imports
import { AudienceRepository } from '../../libs/broadcast/src/persistence/audience.repository';
// eslint-disable-next-line no-restricted-imports
import { BroadcastRepository } from '../../libs/broadcast/src/persistence/broadcast.repository';
// eslint-disable-next-line no-restricted-imports
import { ContentRuleRepository } from '../../libs/broadcast/src/persistence/content-rule.repository';
// eslint-disable-next-line no-restricted-imports
import { DeliveryRepository } from '../../libs/broadcast/src/persistence/delivery.repository';
// eslint-disable-next-line no-restricted-imports
import { DispatchQueue } from '../../libs/broadcast/src/persistence/dispatch-queue';

export interface World {
  /** Everyone: the state's root node, every group under it. */
  stateAudience: Partial<AudienceDefinition>;
  /** Every village group of district 00 (level filter: locality). */
  bigDistrictAudience: Partial<AudienceDefinition>;
  officerId: string;
}

export const DISTRICTS = 38;
export const STATIONS = 1400;
export const VILLAGES_PER_STATION = 32;

/** Which station (0..1399) a citizen of index `i` belongs to, as an SQL expression over `i`. */
const stationOf = (big: number) =>
  `CASE WHEN i < ${big} THEN ${DISTRICTS} * (i % 37) ELSE (1 + i % 37) + ${DISTRICTS} * ((i / 37) % 36) END`;

export async function seedWorld(
  ds: DataSource,
  citizens: number,
  bigDistrict: number,
  address: (channelSql: string) => string = () => `'x'`,
): Promise<World> {
  await ds.query(`INSERT INTO jurisdiction_node (id, code, level, name_en, name_hi, path)
                  VALUES (md5('state')::uuid, 'BR', 'state', 'Bihar', 'बिहार', '/' || md5('state')::uuid || '/')`);
  await ds.query(
    `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
     SELECT md5('d' || d)::uuid, 'BR-D' || lpad(d::text, 2, '0'), md5('state')::uuid, 'district', 'District ' || d, 'ज़िला',
            '/' || md5('state')::uuid || '/' || md5('d' || d)::uuid || '/'
       FROM generate_series(0, ${DISTRICTS - 1}) d`,
  );
  await ds.query(
    `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
     SELECT md5('sd' || p.d)::uuid, p.code || '-SD', p.id, 'subdivision', 'Subdivision', 'अनुमंडल', p.path || md5('sd' || p.d)::uuid || '/'
       FROM (SELECT id, code, path, substr(code, 5)::int AS d FROM jurisdiction_node WHERE level = 'district') p`,
  );
  await ds.query(
    `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
     SELECT md5('t' || s)::uuid, 'BR-T' || lpad(s::text, 4, '0'), p.id, 'station', 'Station ' || s, 'थाना',
            p.path || md5('t' || s)::uuid || '/'
       FROM generate_series(0, ${STATIONS - 1}) s JOIN jurisdiction_node p ON p.id = md5('sd' || (s % ${DISTRICTS}))::uuid`,
  );
  await ds.query(
    `INSERT INTO jurisdiction_node (id, code, parent_id, level, name_en, name_hi, path)
     SELECT md5('v' || s || '-' || v)::uuid, 'BR-V' || lpad(s::text, 4, '0') || '-' || lpad(v::text, 2, '0'), p.id,
            'locality', 'Village ' || s || '-' || v, 'गाँव', p.path || md5('v' || s || '-' || v)::uuid || '/'
       FROM generate_series(0, ${STATIONS - 1}) s, generate_series(0, ${VILLAGES_PER_STATION - 1}) v,
            LATERAL (SELECT id, path FROM jurisdiction_node WHERE id = md5('t' || s)::uuid) p`,
  );
  await ds.query(
    `INSERT INTO citizen_group (id, jurisdiction_node_id, name, join_code)
     SELECT md5('g' || code)::uuid, id, 'Group ' || code, code FROM jurisdiction_node
      WHERE level IN ('district', 'station', 'locality')`,
  );
  const [{ id: officerId }] = await ds.query<{ id: string }[]>(
    `INSERT INTO officer (username, display_name, password_hash, role) VALUES ('bench.hq', 'Bench HQ', 'x', 'hq_admin')
     RETURNING id`,
  );
  const station = stationOf(bigDistrict);
  const chunk = 250_000;
  for (let from = 0; from < citizens; from += chunk) {
    const to = Math.min(from + chunk, citizens) - 1;
    await ds.query(
      `INSERT INTO citizen (id, pseudonym, language, opted_out_at)
       SELECT md5('c' || i)::uuid, 'N-' || i, CASE WHEN i % 10 = 0 THEN 'en' ELSE 'hi' END,
              CASE WHEN i % 100 = 99 THEN now() END
         FROM generate_series(${from}, ${to}) i`,
    );
    const channel = `CASE WHEN i % 100 < 55 THEN 'sms' WHEN i % 100 < 95 THEN 'whatsapp' ELSE 'telegram' END`;
    await ds.query(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred, created_at)
       SELECT md5('c' || i)::uuid, ch, ${address('ch')}, md5(ch || i), '*****', NOT (ch = 'sms' AND i % 5 = 0), now() - interval '1 day'
         FROM (SELECT i, ${channel} AS ch FROM generate_series(${from}, ${to}) i) x`,
    );
    await ds.query(
      `INSERT INTO contact_point (citizen_id, channel, address_ciphertext, address_hash, address_masked, preferred)
       SELECT md5('c' || i)::uuid, 'whatsapp', ${address(`'whatsapp'`)}, md5('whatsapp' || i), '*****', true
         FROM generate_series(${from}, ${to}) i WHERE i % 100 < 55 AND i % 5 = 0`,
    );
    // own village; a third also in their district group; one in ten also in the next station's group of their district
    await ds.query(
      `INSERT INTO membership (group_id, citizen_id, status, consent)
       SELECT g, md5('c' || i)::uuid, 'active', '{"channel":"sms","words":"JOIN","noticeVersion":"bench"}'
         FROM (SELECT i, ${station} AS s FROM generate_series(${from}, ${to}) i) x,
         LATERAL (SELECT md5('gBR-V' || lpad(s::text, 4, '0') || '-' || lpad(((i / 7) % ${VILLAGES_PER_STATION})::text, 2, '0'))::uuid AS g
                  UNION ALL SELECT md5('gBR-D' || lpad((s % ${DISTRICTS})::text, 2, '0'))::uuid WHERE i % 3 = 0
                  UNION ALL SELECT md5('gBR-T' || lpad(((s + ${DISTRICTS}) % ${STATIONS - 32})::text, 4, '0'))::uuid
                   WHERE i % 10 = 1) m`,
    );
  }
  await ds.query(`VACUUM ANALYZE`);
  return {
    stateAudience: { jurisdictions: [{ nodeId: md5Uuid('state'), level: null }] },
    bigDistrictAudience: { jurisdictions: [{ nodeId: md5Uuid('d0'), level: 'locality' }] },
    officerId,
  };
}

/** The uuid the seed gives a node: md5 of its seed key, as PostgreSQL's md5(...)::uuid does. */
function md5Uuid(key: string): string {
  const h = createHash('md5').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The real CreateBroadcastHandler without Nest around it, and the state HQ officer of the world who sends. */
export function broadcastCreator(ds: DataSource, config: AppConfig, world: World) {
  return {
    handler: new CreateBroadcastHandler(
      ds,
      new BroadcastRepository(ds),
      new DeliveryRepository(ds),
      new AudienceRepository(ds),
      new ContentRuleRepository(ds),
      new DispatchQueue(new Outbox()),
      new AuditRecorder(new Outbox()),
      // No SMS provider here: the DLT register's check at creation has nothing to hold the text to.
      new ChannelRegistry([], [], { selections: [], routes: {}, settings: new Map() }),
      config,
    ),
    officer: {
      id: world.officerId,
      username: 'bench.hq',
      role: 'hq_admin' as const,
      jurisdictionNodeId: null,
      jurisdictionPath: null,
    },
  };
}

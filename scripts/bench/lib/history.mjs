// Long records for the reads and exports benches, written straight into the database (millions of rows in
// seconds, not through the API): one person with `days` days of check-ins, sittings and leg raises, and
// filler people with check-ins of their own, so the person's rows lie among many others'.
//   SQLite: recursive CTEs and one prepared insert in a few big transactions.
//   PostgreSQL: generate_series, with the table's keys and indexes built after the rows are in.
import { randomBytes } from 'node:crypto';
import { fromDist } from './util.mjs';

const DAY_MS = 86_400_000;
const AREAS = [
  '["lower-back"]',
  '["lower-back","buttock"]',
  '["buttock","back-of-thigh"]',
  '["lower-back","back-of-thigh","below-knee"]',
];
export const NO_WARNING_JSON = JSON.stringify({
  saddleNumbness: false,
  bladderChange: false,
  bowelChange: false,
  sexualDysfunction: false,
  numbness: 'none',
  legWeakness: 'none',
  weaknessWorsening: false,
});

/** The local date `days` before today (UTC). */
export const daysAgo = (days) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

/** A record id in the project's format (time first, then random), for a given instant. */
function idAt(ms, i) {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  let out = '';
  let rest = ms;
  for (let k = 0; k < 12; k++) {
    out = alphabet[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  let tail = '';
  let n = i;
  for (let k = 0; k < 6; k++) {
    tail = alphabet[n % 32] + tail;
    n = Math.floor(n / 32);
  }
  return (
    out +
    tail +
    randomBytes(8)
      .toString('hex')
      .slice(0, 8)
      .replace(/[^0-9a-f]/g, '0')
  );
}

/**
 * The rows of one person's `days` days ending today: a check-in, a sitting of the programme's
 * exercises (one log each, as the web player sends them) and a leg raise every day.
 */
export function personRows(userId, programmeId, exerciseIds, days, checkinsPerDay = 1) {
  const start = Date.now() - (days - 1) * DAY_MS;
  const checkins = [];
  const logs = [];
  const measurements = [];
  for (let d = 0; d < days; d++) {
    const day = start + d * DAY_MS;
    const date = new Date(day).toISOString().slice(0, 10);
    const at = (minutes) => new Date(Date.parse(`${date}T07:00:00.000Z`) + minutes * 60_000);
    for (let k = 0; k < checkinsPerDay; k++) {
      checkins.push({
        user_id: userId,
        id: idAt(at(-60 + k / 60).getTime(), d * 1000 + k),
        date,
        created_at: at(-60 + k / 60).toISOString(),
        pain_now: (d * 7 + k) % 11,
        pain_areas: AREAS[(d + k) % AREAS.length],
        leg_side: 'left',
        warning_signs: NO_WARNING_JSON,
        sitting_hours: 7,
        walking_breaks: 3,
        client_id: `bench-c-${d}-${k}`,
      });
    }
    exerciseIds.forEach((exerciseId, i) => {
      logs.push({
        user_id: userId,
        id: idAt(at(10 + i).getTime(), d * 100 + i),
        programme_id: programmeId,
        date,
        created_at: at(10 + i).toISOString(),
        entries: JSON.stringify([
          {
            exerciseId,
            done: { sets: 2, reps: 10 },
            tooEasy: false,
            felt: 'same',
            painSharper: false,
            painSpread: false,
            newNumbnessOrWeakness: false,
            planned: { sets: 2, amount: 10, unit: 'repetitions', repeats: 1, sides: 'each' },
          },
        ]),
        client_id: `bench-s-${d}-${i}`,
        sitting_id: `bench-sitting-${d}`,
      });
    });
    measurements.push({
      user_id: userId,
      id: idAt(at(30).getTime(), d),
      date,
      created_at: at(30).toISOString(),
      kind: 'slr-angle',
      side: d % 2 === 0 ? 'left' : 'right',
      value: 45 + (d % 25),
      client_id: `bench-m-${d}`,
    });
  }
  return { start: new Date(start).toISOString().slice(0, 10), checkins, logs, measurements };
}

/** Filler people and their check-ins, `perPerson` days each, ending today. */
function fillerPlan(total, perPerson) {
  const people = Math.max(1, Math.ceil(total / perPerson));
  return { people, perPerson, day0: daysAgo(perPerson - 1) };
}

/**
 * Fills a migrated SQLite database: `fillerCheckins` check-ins of filler people, then the person's
 * own days (their programme moved back to begin on the first). Returns the counts written.
 */
export async function fillSqlite(
  file,
  person,
  { days, fillerCheckins, perPerson = 1000, checkinsPerDay = 1 },
) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    // A bench database, dropped afterwards: no need to survive a power cut while it is filled.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -512000');
    const plan = fillerPlan(fillerCheckins, perPerson);
    db.exec('begin');
    db.prepare(
      `with recursive n(i) as (select 0 union all select i + 1 from n where i < ?)
       insert into users (id, email, password_hash, created_at, role, display_name)
       select printf('fill%022d', i), printf('fill-%d@example.org', i), 'bench', ?, 'person', null
       from n`,
    ).run(plan.people - 1, `${plan.day0}T00:00:00.000Z`);
    db.exec('commit');
    // Person by person, day by day: the keys' order, so the tables grow at their ends.
    const batch = 1_000_000;
    for (let from = 0; from < fillerCheckins; from += batch) {
      const to = Math.min(fillerCheckins, from + batch) - 1;
      db.exec('begin');
      db.prepare(
        `with recursive n(i) as (select ? union all select i + 1 from n where i < ?)
         insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
           warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
         select printf('fill%022d', i / ?), printf('%012d%014d', i % ?, i / ?),
           date(?, '+' || (i % ?) || ' days'), date(?, '+' || (i % ?) || ' days') || 'T07:00:00.000Z',
           (i * 7) % 11, '["lower-back","buttock"]', 'left', ?, 6.5, 3, null, 0,
           printf('c%012d', i % ?)
         from n`,
      ).run(
        from,
        to,
        plan.perPerson,
        plan.perPerson,
        plan.perPerson,
        plan.day0,
        plan.perPerson,
        plan.day0,
        plan.perPerson,
        NO_WARNING_JSON,
        plan.perPerson,
      );
      db.exec('commit');
    }
    const rows = personRows(
      person.id,
      person.programmeId,
      person.exerciseIds,
      days,
      checkinsPerDay,
    );
    const insert = (table, list) => {
      if (list.length === 0) return;
      const columns = Object.keys(list[0]);
      const statement = db.prepare(
        `insert into ${table} (${columns.join(', ')}${table === 'checkins' ? ', triage, programme_paused' : ''}${table === 'session_logs' ? ', programme_changes, warning_check_required' : ''})
         values (${columns.map((c) => `@${c}`).join(', ')}${table === 'checkins' ? ', null, 0' : ''}${table === 'session_logs' ? ", '[]', 0" : ''})`,
      );
      for (const row of list) statement.run(row);
    };
    db.exec('begin');
    insert('checkins', rows.checkins);
    insert('session_logs', rows.logs);
    insert('measurements', rows.measurements);
    const began = `${rows.start}T06:00:00.000Z`;
    db.prepare('update assessments set created_at = ? where user_id = ?').run(began, person.id);
    db.prepare('update programmes set created_at = ? where user_id = ?').run(began, person.id);
    db.exec('commit');
    db.pragma('synchronous = NORMAL');
    db.exec('analyze');
    return { people: plan.people, checkins: fillerCheckins + rows.checkins.length };
  } finally {
    db.close();
  }
}

/** Every index and constraint of a PostgreSQL table but its foreign keys, to drop and make again. */
async function keysOf(client, table) {
  const constraints = (
    await client.query(
      `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
       where conrelid = $1::regclass and contype in ('p', 'u', 'f')`,
      [table],
    )
  ).rows;
  const indexes = (
    await client.query(
      `select indexname as name, indexdef as def from pg_indexes
       where tablename = $1 and schemaname = current_schema()
         and indexname not in (select conname from pg_constraint where conrelid = $1::regclass)`,
      [table],
    )
  ).rows;
  return { constraints, indexes };
}

/**
 * Fills a migrated PostgreSQL database as `fillSqlite` does. The filler rows go in day by day across
 * people (as people check in), so a person's rows lie apart in the table's heap; the keys are built
 * after, and the tables vacuumed so index-only scans can skip the heap.
 */
export async function fillPostgres(
  url,
  person,
  { days, fillerCheckins, perPerson = 1000, checkinsPerDay = 1 },
) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const plan = fillerPlan(fillerCheckins, perPerson);
    await client.query(
      `insert into users (id, email, password_hash, created_at, role, display_name)
       select 'fill' || lpad(i::text, 22, '0'), 'fill-' || i || '@example.org', 'bench', $2, 'person', null
       from generate_series(0, $1::int - 1) i`,
      [plan.people, `${plan.day0}T00:00:00.000Z`],
    );
    const keys = await keysOf(client, 'checkins');
    for (const c of keys.constraints)
      await client.query(`alter table checkins drop constraint ${c.name}`);
    for (const i of keys.indexes) await client.query(`drop index ${i.name}`);
    await client.query(
      `insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
         warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
       select 'fill' || lpad((i % $1)::text, 22, '0'),
         lpad((i / $1)::text, 12, '0') || lpad((i % $1)::text, 14, '0'),
         to_char($2::date + (i / $1)::int, 'YYYY-MM-DD'),
         to_char($2::date + (i / $1)::int, 'YYYY-MM-DD') || 'T07:00:00.000Z',
         (i * 7) % 11, '["lower-back","buttock"]'::jsonb, 'left', $3::jsonb, 6.5, 3, null, false,
         'c' || lpad((i / $1)::text, 12, '0')
       from generate_series(0, $4::bigint - 1) i`,
      [plan.people, plan.day0, NO_WARNING_JSON, fillerCheckins],
    );
    const rows = personRows(
      person.id,
      person.programmeId,
      person.exerciseIds,
      days,
      checkinsPerDay,
    );
    const insert = async (table, list, extra) => {
      if (list.length === 0) return;
      const columns = [...Object.keys(list[0]), ...Object.keys(extra)];
      await client.query(
        `insert into ${table} (${columns.join(', ')})
         select * from json_populate_recordset(null::${table}, $1::json) as r`.replace(
          'select *',
          `select ${columns.join(', ')}`,
        ),
        // JSON columns go in as JSON (the SQLite rows hold them as text).
        [
          JSON.stringify(
            list.map((r) => {
              const row = { ...r, ...extra };
              for (const k of ['pain_areas', 'warning_signs', 'entries']) {
                if (typeof row[k] === 'string') row[k] = JSON.parse(row[k]);
              }
              return row;
            }),
          ),
        ],
      );
    };
    await insert('checkins', rows.checkins, { programme_paused: false });
    await insert('session_logs', rows.logs, {
      programme_changes: [],
      warning_check_required: false,
    });
    await insert('measurements', rows.measurements, {});
    const began = `${rows.start}T06:00:00.000Z`;
    await client.query('update assessments set created_at = $1 where user_id = $2', [
      began,
      person.id,
    ]);
    await client.query('update programmes set created_at = $1 where user_id = $2', [
      began,
      person.id,
    ]);
    for (const c of keys.constraints) {
      await client.query(`alter table checkins add constraint ${c.name} ${c.def}`);
    }
    for (const i of keys.indexes) await client.query(i.def);
    await client.query('vacuum analyze');
    return { people: plan.people, checkins: fillerCheckins + rows.checkins.length };
  } finally {
    await client.end();
  }
}

/** The bench person: a person made through the project's store, with their programme. */
export async function benchPerson(root, storeOptions) {
  const { makePeople, seedPeople } = await import('./util.mjs');
  const [person] = await makePeople(root, 1);
  const programme = await seedPeople(root, storeOptions, [person]);
  return {
    ...person,
    programmeId: programme.id,
    exerciseIds: programme.programme.items.map((i) => i.exerciseId),
  };
}

export { fromDist };

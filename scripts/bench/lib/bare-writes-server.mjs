// The floor for the writes bench: a bare Fastify server writing the same rows into the same tables as
// Backchain (a database migrated and seeded by the project's own store), with nothing else: no sign-in, no
// validation, no rules, no audit row. The person comes from an `x-bench-user` header.
//   POST /api/checkins  inserts the check-in row
//   POST /api/sessions  in one transaction: reads the current programme (parsing its JSON), inserts the
//                       session row, writes the programme back (the least a session that updates it can do)
// Started by scripts/bench/writes.mjs with BARE_SQLITE_FILE or BARE_DATABASE_URL; prints
// "listening on URL" on stderr when ready.
import Fastify from 'fastify';
import { randomUUID } from 'node:crypto';

const sqliteFile = process.env.BARE_SQLITE_FILE;
const databaseUrl = process.env.BARE_DATABASE_URL;

/** The check-in row as Backchain stores it (JSON columns as text). */
function checkinRow(userId, b, now) {
  return {
    user_id: userId,
    id: randomUUID(),
    date: b.date ?? now.slice(0, 10),
    created_at: now,
    pain_now: b.painNow ?? null,
    pain_areas: b.painAreas ? JSON.stringify(b.painAreas) : null,
    leg_side: b.legSide ?? null,
    warning_signs: JSON.stringify(b.warningSigns ?? {}),
    sitting_hours: b.sittingHours ?? null,
    walking_breaks: b.walkingBreaks ?? null,
    client_id: b.clientId ?? null,
  };
}

/** SQLite through better-sqlite3, with the pragmas Backchain uses and statements prepared once. */
async function sqliteWriter(file) {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  const insertCheckin = db.prepare(
    `insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side, warning_signs,
       sitting_hours, walking_breaks, triage, programme_paused, client_id)
     values (@user_id, @id, @date, @created_at, @pain_now, @pain_areas, @leg_side, @warning_signs,
       @sitting_hours, @walking_breaks, null, 0, @client_id)`,
  );
  const readProgramme = db.prepare(
    'select id, programme, state, revision from programmes where user_id = ? and current = 1',
  );
  const insertSession = db.prepare(
    `insert into session_logs (user_id, id, programme_id, date, created_at, entries, programme_changes,
       warning_check_required, client_id, sitting_id)
     values (?, ?, ?, ?, ?, ?, '[]', 0, ?, ?)`,
  );
  const writeProgramme = db.prepare(
    'update programmes set programme = ?, state = ?, revision = revision + 1 where user_id = ? and id = ?',
  );
  const session = db.transaction((userId, b, now) => {
    const p = readProgramme.get(userId);
    const programme = JSON.parse(p.programme);
    const state = JSON.parse(p.state);
    const id = randomUUID();
    insertSession.run(
      userId,
      id,
      p.id,
      b.date ?? now.slice(0, 10),
      now,
      JSON.stringify(b.entries),
      b.clientId ?? null,
      b.sittingId ?? null,
    );
    writeProgramme.run(JSON.stringify(programme), JSON.stringify(state), userId, p.id);
    return id;
  });
  return {
    checkin: async (userId, b, now) => {
      const row = checkinRow(userId, b, now);
      insertCheckin.run(row);
      return row.id;
    },
    session: async (userId, b, now) => session.immediate(userId, b, now),
    close: async () => db.close(),
  };
}

/** PostgreSQL through a pg pool (ten connections, its default). */
async function postgresWriter(url) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url });
  return {
    checkin: async (userId, b, now) => {
      const r = checkinRow(userId, b, now);
      await pool.query(
        `insert into checkins (user_id, id, date, created_at, pain_now, pain_areas, leg_side,
           warning_signs, sitting_hours, walking_breaks, triage, programme_paused, client_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, null, false, $11)`,
        [
          r.user_id,
          r.id,
          r.date,
          r.created_at,
          r.pain_now,
          r.pain_areas,
          r.leg_side,
          r.warning_signs,
          r.sitting_hours,
          r.walking_breaks,
          r.client_id,
        ],
      );
      return r.id;
    },
    session: async (userId, b, now) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const found = await client.query(
          'select id, programme, state from programmes where user_id = $1 and current for update',
          [userId],
        );
        const p = found.rows[0];
        const id = randomUUID();
        await client.query(
          `insert into session_logs (user_id, id, programme_id, date, created_at, entries,
             programme_changes, warning_check_required, client_id, sitting_id)
           values ($1, $2, $3, $4, $5, $6, '[]', false, $7, $8)`,
          [
            userId,
            id,
            p.id,
            b.date ?? now.slice(0, 10),
            now,
            JSON.stringify(b.entries),
            b.clientId ?? null,
            b.sittingId ?? null,
          ],
        );
        await client.query(
          'update programmes set programme = $1, state = $2, revision = revision + 1 where user_id = $3 and id = $4',
          [JSON.stringify(p.programme), JSON.stringify(p.state), userId, p.id],
        );
        await client.query('commit');
        return id;
      } catch (e) {
        await client.query('rollback').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const writer = sqliteFile
  ? await sqliteWriter(sqliteFile)
  : databaseUrl
    ? await postgresWriter(databaseUrl)
    : undefined;
if (!writer) {
  console.error('bare-writes-server: set BARE_SQLITE_FILE or BARE_DATABASE_URL');
  process.exit(2);
}

const app = Fastify();
app.post('/api/checkins', async (request, reply) => {
  const id = await writer.checkin(
    String(request.headers['x-bench-user']),
    request.body,
    new Date().toISOString(),
  );
  return reply.code(201).send({ id });
});
app.post('/api/sessions', async (request, reply) => {
  const id = await writer.session(
    String(request.headers['x-bench-user']),
    request.body,
    new Date().toISOString(),
  );
  return reply.code(201).send({ id });
});
const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.error(`bare-writes-server: listening on ${url}`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => writer.close())
    .then(() => process.exit(0));
});

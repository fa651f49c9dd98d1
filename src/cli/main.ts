#!/usr/bin/env node
// The `backchain` command: assess, plan and explain. Exit 0 on success, 2 on bad input or usage, 1 on a fault.
// Each command loads only what it uses (dynamic imports below): the engine, the knowledge base and zod
// for assess, plan and explain, the server for serve, the store for the operator's commands.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Intake } from '../engine/intake.js';
import type { Problem } from '../engine/problems.js';

const USAGE = `Usage:
  backchain assess [--answers FILE|-] [--json]   assess intake answers (asks the questions when no file is given)
  backchain plan --answers FILE|- [--json]       the assessment and the programme built from it
  backchain explain <id>                         a knowledge-base entry (exercise, contributor, self-care or topic) with its sources
  backchain serve [--port 3000] [--host 127.0.0.1] [--data ./data] [--trust-proxy ADDRESSES|true]
                  [--clinician-signup open|code]
                                                 start the API (and web app) on SQLite in the data folder,
                                                 or on PostgreSQL when DATABASE_URL is set; behind a reverse
                                                 proxy, --trust-proxy (or BACKCHAIN_TRUST_PROXY) names it;
                                                 --clinician-signup code (or BACKCHAIN_CLINICIAN_SIGNUP)
                                                 lets clinicians sign up only with a code from the operator
  backchain clinician-code [--days 14] [--data ./data]
                                                 a single-use code for one clinician's sign-up (printed once)
  backchain reset-password --email EMAIL [--data ./data]
                                                 give an account a new password (printed once, or read from
                                                 standard input with --password-stdin) and revoke every
                                                 session and token of that person
  backchain backup --to FILE [--data ./data]     an online, consistent copy of the SQLite database
  backchain restore --from FILE [--data ./data]  put a backup in place (with the server stopped)
  backchain --version                            the program and knowledge-base versions
`;

/** A failure the user can fix: printed on standard error, exit 2. */
class UsageError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => string;
  stdinIsTTY: boolean;
}

function readAnswersText(path: string, io: Io): string {
  if (path === '-') return io.readStdin();
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError([
      `--answers: expected a readable JSON file, got ${JSON.stringify(path)} (${code})`,
    ]);
  }
}

/** The parse step: answers from a file as JSON text, or from the interview as values. */
async function parseAnswers(
  answers: { text: string } | { values: Record<string, unknown> },
): Promise<Intake> {
  const { parseIntake, parseIntakeJson } = await import('../engine/intake.js');
  const parsed = 'text' in answers ? parseIntakeJson(answers.text) : parseIntake(answers.values);
  if (!parsed.ok) throw new UsageError(parsed.problems.map((p: Problem) => p.message));
  return parsed.value;
}

async function answersFromTerminal(io: Io): Promise<Intake | 'stop' | 'cancelled'> {
  const [{ clackAsker }, { interview }, { triageWords }] = await Promise.all([
    import('./clack-asker.js'),
    import('./interview.js'),
    import('../kb/triage.js'),
  ]);
  const outcome = await interview(clackAsker, { triage: triageWords });
  if (outcome.kind === 'cancelled') return 'cancelled';
  if (outcome.kind === 'stop') {
    // An emergency or urgent rule is certain: say so now, without assessing the questions not asked.
    const { level, advice, reasons } = outcome.warning;
    const why = reasons.map((r) => `  - ${r.text}`).join('\n');
    io.stdout(`\n${level.toUpperCase()}\n\n${advice}\n\nWhy:\n${why}\n`);
    return 'stop';
  }
  return await parseAnswers({ values: outcome.answers });
}

function command(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      answers: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      to: { type: 'string' },
      from: { type: 'string' },
      'trust-proxy': { type: 'string' },
      'clinician-signup': { type: 'string' },
      days: { type: 'string' },
      email: { type: 'string' },
      'password-stdin': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
  });
}

/** Runs the CLI with the given arguments; returns the exit code. Exported for in-process tests. */
export async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = command(argv);
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (values.version) {
    const { KB_VERSION } = await import('../kb/index.js');
    io.stdout(`backchain knowledge base ${KB_VERSION}\n`);
    return 0;
  }
  if (values.help || name === undefined || name === 'help') {
    (values.help || name === 'help' ? io.stdout : io.stderr)(USAGE);
    return values.help || name === 'help' ? 0 : 2;
  }
  try {
    switch (name) {
      case 'assess':
      case 'plan': {
        let answers: Intake;
        if (values.answers !== undefined) {
          answers = await parseAnswers({ text: readAnswersText(values.answers, io) });
        } else if (name === 'assess' && io.stdinIsTTY) {
          const got = await answersFromTerminal(io);
          if (got === 'stop') return 0;
          if (got === 'cancelled') {
            io.stderr('Cancelled: nothing was assessed.\n');
            return 2;
          }
          answers = got;
        } else {
          throw new UsageError([
            name === 'assess'
              ? '--answers: expected a file path or - (standard input is not a terminal, so the questions cannot be asked)'
              : '--answers: expected a file path or - (plan needs answers)',
          ]);
        }
        const [{ planFor }, { knowledgeBase: kb }, { renderAssessment, renderProgramme }] =
          await Promise.all([
            import('../engine/assess.js'),
            import('../kb/index.js'),
            import('./render.js'),
          ]);
        const { assessment, programme } = planFor(answers, kb);
        if (name === 'assess') {
          io.stdout(
            values.json
              ? `${JSON.stringify(assessment, null, 2)}\n`
              : `${renderAssessment(assessment, kb)}\n`,
          );
          return 0;
        }
        io.stdout(
          values.json
            ? `${JSON.stringify({ assessment, programme }, null, 2)}\n`
            : `${renderAssessment(assessment, kb)}\n\n${renderProgramme(programme, kb)}\n`,
        );
        return 0;
      }
      case 'explain': {
        const [{ knowledgeBase: kb }, { explainableIds, renderEntry }] = await Promise.all([
          import('../kb/index.js'),
          import('./render.js'),
        ]);
        const id = rest[0];
        if (id === undefined)
          throw new UsageError([
            `explain: expected an id, one of ${explainableIds(kb).join(', ')}`,
          ]);
        const text = renderEntry(kb, id);
        if (text === undefined) {
          throw new UsageError([
            `explain: expected one of ${explainableIds(kb).join(', ')}, got ${JSON.stringify(id)}`,
          ]);
        }
        io.stdout(`${text}\n`);
        return 0;
      }
      case 'serve': {
        const port = values.port === undefined ? 3000 : Number(values.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new UsageError([
            `--port: expected a whole number from 0 to 65535, got ${JSON.stringify(values.port)}`,
          ]);
        }
        const { parseClinicianSignup, parseTrustProxy, startServer, stopOnSignals } =
          await import('../server/serve.js');
        const { serveWebApp } = await import('../server/web.js');
        let trustProxy;
        let clinicianSignup;
        try {
          trustProxy = parseTrustProxy(values['trust-proxy'] ?? process.env.BACKCHAIN_TRUST_PROXY);
          clinicianSignup = parseClinicianSignup(
            values['clinician-signup'] ?? process.env.BACKCHAIN_CLINICIAN_SIGNUP,
          );
        } catch (err) {
          throw new UsageError([err instanceof Error ? err.message : String(err)]);
        }
        const running = await startServer({
          port,
          host: values.host ?? '127.0.0.1',
          dataDir: values.data ?? './data',
          databaseUrl: process.env.DATABASE_URL,
          extend: serveWebApp,
          trustProxy,
          clinicianSignup,
          // Only for tests and benches that load one account on purpose (README, Deployment).
          writeLimits: process.env.BACKCHAIN_WRITE_LIMITS === 'off' ? false : undefined,
        });
        io.stderr(
          `backchain: listening on ${running.url} (store: ${running.store.kind}; clinician sign-up: ${clinicianSignup})\n`,
        );
        stopOnSignals(running, (line) => {
          io.stderr(`${line}\n`);
        });
        // Runs until a signal stops it.
        return await new Promise<number>(() => undefined);
      }
      case 'backup': {
        if (values.to === undefined) {
          throw new UsageError(['--to: expected the file to write the backup to, got nothing']);
        }
        const { backupSqlite } = await import('../store/open.js');
        try {
          await backupSqlite(values.data ?? './data', values.to);
        } catch (err) {
          throw new UsageError([`backup: ${err instanceof Error ? err.message : String(err)}`]);
        }
        io.stdout(`Backed up to ${values.to}\n`);
        return 0;
      }
      case 'restore': {
        if (values.from === undefined) {
          throw new UsageError(['--from: expected a backup file, got nothing']);
        }
        const { restoreSqlite } = await import('../store/open.js');
        try {
          await restoreSqlite(values.from, values.data ?? './data');
        } catch (err) {
          throw new UsageError([`restore: ${err instanceof Error ? err.message : String(err)}`]);
        }
        io.stdout(`Restored from ${values.from}\n`);
        return 0;
      }
      case 'clinician-code': {
        const days = values.days === undefined ? 14 : Number(values.days);
        if (!Number.isInteger(days) || days < 1 || days > 90) {
          throw new UsageError([
            `--days: expected a whole number of days from 1 to 90, got ${JSON.stringify(values.days)}`,
          ]);
        }
        const { makeClinicianCode } = await import('./clinician-code.js');
        const made = await makeClinicianCode({
          dataDir: values.data ?? './data',
          databaseUrl: process.env.DATABASE_URL,
          days,
        });
        io.stdout(
          `Clinician sign-up code (shown once; single use; valid until ${made.expiresAt}):\n${made.code}\n`,
        );
        return 0;
      }
      case 'reset-password': {
        if (values.email === undefined) {
          throw new UsageError(['--email: expected the email address of the account, got nothing']);
        }
        const { resetPassword } = await import('./reset-password.js');
        const outcome = await resetPassword({
          email: values.email,
          dataDir: values.data ?? './data',
          databaseUrl: process.env.DATABASE_URL,
          password: values['password-stdin'] ? io.readStdin().replace(/\r?\n$/, '') : undefined,
        });
        if (!outcome.ok) throw new UsageError([outcome.problem]);
        io.stdout(
          outcome.generated
            ? `New password for ${outcome.email} (shown once; every session and token was revoked):\n${outcome.password}\n`
            : `Password changed for ${outcome.email}; every session and token was revoked.\n`,
        );
        return 0;
      }
      default:
        throw new UsageError([
          `command: expected assess, plan, explain, serve, clinician-code, backup, restore or reset-password, got ${JSON.stringify(name)}`,
          USAGE,
        ]);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.lines.join('\n')}\n`);
      return 2;
    }
    throw err;
  }
}

const isEntry =
  process.argv[1] !== undefined &&
  import.meta.url === new URL(`file://${fs.realpathSync(process.argv[1])}`).href;
if (isEntry) {
  const io: Io = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: () => fs.readFileSync(0, 'utf8'),
    stdinIsTTY: process.stdin.isTTY,
  };
  run(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `backchain: unexpected error: ${err instanceof Error ? err.message : String(err)}\n`,
      );
      process.exitCode = 1;
    },
  );
}

// Invitations and links between a person and a clinician (docs/clinician.md): the clinician invites with a short
// single-use code, the person reads who will see what and accepts, either side ends the link at any moment, and
// the person reads who looked at their record. Transport-free; browser-safe (Web Crypto only).
import type { z } from 'zod';
import type {
  CareLinkRecord,
  InvitationRecord,
  LimitRow,
  PageRequest,
  PersonStore,
  UserRecord,
} from '../store/types.js';
import { newId } from '../store/ids.js';
import { accessWords, asLinked } from './care-access.js';
import type * as responses from './responses.js';
import { RecordError, asPerson, audited, type RecordContext } from './records.js';

/** The code's letters: no 0/O, 1/I/L, so a code read aloud or copied by hand stays the same code. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;
/** How long an invitation can be used. */
export const INVITATION_DAYS = 7;
/** Failed code lookups a person may make in an hour. */
export const INVITE_LOOKUPS_PER_HOUR = 10;
const LOOKUP_WINDOW_MS = 3_600_000;

/** A new invitation code, 8 characters from the alphabet, drawn without bias from the platform's random source. */
export function newInvitationCode(): string {
  const out: string[] = [];
  // 248 = 8 × 31: bytes at or above it are skipped so every letter is equally likely.
  const limit = 256 - (256 % CODE_ALPHABET.length);
  while (out.length < CODE_LENGTH) {
    for (const b of globalThis.crypto.getRandomValues(new Uint8Array(16))) {
      if (b < limit && out.length < CODE_LENGTH)
        out.push(CODE_ALPHABET[b % CODE_ALPHABET.length] ?? '');
    }
  }
  return out.join('');
}

/** A code as shown: ABCD-EF23. */
export const showCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** A code as typed (any case, spaces or dashes) in the one form that is hashed. */
export const normaliseCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]+/g, '');

/**
 * The stored form of a code: sha256 of the normalised code, hex. Web Crypto, not node:crypto, so the
 * service stays the same code in the browser's device mode as on the server.
 */
export async function hashCode(typed: string): Promise<string> {
  const bytes = new TextEncoder().encode(`backchain-invitation:${normaliseCode(typed)}`);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** How a clinician is named to people: the display name they chose, or their email. */
export const clinicianName = (u: UserRecord): string => u.displayName ?? u.email;

/** Said of an account that is not there any more. */
export const LEFT_CLINICIAN = 'A clinician who has since left';

/** What a linked clinician sees: read to the person before they accept. */
export const WILL_SEE: readonly string[] = [
  'Your assessments: your answers, the warning signs and what the app advised',
  'Your programme, its history and the stop rules’ changes',
  'Your exercise sittings: what you did and how it went',
  'Your check-ins, including any warning signs you report',
  'Your leg-raise and toe-touch measurements',
  'Your outcome measures and your one-page report',
  'A copy of your whole record, if they ask for one',
];

/** What a linked clinician may change: read to the person before they accept. */
export const MAY_CHANGE: readonly string[] = [
  'Add or remove exercises, always within the app’s safety rules',
  'Set the dose and how many times a day, within each exercise’s safe range',
  'Add a note to an exercise, or to a change, for you to read',
  'Pause your programme, or start it again (they can never lift a pause a warning sign set)',
  'Ask you to fill in an outcome measure',
];

const unusable = () =>
  new RecordError(
    'not-found',
    'invitation-unusable',
    'This invitation cannot be used',
    'The code is unknown, already used, withdrawn or out of date. Please ask your clinician for a new one.',
  );

const tooManyTries = (retryAfterSeconds: number) => {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new RecordError(
    'limited',
    'too-many-tries',
    'Too many codes tried',
    `Please wait ${minutes <= 1 ? 'a minute' : `${minutes} minutes`} and try again, or ask your clinician for a new code.`,
    [],
    { retryAfterSeconds },
  );
};

const inviteKey = (personId: string) => ({
  scope: 'invite-lookup' as const,
  account: personId,
  address: '',
});

/**
 * Counts a lookup before the code is checked (so lookups made at the same moment cannot slip past the
 * limit), or refuses once a person has had 10 failed lookups in the hour.
 */
async function reserveLookup(ctx: RecordContext, personId: string): Promise<void> {
  const now = ctx.now().getTime();
  const refused = await ctx.store.updateLimits([inviteKey(personId)], ([row]) => {
    const fresh = !row || now - Date.parse(row.windowStart) >= LOOKUP_WINDOW_MS;
    const current: LimitRow = fresh
      ? { count: 0, windowStart: new Date(now).toISOString(), blockedUntil: null }
      : row;
    if (current.count >= INVITE_LOOKUPS_PER_HOUR) {
      const retry = Date.parse(current.windowStart) + LOOKUP_WINDOW_MS - now;
      return { rows: [undefined], result: Math.max(1, Math.ceil(retry / 1000)) };
    }
    return { rows: [{ ...current, count: current.count + 1 }], result: null };
  });
  if (refused !== null) throw tooManyTries(refused);
}

/** A lookup that found a usable code gives its count back: only failed lookups are limited. */
async function giveBackLookup(ctx: RecordContext, personId: string): Promise<void> {
  await ctx.store.updateLimits([inviteKey(personId)], ([row]) => ({
    rows: [row ? { ...row, count: Math.max(0, row.count - 1) } : undefined],
    result: null,
  }));
}

const usable = (inv: InvitationRecord | undefined, now: Date): inv is InvitationRecord =>
  inv !== undefined &&
  inv.usedAt === null &&
  inv.cancelledAt === null &&
  Date.parse(inv.expiresAt) > now.getTime();

/** Refuses an account that is not a clinician's (the server checks roles too: this is the service's own guard). */
async function requireClinician(ctx: RecordContext, clinicianId: string): Promise<UserRecord> {
  const user = await ctx.store.getUser(clinicianId);
  if (!user || user.role !== 'clinician') {
    throw new RecordError(
      'forbidden',
      'not-a-clinician',
      'Only for clinician accounts',
      'This is for clinicians following people who linked to them.',
    );
  }
  return user;
}

/** Refuses a clinician's account where only a person's will do: a clinician holds no record to share. */
async function requirePerson(ctx: RecordContext, personId: string): Promise<void> {
  const user = await ctx.store.getUser(personId);
  if (user?.role === 'clinician') {
    throw new RecordError(
      'forbidden',
      'clinician-account',
      'Not for clinician accounts',
      'A clinician account holds no health record, so it cannot accept an invitation.',
    );
  }
}

/** POST /api/clinician/invitations: the code is shown this once (only its hash is kept). */
export type InvitationMade = z.infer<typeof responses.invitationMade>;

/** Makes a single-use invitation valid for 7 days; the code is returned once and only its hash is kept. */
export async function createInvitation(
  ctx: RecordContext,
  clinicianId: string,
): Promise<InvitationMade> {
  await requireClinician(ctx, clinicianId);
  const now = ctx.now();
  const code = newInvitationCode();
  const invitation: InvitationRecord = {
    id: newId(now),
    clinicianId,
    codeHash: await hashCode(code),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
    usedAt: null,
    usedBy: null,
    cancelledAt: null,
  };
  // The clinician's own trail: until it is accepted, an invitation names no person.
  await asPerson(ctx, clinicianId, async (tx) => {
    await tx.store.addInvitation(invitation);
    await audited(tx, clinicianId, 'invite', invitation.id, 'ok');
  });
  const shown = showCode(code);
  return {
    id: invitation.id,
    code: shown,
    link: `/#/link/${shown}`,
    expiresAt: invitation.expiresAt,
  };
}

export type InvitationListItem = z.infer<typeof responses.invitationListItem>;
export type InvitationStatus = InvitationListItem['status'];

/** The clinician's invitations, newest first, each with where it stands now. */
export async function listInvitations(
  ctx: RecordContext,
  clinicianId: string,
): Promise<{ items: InvitationListItem[] }> {
  const now = ctx.now().getTime();
  const statusOf = (inv: InvitationRecord): InvitationStatus =>
    inv.usedAt !== null
      ? 'used'
      : inv.cancelledAt !== null
        ? 'cancelled'
        : Date.parse(inv.expiresAt) <= now
          ? 'expired'
          : 'open';
  const items = (await ctx.store.listInvitations(clinicianId)).map((inv): InvitationListItem => ({
    id: inv.id,
    createdAt: inv.createdAt,
    expiresAt: inv.expiresAt,
    status: statusOf(inv),
  }));
  return { items };
}

/** Withdraws an invitation nobody has accepted; not-found for a used, withdrawn or unknown one. */
export async function cancelInvitation(
  ctx: RecordContext,
  clinicianId: string,
  id: string,
): Promise<void> {
  await asPerson(ctx, clinicianId, async (tx) => {
    if (!(await tx.store.cancelInvitation(clinicianId, id, tx.now().toISOString()))) {
      throw new RecordError(
        'not-found',
        'not-found',
        'Not found',
        'There is no open invitation of yours with that id.',
      );
    }
    await audited(tx, clinicianId, 'delete', id, 'ok');
  });
}

export type InvitationPreview = z.infer<typeof responses.invitationPreview>;

/**
 * What accepting an invitation would share, for the person to read first. Unknown, used, withdrawn and
 * expired codes all answer `invitation-unusable`; a person trying codes is limited (10 failures an hour).
 */
export async function previewInvitation(
  ctx: RecordContext,
  personId: string,
  code: string,
): Promise<InvitationPreview> {
  await reserveLookup(ctx, personId);
  const inv = await ctx.store.getInvitationByCode(await hashCode(code));
  const clinician = usable(inv, ctx.now()) ? await ctx.store.getUser(inv.clinicianId) : undefined;
  if (!inv || !clinician) throw unusable();
  await giveBackLookup(ctx, personId);
  return {
    clinician: { name: clinicianName(clinician), email: clinician.email },
    expiresAt: inv.expiresAt,
    willSee: [...WILL_SEE],
    mayChange: [...MAY_CHANGE],
  };
}

/** A link as the person sees it. */
export type LinkView = z.infer<typeof responses.linkView>;

/** Looks each account up once, for a list that names the same clinician many times. */
function userCache(store: Pick<PersonStore, 'getUser'>) {
  const seen = new Map<string, Promise<UserRecord | undefined>>();
  return (id: string) => {
    let found = seen.get(id);
    if (!found) {
      found = store.getUser(id);
      seen.set(id, found);
    }
    return found;
  };
}

function linkView(link: CareLinkRecord, clinician: UserRecord | undefined): LinkView {
  return {
    id: link.id,
    clinician: clinician
      ? { id: clinician.id, name: clinicianName(clinician), email: clinician.email }
      : { id: link.clinicianId, name: LEFT_CLINICIAN, email: '' },
    status: link.status,
    createdAt: link.createdAt,
    endedAt: link.endedAt,
    endedBy: link.endedBy,
  };
}

/**
 * Accepts an invitation: from now the clinician may read the record and change the programme, until
 * either side ends the link. `already-linked` when the person has an active link to that clinician.
 */
export async function acceptInvitation(
  ctx: RecordContext,
  personId: string,
  code: string,
): Promise<LinkView> {
  await requirePerson(ctx, personId);
  await reserveLookup(ctx, personId);
  const codeHash = await hashCode(code);
  const view = await asPerson(ctx, personId, async (tx) => {
    const { store } = tx;
    const now = tx.now();
    const inv = await store.getInvitationByCode(codeHash);
    const clinician = usable(inv, now) ? await store.getUser(inv.clinicianId) : undefined;
    if (!inv || !clinician || clinician.id === personId) throw unusable();
    const link: CareLinkRecord = {
      userId: personId,
      id: newId(now),
      clinicianId: inv.clinicianId,
      invitationId: inv.id,
      createdAt: now.toISOString(),
      status: 'active',
      endedAt: null,
      endedBy: null,
      lastViewedAt: null,
    };
    const accepted = await store.acceptInvitation(codeHash, link);
    if (accepted === 'unusable') throw unusable();
    if (accepted === 'already-linked') {
      throw new RecordError(
        'conflict',
        'already-linked',
        'Already linked',
        `You already have an active link to ${clinicianName(clinician)}.`,
      );
    }
    await audited(tx, personId, 'link', link.id, 'ok');
    return linkView(link, clinician);
  }).catch(async (e: unknown) => {
    // A real code that could not be accepted now (already linked) was still a right guess: not a failure.
    if (e instanceof RecordError && e.code === 'already-linked')
      await giveBackLookup(ctx, personId);
    throw e;
  });
  await giveBackLookup(ctx, personId);
  return view;
}

/** The person's links, active and ended, newest first. */
export async function listLinks(
  ctx: RecordContext,
  personId: string,
): Promise<{ items: LinkView[] }> {
  const user = userCache(ctx.store);
  const links = await ctx.store.listLinksOfPerson(personId);
  return {
    items: await Promise.all(links.map(async (l) => linkView(l, await user(l.clinicianId)))),
  };
}

/** The person ends a link: the clinician loses access at once. */
export async function endLink(ctx: RecordContext, personId: string, linkId: string): Promise<void> {
  await asPerson(ctx, personId, async (tx) => {
    if (!(await tx.store.endLink(personId, linkId, tx.now().toISOString(), 'person'))) {
      throw new RecordError(
        'not-found',
        'not-found',
        'Not found',
        'You have no active link with that id.',
      );
    }
    await audited(tx, personId, 'unlink', linkId, 'ok');
  });
}

/** The clinician ends their link to a person (written to the person's trail). */
export async function endLinkByClinician(
  ctx: RecordContext,
  clinicianId: string,
  personId: string,
): Promise<void> {
  await asLinked(
    ctx,
    clinicianId,
    personId,
    'unlink',
    '/api/clinician/people/:personId',
    async (tx, link, note) => {
      note.resourceId = link.id;
      await tx.store.endLink(personId, link.id, tx.now().toISOString(), 'clinician');
    },
  );
}

export type AccessLogItem = z.infer<typeof responses.accessLogItem>;

/** The operator (the command line) and the service itself, as the person reads them. */
const NOT_A_CLINICIAN: Record<string, string> = {
  operator: 'The operator of this Backchain service',
  system: 'Backchain itself',
};

/**
 * Every read and change someone else made on the person's record, newest first, in plain words: who
 * (a clinician by the name they chose, or "A clinician who has since left"), and what they touched.
 */
export async function accessLog(
  ctx: RecordContext,
  personId: string,
  page: PageRequest,
): Promise<{ items: AccessLogItem[]; nextCursor: string | null }> {
  const rows = await ctx.store.listAuditByOthers(personId, page);
  const user = userCache(ctx.store);
  const items = await Promise.all(
    rows.items.map(async (row): Promise<AccessLogItem> => {
      const other = NOT_A_CLINICIAN[row.actor];
      const who: AccessLogItem['who'] =
        other !== undefined
          ? { id: row.actor, name: other, role: 'operator' }
          : await user(row.actor).then((u) => ({
              id: row.actor,
              name: u ? clinicianName(u) : LEFT_CLINICIAN,
              role: 'clinician' as const,
            }));
      return { at: row.at, who, action: row.action, what: accessWords(row.action, row.resource) };
    }),
  );
  return { items, nextCursor: rows.nextCursor };
}

// The clinician side of the FHIR export: a Practitioner per clinician, the CareTeam, a Consent per link, and the engine as a Device.
import type { CareLinkRecord } from '../store/types.js';
import {
  CONSENT_ACTIONS,
  CONSENT_ACTOR_ROLE,
  CONSENT_CATEGORY,
  CONSENT_POLICY_RULE,
  CONSENT_SCOPE,
  IDENTIFIER_SYSTEM,
} from './codes.js';
import { fhirId } from './common.js';
import type {
  CareTeam,
  CareTeamParticipant,
  Consent,
  Device,
  Practitioner,
  Reference,
} from './types.js';

/** A clinician the person was linked to, as the export may show them (never their password hash). */
export interface ExportClinician {
  id: string;
  /** The name they chose to be shown by; null if they never gave one. */
  displayName: string | null;
  email: string;
}

/** Finds the bundle's reference to a clinician, or a logical one when their account was since deleted. */
export type ClinicianReference = (clinicianId: string, nameThen?: string | null) => Reference;

/** The reference to a clinician the export holds no Practitioner for: their account id, and a name if one was kept. */
export function absentClinician(clinicianId: string, nameThen?: string | null): Reference {
  return {
    type: 'Practitioner',
    identifier: { system: IDENTIFIER_SYSTEM.user, value: clinicianId },
    display: nameThen ?? 'A clinician whose account has since been deleted',
  };
}

/** A clinician as a Practitioner: their account id, the name they are shown by, their email; nothing else is held. */
export function practitionerResource(c: ExportClinician): Practitioner {
  const resource: Practitioner = {
    resourceType: 'Practitioner',
    id: fhirId(c.id, `practitioner:${c.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEM.user, value: c.id }],
  };
  if (c.displayName) resource.name = [{ text: c.displayName }];
  resource.telecom = [{ system: 'email', value: c.email }];
  return resource;
}

/** Backchain's engine, the author of each programme's first version (made from the assessment, by rules). */
export function engineDevice(kbVersion: string): Device {
  return {
    resourceType: 'Device',
    id: 'backchain-engine',
    deviceName: [{ name: 'Backchain', type: 'user-friendly-name' }],
    type: { text: 'Self-care and triage software for low back pain' },
    version: [{ type: { text: 'Knowledge base' }, value: kbVersion }],
    note: [
      {
        text: 'Makes the first version of each programme from the person’s assessment, by fixed rules. Each programme’s knowledge-base version is in its tag.',
      },
    ],
  };
}

/**
 * The person's care team: the person and the clinicians of their active links; inactive when no link is
 * active (the ended links stay in the Consents). Undefined when the person never linked to anyone.
 */
export function careTeamResource(
  userId: string,
  links: readonly CareLinkRecord[],
  patient: Reference,
  clinician: ClinicianReference,
): CareTeam | undefined {
  if (links.length === 0) return undefined;
  const active = links.filter((l) => l.status === 'active');
  const starts = links.map((l) => l.createdAt).sort();
  const ends = links.flatMap((l) => (l.endedAt === null ? [] : [l.endedAt])).sort();
  const participant: CareTeamParticipant[] = [
    { role: [{ text: 'The person, who owns the record' }], member: patient },
    ...active.map((l): CareTeamParticipant => ({
      role: [{ text: 'Clinician the person linked to' }],
      member: clinician(l.clinicianId),
      period: { start: l.createdAt },
    })),
  ];
  const team: CareTeam = {
    resourceType: 'CareTeam',
    id: fhirId(`care-team-${userId}`, `care-team:${userId}`),
    status: active.length > 0 ? 'active' : 'inactive',
    name: 'The person and the clinicians they chose to link to in Backchain',
    subject: patient,
    period: { start: starts[0] ?? '' },
    participant,
  };
  const lastEnd = ends.at(-1);
  if (active.length === 0 && lastEnd !== undefined && team.period) team.period.end = lastEnd;
  return team;
}

/**
 * One link as a Consent: the person opted in by accepting an invitation, permitting one clinician to read
 * their record and change their programme for the link's period; inactive once either side ended it.
 */
export function consentResource(
  link: CareLinkRecord,
  patient: Reference,
  clinician: Reference,
): Consent {
  const ended = link.status === 'ended';
  return {
    resourceType: 'Consent',
    id: fhirId(link.id, `consent:${link.id}`),
    identifier: [{ system: IDENTIFIER_SYSTEM.link, value: link.id }],
    status: ended ? 'inactive' : 'active',
    scope: { coding: [CONSENT_SCOPE], text: 'Who may see and change the person’s record' },
    category: [{ coding: [CONSENT_CATEGORY] }],
    patient,
    dateTime: link.createdAt,
    performer: [patient],
    policyRule: {
      coding: [CONSENT_POLICY_RULE],
      text: 'The person accepted the clinician’s invitation, and may end the link at any moment.',
    },
    provision: {
      type: 'permit',
      period:
        ended && link.endedAt
          ? { start: link.createdAt, end: link.endedAt }
          : { start: link.createdAt },
      actor: [{ role: { coding: [CONSENT_ACTOR_ROLE] }, reference: clinician }],
      action: CONSENT_ACTIONS.map((c) => ({ coding: [c] })),
    },
  };
}

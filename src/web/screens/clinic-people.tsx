// The clinician's list of people, most in need first, as the API orders it: each row with its need in words,
// colour and icon, a reported warning with the advice given, a 30-day pain sparkline, sittings and a neutral count.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Load, ScreenTitle } from '../components/common.js';
import { clinicianApi, type PersonRow } from '../data/clinician-api.js';
import { localToday, useLoad } from '../hooks.js';
import { href } from '../router.js';
import { day, NeedBadge, OfflineNotice, PainSparkline, WarningFactBlock } from './clinic-parts.js';
import { daysWithDataWords, detailWords, lastCheckinWords, sittingsWords } from './clinic-words.js';

export default function ClinicPeople() {
  const { online, version } = useApp();
  const [round, setRound] = useState(0);
  // Offline there is nothing to show: the list lives on the server.
  const people = useLoad(
    async () => (online ? (await clinicianApi.people()).items : null),
    [round, version, online],
  );
  const today = localToday();
  return (
    <section aria-labelledby="screen-title" class="clinic">
      <ScreenTitle>Your people</ScreenTitle>
      <p class="lead">
        Most in need first: a warning sign since you last opened their record, then pain spreading
        or getting worse, then no check-in for 3 days or more, then fewer than half the planned
        sittings done.
      </p>
      {!online && <OfflineNotice />}
      <Load state={people}>
        {(rows) =>
          rows === null ? null : rows.length === 0 ? (
            <EmptyList />
          ) : (
            <>
              <div class="clinic-list-head">
                <p class="muted small" role="status">
                  {rows.length === 1 ? '1 person is' : `${rows.length} people are`} linked to you.
                </p>
                <button
                  type="button"
                  onClick={() => {
                    setRound((r) => r + 1);
                  }}
                >
                  Refresh
                </button>
              </div>
              <ol class="people-list">
                {rows.map((row) => (
                  <li key={row.personId}>
                    <PersonCard row={row} today={today} />
                  </li>
                ))}
              </ol>
            </>
          )
        }
      </Load>
    </section>
  );
}

function PersonCard({ row, today }: { row: PersonRow; today: string }) {
  const titleId = `person-${row.personId}`;
  return (
    <article class={`card person-card person-${row.need.kind}`} aria-labelledby={titleId}>
      <div class="person-card-head">
        <NeedBadge need={row.need} />
        <h2 id={titleId} class="person-name">
          <a href={href('clinic', 'person', row.personId)}>{row.email}</a>
        </h2>
      </div>
      {row.warning ? (
        <WarningFactBlock warning={row.warning} />
      ) : (
        row.need.kind !== 'none' && (
          <p class="person-need-detail">{detailWords(row.need.detail, day)}</p>
        )
      )}
      <div class="person-facts">
        <PainSparkline pain={row.pain} today={today} id={`${titleId}-pain`} />
        <ul class="person-counts small">
          <li>{sittingsWords(row.sittings)}</li>
          <li>
            {daysWithDataWords(row.daysWithData30)}{' '}
            <span class="muted">(a neutral count, not a billing code)</span>
          </li>
          <li>{lastCheckinWords(row.lastCheckin, today, day)}</li>
          <li class="muted">
            Linked since {day(row.linkedSince)}
            {row.lastViewedAt ? ` · you last opened their record ${day(row.lastViewedAt)}` : ''}
          </li>
        </ul>
      </div>
    </article>
  );
}

function EmptyList() {
  return (
    <section class="card clinic-empty" aria-labelledby="empty-title">
      <h2 id="empty-title" class="card-title">
        No one is linked to you yet
      </h2>
      <p>People appear here once they accept your invitation. To invite someone:</p>
      <ol class="steps">
        <li>Make an invitation: you get a short code and a link.</li>
        <li>Give the person the code, or send them the link. It works once, for 7 days.</li>
        <li>
          They open it signed in to their own Backchain account, read what you will see and what you
          may change, and choose whether to accept.
        </li>
      </ol>
      <div class="actions">
        <a class="button primary" href={href('clinic', 'invite')}>
          Invite someone
        </a>
      </div>
    </section>
  );
}

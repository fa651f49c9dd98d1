// Moving what this device holds into the account, offered once signed in, and what is left on the device after.
import { useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { loadDeviceRepo } from '../data/device.js';
import {
  clearDeviceData,
  describeMove,
  deviceCounts,
  moveDeviceDataToAccount,
  type Counts,
  type MoveReport,
} from '../data/move-to-account.js';
import { useLoad } from '../hooks.js';
import { saveFile } from './report-download.js';
import type { Arrival } from './account-arrival.js';

const NOUN: Record<keyof Counts, [string, string]> = {
  assessment: ['set of answers', 'sets of answers'],
  session: ['exercise sitting', 'exercise sittings'],
  checkin: ['check-in', 'check-ins'],
  measurement: ['measurement', 'measurements'],
};

function countWords(counts: Counts): string {
  const parts = (Object.keys(NOUN) as (keyof Counts)[])
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${NOUN[k][counts[k] === 1 ? 0 : 1]}`);
  return parts.length <= 1
    ? (parts[0] ?? 'nothing')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** Offers to move what this device holds into the account, runs the move, and says how it went. */
export function MoveOffer({ accountId, arrival }: { accountId: string; arrival: Arrival }) {
  const app = useApp();
  const [round, setRound] = useState(0);
  const counts = useLoad(() => deviceCounts(), [round]);
  const [dismissed, setDismissed] = useState(false);
  const [moving, setMoving] = useState(false);
  const [report, setReport] = useState<MoveReport | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const move = async () => {
    setMoving(true);
    setNote(null);
    try {
      const result = await moveDeviceDataToAccount(accountId);
      setReport(result);
      app.changed();
    } catch (error) {
      setNote(
        `The move could not run: ${error instanceof Error ? error.message : String(error)}. Everything is still on this device.`,
      );
    } finally {
      setMoving(false);
      setRound((r) => r + 1);
    }
    requestAnimationFrame(() => {
      document.getElementById('move-result')?.focus();
    });
  };

  const saveCopy = async () => {
    const repo = await loadDeviceRepo();
    const file = await repo.exportFile('json');
    if (file.ok) {
      saveFile('backchain-this-device.json', file.value.type, file.value.body);
      setNote('Saved backchain-this-device.json to your downloads.');
    } else {
      setNote(`${file.error.title}.`);
    }
  };

  const removeCopy = async () => {
    await clearDeviceData();
    setReport(null);
    setNote('This device’s copy has been removed.');
    setRound((r) => r + 1);
  };

  const words = report ? describeMove(report) : null;
  const held = counts.status === 'ready' ? counts.value : null;

  return (
    <>
      {words && (
        <div
          class={`notice notice-${words.tone}`}
          id="move-result"
          tabIndex={-1}
          role={words.tone === 'success' ? 'status' : 'alert'}
        >
          <p class="notice-title">{words.title}</p>
          {words.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
          {words.refusals.length > 0 && (
            <ul>
              {words.refusals.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          )}
          {report?.status === 'complete' && report.refused.length > 0 && (
            <>
              <p>
                They are still on this device. You can save a copy of everything on this device as a
                file, then remove this device’s copy, or keep it.
              </p>
              <div class="actions">
                <button type="button" onClick={() => void saveCopy()}>
                  Save this device’s copy as a file
                </button>
                <button type="button" class="danger" onClick={() => void removeCopy()}>
                  Remove this device’s copy
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {note && <p role="status">{note}</p>}
      {held && !dismissed && report?.status !== 'complete' && (
        <section class="card move-offer" aria-labelledby="move-title">
          <h2 id="move-title" class="card-title">
            {arrival === 'signup'
              ? 'Move the answers, sessions and check-ins on this device to your new account?'
              : 'This device also holds data from before you logged in'}
          </h2>
          <p>This device holds {countWords(held)}.</p>
          {arrival !== 'signup' && (
            <p>
              Moving adds them to your account, after what it already holds; the moved answers then
              decide your programme.
            </p>
          )}
          <p>
            Each item is sent in the order it happened and checked again by the server. This
            device’s copy is removed only once everything has arrived; if the connection drops, it
            stays here and you can try again without anything being sent twice.
          </p>
          <div class="actions">
            <button type="button" class="primary" disabled={moving} onClick={() => void move()}>
              {report?.status === 'stopped' ? 'Try moving again' : 'Move them to my account'}
            </button>
            <button
              type="button"
              disabled={moving}
              onClick={() => {
                setDismissed(true);
              }}
            >
              Not now
            </button>
          </div>
          <p role="status" class="muted">
            {moving ? 'Moving your data… please keep this page open.' : ''}
          </p>
        </section>
      )}
      {held && dismissed && (
        <p class="muted small">
          This device still holds {countWords(held)}; it is not shown while you are logged in.{' '}
          <button
            type="button"
            class="link-button"
            onClick={() => {
              setDismissed(false);
            }}
          >
            Move it to my account
          </button>
        </p>
      )}
    </>
  );
}

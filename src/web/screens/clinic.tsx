// The clinician's side of the app (#/clinic): their people by need, one person (#/clinic/person/<id>), their
// one-page report (#/clinic/person/<id>/report) and invitations (#/clinic/invite). Each part is loaded when first opened; all of them need the network.
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context.js';
import { Notice, ScreenTitle } from '../components/common.js';
import type { ScreenProps } from '../screen-props.js';
import { href } from '../router.js';
import './clinic.css';

type Part = { default: FunctionComponent<{ personId: string }> };

/** The three parts of the clinician's side, each its own module. */
const PARTS = {
  people: () => import('./clinic-people.js') as Promise<Part>,
  invite: () => import('./clinic-invite.js') as Promise<Part>,
  person: () => import('./clinic-person.js') as Promise<Part>,
  report: () => import('./clinic-report.js') as Promise<Part>,
} as const;

export default function Clinic({ params }: ScreenProps) {
  const { account } = useApp();
  if (!account) {
    return (
      <section aria-labelledby="screen-title">
        <ScreenTitle>For clinicians</ScreenTitle>
        <p>
          Physiotherapists and other clinicians follow the people who choose to link to them here.
          Log in with a clinician account, or create one, to see your people.
        </p>
        <div class="actions">
          <a class="button primary" href={href('account')}>
            Log in or create an account
          </a>
        </div>
      </section>
    );
  }
  if (account.role !== 'clinician') {
    return (
      <section aria-labelledby="screen-title">
        <ScreenTitle>For clinicians only</ScreenTitle>
        <p>
          This part of Backchain is for clinicians following the people linked to them. Your account
          is for your own back: your programme, check-ins and progress are on Home.
        </p>
        <div class="actions">
          <a class="button primary" href={href('home')}>
            Home
          </a>
        </div>
      </section>
    );
  }
  const [first, second, third] = params;
  if (first === 'person' && second) {
    return <PartHost part={third === 'report' ? 'report' : 'person'} personId={second} />;
  }
  if (first === 'invite') return <PartHost part="invite" personId="" />;
  return <PartHost part="people" personId="" />;
}

function PartHost({ part, personId }: { part: keyof typeof PARTS; personId: string }) {
  const [loaded, setLoaded] = useState<{ part: string; View: Part['default'] } | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
    PARTS[part]().then(
      (m) => {
        if (live) setLoaded({ part, View: m.default });
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [part]);
  useEffect(() => {
    // The shell focused the heading before this part arrived: focus the part's own heading now.
    if (loaded?.part === part)
      document.getElementById('screen-title')?.focus({ preventScroll: true });
  }, [loaded, part]);
  if (failed) {
    return (
      <Notice tone="warning" title="This page could not be loaded">
        <p>The clinician’s pages need the network. Check your connection and try again.</p>
      </Notice>
    );
  }
  if (loaded?.part !== part) return <p class="muted">Loading…</p>;
  const { View } = loaded;
  return <View personId={personId} />;
}

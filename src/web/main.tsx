// The web app's entry: the page shell, the screen router, where data lives, and the service worker.
import './zod-config.js';
import type { FunctionComponent } from 'preact';
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import {
  accountFrom,
  AppContext,
  type Account,
  type AppServices,
  type MeAnswer,
} from './app-context.js';
import {
  ApiRepo,
  cancelOutboxRetry,
  dismissRefused,
  flushOutbox,
  onOutboxFlushed,
  pendingCount,
  refusedNotice,
  refusedRecords,
  type FlushResult,
  type RefusedRecord,
} from './data/api-repo.js';
import { deviceRepo, resetDeviceRepo } from './data/device.js';
import { api } from './data/http.js';
import { kvDeletePrefix, kvGet, kvSet, outboxClear } from './data/idb.js';
import { BrandMark, NavIcon } from './components/nav-icons.js';
import { href, parseHash, type Route, type RouteId } from './router.js';
import { ScreenTitle } from './components/common.js';
import Home from './screens/home.js';
import type { ScreenProps } from './screen-props.js';
import './styles.css';

type ScreenModule = { default: FunctionComponent<ScreenProps> };

/** Every screen but the first is loaded when it is first opened, to keep the first load small. */
const SCREENS: Record<Exclude<RouteId, 'home'>, () => Promise<ScreenModule>> = {
  intake: () => import('./screens/intake.js'),
  result: () => import('./screens/result.js'),
  programme: () => import('./screens/programme.js'),
  session: () => import('./screens/session.js'),
  checkin: () => import('./screens/checkin.js'),
  progress: () => import('./screens/progress.js'),
  measure: () => import('./screens/measure.js'),
  learn: () => import('./screens/learn.js'),
  reminders: () => import('./screens/reminders.js'),
  report: () => import('./screens/report.js'),
  account: () => import('./screens/account.js'),
  clinic: () => import('./screens/clinic.js'),
  link: () => import('./screens/link.js'),
  outcomes: () => import('./screens/outcomes.js'),
};

const TITLES: Record<RouteId, string> = {
  home: 'Welcome',
  intake: 'Questions',
  result: 'Your result',
  programme: 'Your programme',
  session: 'Exercise session',
  checkin: 'Daily check-in',
  progress: 'Progress',
  measure: 'Measure',
  learn: 'Learn',
  reminders: 'Reminders',
  report: 'Report for your clinician',
  account: 'Account',
  clinic: 'Your people',
  link: 'An invitation from a clinician',
  outcomes: 'Outcome measures',
};

/**
 * Screens about a person's own record. A clinician account has none, so these say so instead of
 * loading (the server would refuse their data anyway).
 */
const PERSON_ONLY: ReadonlySet<RouteId> = new Set<RouteId>([
  'intake',
  'result',
  'programme',
  'session',
  'checkin',
  'progress',
  'measure',
  'reminders',
  'report',
  'outcomes',
  'link',
]);

/** One place the navigation leads to: its address, icon and name, and when it is the current one. */
interface NavItem {
  key: string;
  href: string;
  icon: Parameters<typeof NavIcon>[0]['id'];
  label: string;
  current: (route: Route) => boolean;
}

const screenItem = (id: RouteId, label: string): NavItem => ({
  key: id,
  href: href(id),
  icon: id,
  label,
  current: (route) => route.id === id,
});

/** The tabs a phone shows at the bottom of the screen; the rest sit behind "More" (all show on wide screens). */
const TABS: NavItem[] = [
  screenItem('home', 'Home'),
  screenItem('programme', 'Plan'),
  screenItem('checkin', 'Check-in'),
  screenItem('learn', 'Learn'),
];
const MORE: NavItem[] = [
  screenItem('progress', 'Progress'),
  screenItem('measure', 'Measure'),
  screenItem('outcomes', 'Outcomes'),
  screenItem('reminders', 'Reminders'),
  screenItem('report', 'Report'),
  screenItem('account', 'Account'),
];

/** A clinician's shell: their people, inviting someone, and the account; nothing sits behind "More". */
const CLINICIAN_TABS: NavItem[] = [
  {
    key: 'people',
    href: href('clinic'),
    icon: 'clinic',
    label: 'People',
    current: (route) => route.id === 'clinic' && route.params[0] !== 'invite',
  },
  {
    key: 'invite',
    href: href('clinic', 'invite'),
    icon: 'invite',
    label: 'Invite',
    current: (route) => route.id === 'clinic' && route.params[0] === 'invite',
  },
  screenItem('account', 'Account'),
];

/** What a clinician sees on a screen about a person's own record, instead of the screen. */
function NotForClinicians({ route }: { route: RouteId }) {
  return (
    <section aria-labelledby="screen-title">
      <ScreenTitle>
        {route === 'link'
          ? 'This invitation is for the person you treat'
          : 'Not part of a clinician account'}
      </ScreenTitle>
      {route === 'link' ? (
        <p>
          You are signed in with a clinician account. An invitation link is for the person you
          invite: send it to them, and they accept it signed in to their own account.
        </p>
      ) : (
        <p>
          This screen is for a person’s own back. A clinician account has no questions, programme,
          check-ins or sittings of its own. To see a person’s, open them from your list of people.
        </p>
      )}
      <div class="actions">
        <a class="button primary" href={href('clinic')}>
          Your people
        </a>
      </div>
    </section>
  );
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => {
      setRoute(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', update);
    // The address may have changed between the first render and now: catch up with it.
    update();
    return () => {
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}

function ScreenHost({ route, clinician }: { route: Route; clinician: boolean }) {
  const [loaded, setLoaded] = useState<{ id: RouteId; Screen: FunctionComponent<ScreenProps> }>(
    () => ({ id: 'home', Screen: Home }),
  );
  const [failed, setFailed] = useState(false);
  const refused = clinician && PERSON_ONLY.has(route.id);
  useEffect(() => {
    let live = true;
    setFailed(false);
    if (refused) return;
    if (route.id === 'home') {
      setLoaded({ id: 'home', Screen: Home });
      return;
    }
    SCREENS[route.id]().then(
      (m) => {
        if (live) setLoaded({ id: route.id, Screen: m.default });
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
    };
  }, [route.id, refused]);
  // A new view (a new screen, or a new topic on the same screen) opens at its top, with focus on its
  // heading so keyboard and screen-reader users start there.
  const view = refused
    ? `refused/${route.id}`
    : loaded.id === route.id
      ? `${route.id}/${route.params.join('/')}`
      : '';
  useEffect(() => {
    if (!view) return;
    document.title = `${refused ? 'Not for a clinician account' : TITLES[loaded.id]} · Backchain`;
    if (loaded.id !== 'home' || window.location.hash) {
      window.scrollTo(0, 0);
      document.getElementById('screen-title')?.focus({ preventScroll: true });
    }
  }, [view]);
  if (refused) return <NotForClinicians route={route.id} />;
  if (failed)
    return (
      <p role="alert">
        This screen could not be loaded. If you are offline, open Backchain once online first.
      </p>
    );
  if (loaded.id !== route.id) return <p class="muted">Loading…</p>;
  const { Screen } = loaded;
  return <Screen params={route.params} />;
}

function App() {
  const asked = useRoute();
  const [online, setOnline] = useState(navigator.onLine);
  const [account, setAccountState] = useState<Account | null>(null);
  const [pending, setPending] = useState(0);
  // Saved records the server refused for good, and whether what waits is held back by the server (429, 5xx).
  const [refused, setRefused] = useState<RefusedRecord[]>([]);
  const [held, setHeld] = useState(false);
  const [version, setVersion] = useState(0);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void (async () => {
      const saved = await kvGet<MeAnswer>('account');
      if (saved) {
        const me = await api<MeAnswer>('GET', '/api/me');
        if (me.ok) {
          const fresh = accountFrom(me.value);
          setAccountState(fresh);
          await kvSet('account', fresh);
        } else if (me.error.kind === 'network') setAccountState(accountFrom(saved));
        else await kvSet('account', null);
      }
      setReady(true);
    })();
  }, []);

  const sync = useCallback(async () => {
    if (!account) return;
    await flushOutbox().catch(() => undefined);
  }, [account]);

  // Every pass over the outbox, the timed retries after a 429 or a fault included, updates the bar.
  useEffect(() => {
    if (!account) return;
    const update = (result?: FlushResult) => {
      void pendingCount().then(setPending);
      void refusedRecords().then(setRefused);
      if (result) {
        const why = result.stoppedBy?.kind;
        setHeld(why === 'limited' || why === 'server' || why === 'conflict');
      }
      if (result && result.sentUnawaited > 0) setVersion((v) => v + 1);
    };
    update();
    return onOutboxFlushed(update);
  }, [account]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => {
      setOnline(false);
    };
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void sync();
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [sync]);

  // One API repository for the app's life: screens keyed on `repo` must not reload on every change.
  const apiRepo = useMemo(() => new ApiRepo(), []);
  const clinician = account?.role === 'clinician';
  // A clinician's home is their list of people: the person's Home has nothing for them.
  const route: Route = clinician && asked.id === 'home' ? { id: 'clinic', params: [] } : asked;
  useEffect(() => {
    if (clinician && asked.id === 'home') window.location.replace(href('clinic'));
  }, [clinician, asked.id]);
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => {
    setMenuOpen(false);
  }, [route.id]);

  const services = useMemo<AppServices>(
    () => ({
      repo: account ? apiRepo : deviceRepo,
      online,
      account,
      pending,
      version,
      setAccount: (next) => {
        resetDeviceRepo();
        if (next === null) {
          // What belonged to the account must not stay here for whoever uses the device next.
          cancelOutboxRetry();
          void Promise.all([kvDeletePrefix('cache:'), outboxClear()]).then(() => {
            setPending(0);
            setRefused([]);
          });
        }
        setAccountState(next);
        void kvSet('account', next);
        setVersion((v) => v + 1);
      },
      changed: () => {
        setVersion((v) => v + 1);
        if (account) {
          void pendingCount().then(setPending);
          void refusedRecords().then(setRefused);
        }
      },
    }),
    [account, apiRepo, online, pending, version],
  );

  return (
    <AppContext.Provider value={services}>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          // The hash holds the route, so the skip link moves focus itself instead of navigating.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <a class="brand" href={clinician ? href('clinic') : href('home')}>
            <BrandMark />
            Backchain
          </a>
          {clinician && (
            <span class="role-badge" title="You are signed in with a clinician account">
              Clinician
            </span>
          )}
          <nav
            aria-label="Main"
            class="main-nav"
            onKeyDown={(event) => {
              if (event.key === 'Escape' && menuOpen) {
                setMenuOpen(false);
                document.querySelector<HTMLButtonElement>('.nav-more')?.focus();
              }
            }}
          >
            {clinician ? (
              <ul class="tabs tabs-three">
                {CLINICIAN_TABS.map((item) => (
                  <li key={item.key}>
                    <NavLink item={item} route={route} />
                  </li>
                ))}
              </ul>
            ) : (
              <>
                <ul class="tabs">
                  {TABS.map((item) => (
                    <li key={item.key}>
                      <NavLink item={item} route={route} />
                    </li>
                  ))}
                  <li class="more-item">
                    <button
                      type="button"
                      class={
                        MORE.some((m) => m.current(route)) ? 'nav-more more-current' : 'nav-more'
                      }
                      aria-expanded={menuOpen}
                      aria-controls="more-menu"
                      onClick={() => {
                        setMenuOpen(!menuOpen);
                      }}
                    >
                      <NavIcon id="more" />
                      More
                    </button>
                  </li>
                </ul>
                <ul id="more-menu" class={menuOpen ? 'more-menu' : 'more-menu more-closed'}>
                  {MORE.map((item) => (
                    <li key={item.key}>
                      <NavLink item={item} route={route} />
                    </li>
                  ))}
                </ul>
              </>
            )}
          </nav>
        </div>
      </header>
      {!online && (
        <p class="connection" role="status">
          You are offline.{' '}
          {clinician
            ? 'Your people’s records come from the server: they show again once you are online.'
            : account
              ? 'Check-ins, sessions and measurements are kept on this device and sent later.'
              : ''}
        </p>
      )}
      {online && pending > 0 && (
        <p class="connection" role="status">
          {held
            ? `${String(pending)} saved record${pending === 1 ? ' is' : 's are'} kept on this device; the server is busy, so Backchain will send ${pending === 1 ? 'it' : 'them'} shortly.`
            : `Sending ${String(pending)} saved record${pending === 1 ? '' : 's'} to your account…`}
        </p>
      )}
      {account && refused.length > 0 && (
        <div class="connection" role="status">
          {refusedNotice(refused)}{' '}
          <button
            type="button"
            onClick={() => {
              void dismissRefused().then(() => {
                setRefused([]);
                setVersion((v) => v + 1);
              });
            }}
          >
            OK
          </button>
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {ready ? <ScreenHost route={route} clinician={clinician} /> : <p class="muted">Loading…</p>}
      </main>
      <footer class="site-footer">
        <p>
          Backchain gives general self-care information, not a diagnosis. If something feels
          seriously wrong, call your emergency number.
        </p>
      </footer>
    </AppContext.Provider>
  );
}

function NavLink({ item, route }: { item: NavItem; route: Route }) {
  return (
    <a href={item.href} aria-current={item.current(route) ? 'page' : undefined} class="nav-link">
      <NavIcon id={item.icon} />
      <span>{item.label}</span>
    </a>
  );
}

const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}

if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    void navigator.serviceWorker.register('/sw.js');
  });
}

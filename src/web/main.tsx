// The web app's entry: the page shell, the screen router, where data lives, and the service worker.
import './zod-config.js';
import type { FunctionComponent } from 'preact';
import { render } from 'preact';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { AppContext, type Account, type AppServices } from './app-context.js';
import { ApiRepo, flushOutbox, pendingCount } from './data/api-repo.js';
import { deviceRepo, resetDeviceRepo } from './data/device.js';
import { api } from './data/http.js';
import { kvDeletePrefix, kvGet, kvSet, outboxClear } from './data/idb.js';
import { href, parseHash, type Route, type RouteId } from './router.js';
import Home from './screens/home.js';
import './styles.css';

export interface ScreenProps {
  params: string[];
}

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
};

const NAV: { id: RouteId; label: string }[] = [
  { id: 'programme', label: 'Programme' },
  { id: 'checkin', label: 'Check-in' },
  { id: 'progress', label: 'Progress' },
  { id: 'learn', label: 'Learn' },
  { id: 'measure', label: 'Measure' },
  { id: 'reminders', label: 'Reminders' },
  { id: 'report', label: 'Report' },
  { id: 'account', label: 'Account' },
];

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => {
      setRoute(parseHash(window.location.hash));
    };
    window.addEventListener('hashchange', update);
    return () => {
      window.removeEventListener('hashchange', update);
    };
  }, []);
  return route;
}

function ScreenHost({ route }: { route: Route }) {
  const [loaded, setLoaded] = useState<{ id: RouteId; Screen: FunctionComponent<ScreenProps> }>(
    () => ({ id: 'home', Screen: Home }),
  );
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setFailed(false);
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
  }, [route.id]);
  useEffect(() => {
    document.title = `${TITLES[loaded.id]} · Backchain`;
    // Move focus to the new screen's heading so keyboard and screen-reader users start there.
    if (loaded.id !== 'home' || window.location.hash) {
      document.getElementById('screen-title')?.focus();
    }
  }, [loaded.id]);
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
  const route = useRoute();
  const [online, setOnline] = useState(navigator.onLine);
  const [account, setAccountState] = useState<Account | null>(null);
  const [pending, setPending] = useState(0);
  const [version, setVersion] = useState(0);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void (async () => {
      const saved = await kvGet<Account>('account');
      if (saved) {
        const me = await api<Account>('GET', '/api/me');
        if (me.ok) setAccountState({ id: me.value.id, email: me.value.email });
        else if (me.error.kind === 'network') setAccountState(saved);
        else await kvSet('account', null);
      }
      setReady(true);
    })();
  }, []);

  const sync = useCallback(async () => {
    if (!account) return;
    const sent = await flushOutbox();
    setPending(await pendingCount());
    if (sent > 0) setVersion((v) => v + 1);
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
          void Promise.all([kvDeletePrefix('cache:'), outboxClear()]).then(() => {
            setPending(0);
          });
        }
        setAccountState(next);
        void kvSet('account', next);
        setVersion((v) => v + 1);
      },
      changed: () => {
        setVersion((v) => v + 1);
        if (account) void pendingCount().then(setPending);
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
        <a class="brand" href={href('home')}>
          Backchain
        </a>
        <button
          type="button"
          class="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => {
            setMenuOpen(!menuOpen);
          }}
        >
          Menu
        </button>
        <nav aria-label="Main" id="main-nav" class={menuOpen ? 'nav-open' : 'nav-closed'}>
          <ul>
            {NAV.map((item) => (
              <li key={item.id}>
                <a
                  href={href(item.id)}
                  aria-current={route.id === item.id ? 'page' : undefined}
                  class="nav-link"
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      {!online && (
        <p class="connection" role="status">
          You are offline.{' '}
          {account ? 'Check-ins and sessions are kept on this device and sent later.' : ''}
        </p>
      )}
      {online && pending > 0 && (
        <p class="connection" role="status">
          Sending {pending} saved record{pending === 1 ? '' : 's'} to your account…
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {ready ? <ScreenHost route={route} /> : <p class="muted">Loading…</p>}
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

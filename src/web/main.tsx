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
import { BrandMark, NavIcon } from './components/nav-icons.js';
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

/** The tabs a phone shows at the bottom of the screen; the rest sit behind "More" (all show on wide screens). */
const TABS: { id: RouteId; label: string }[] = [
  { id: 'home', label: 'Home' },
  { id: 'programme', label: 'Plan' },
  { id: 'checkin', label: 'Check-in' },
  { id: 'learn', label: 'Learn' },
];
const MORE: { id: RouteId; label: string }[] = [
  { id: 'progress', label: 'Progress' },
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
    // The address may have changed between the first render and now: catch up with it.
    update();
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
  // A new view (a new screen, or a new topic on the same screen) opens at its top, with focus on its
  // heading so keyboard and screen-reader users start there.
  const view = loaded.id === route.id ? `${route.id}/${route.params.join('/')}` : '';
  useEffect(() => {
    if (!view) return;
    document.title = `${TITLES[loaded.id]} · Backchain`;
    if (loaded.id !== 'home' || window.location.hash) {
      window.scrollTo(0, 0);
      document.getElementById('screen-title')?.focus({ preventScroll: true });
    }
  }, [view]);
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
        <div class="site-header-inner">
          <a class="brand" href={href('home')}>
            <BrandMark />
            Backchain
          </a>
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
            <ul class="tabs">
              {TABS.map((item) => (
                <li key={item.id}>
                  <NavLink item={item} current={route.id} />
                </li>
              ))}
              <li class="more-item">
                <button
                  type="button"
                  class={MORE.some((m) => m.id === route.id) ? 'nav-more more-current' : 'nav-more'}
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
                <li key={item.id}>
                  <NavLink item={item} current={route.id} />
                </li>
              ))}
            </ul>
          </nav>
        </div>
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

function NavLink({ item, current }: { item: { id: RouteId; label: string }; current: RouteId }) {
  return (
    <a
      href={href(item.id)}
      aria-current={current === item.id ? 'page' : undefined}
      class="nav-link"
    >
      <NavIcon id={item.id} />
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

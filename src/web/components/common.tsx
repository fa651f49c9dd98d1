// Small building blocks every screen uses, so headings, notices and loading look and behave the same.
import type { ComponentChildren } from 'preact';
import type { Failure } from '../data/types.js';
import type { Loaded } from '../hooks.js';

/** The screen's heading: focused on arrival so screen readers announce the new screen. */
export function ScreenTitle({ children }: { children: ComponentChildren }) {
  return (
    <h1 id="screen-title" tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Notice({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'warning' | 'danger' | 'success';
  title?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class={`notice notice-${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      {title && <p class="notice-title">{title}</p>}
      {children}
    </div>
  );
}

export function FailureNotice({ failure }: { failure: Failure }) {
  if (failure.kind === 'invalid') {
    return (
      <Notice tone="danger" title={failure.title}>
        <ul>
          {failure.problems.map((p) => (
            <li key={p.path}>{p.message}</li>
          ))}
        </ul>
      </Notice>
    );
  }
  return (
    <Notice tone={failure.kind === 'network' ? 'warning' : 'danger'} title={failure.title}>
      <p>{failure.detail}</p>
    </Notice>
  );
}

/** Shows a loading line, a failure, or the loaded content. */
export function Load<T>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (value: T) => ComponentChildren;
}) {
  if (state.status === 'loading') return <p class="muted">Loading…</p>;
  if (state.status === 'failed')
    return (
      <Notice tone="danger" title="Something went wrong">
        <p>{state.message}</p>
      </Notice>
    );
  return <>{children(state.value)}</>;
}

/**
 * Re-renders a React component whenever a Lumino signal fires.
 *
 * Built on useSyncExternalStore, React's hook for state kept outside React: a change it reports
 * is rendered synchronously (in a microtask), not in a task of React's scheduler. For the live
 * DAG that matters: the analysis runs in a microtask after a keystroke, and a render left to a
 * later task would wait behind the browser's next frame (tens of milliseconds of style and
 * layout in a 1,000-cell notebook), so the DAG would lag a frame behind the typed text.
 */
import { ISignal } from '@lumino/signaling';
import { useCallback, useRef, useSyncExternalStore } from 'react';

/** Returns how many times `signal` has fired since this component subscribed. */
export function useSignal<T, U>(signal: ISignal<T, U>): number {
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      const bump = () => {
        version.current += 1;
        onChange();
      };
      signal.connect(bump);
      return () => {
        signal.disconnect(bump);
      };
    },
    [signal]
  );
  return useSyncExternalStore(subscribe, () => version.current);
}

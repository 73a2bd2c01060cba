/**
 * Re-renders a React component whenever a Lumino signal fires.
 *
 * Built on useSyncExternalStore, React's hook for state kept outside React: a change it reports
 * is rendered synchronously (in a microtask), not in a task of React's scheduler. For the live
 * DAG that matters: the analysis runs in a microtask after a keystroke, and a render left to a
 * later task would wait behind the browser's next frame (tens of milliseconds of style and
 * layout in a 1,000-cell notebook), so the DAG would lag a frame behind the typed text.
 *
 * React subscribes after the first render has been committed (in an effect), so a signal that
 * fires in between (a fetch that ends just then, say) must not be lost: each signal's firings
 * are counted from the first render that reads it, and React, once subscribed, sees that the
 * count moved and renders again. Losing it left a memoised section, which nothing else
 * re-renders, showing what it showed before the change (the runs list empty after a reload).
 */
import { ISignal } from '@lumino/signaling';
import { useCallback, useSyncExternalStore } from 'react';

/** How many times each signal has fired since a component first read it. */
const firings = new WeakMap<ISignal<unknown, unknown>, { count: number }>();

/**
 * The firing count of `signal`, counting from now on. The counting slot is connected before
 * any component's, so the count has moved when a component hears the signal; it lives as long
 * as the signal's sender (Lumino keeps connections with the sender).
 */
function firingsOf(signal: ISignal<unknown, unknown>): { count: number } {
  let counted = firings.get(signal);
  if (!counted) {
    const count = { count: 0 };
    signal.connect(() => {
      count.count += 1;
    });
    firings.set(signal, count);
    counted = count;
  }
  return counted;
}

/** Returns how many times `signal` has fired since a component first read it. */
export function useSignal<T, U>(signal: ISignal<T, U>): number {
  const counted = firingsOf(signal as ISignal<unknown, unknown>);
  const subscribe = useCallback(
    (onChange: () => void) => {
      signal.connect(onChange);
      return () => {
        signal.disconnect(onChange);
      };
    },
    [signal]
  );
  return useSyncExternalStore(subscribe, () => counted.count);
}

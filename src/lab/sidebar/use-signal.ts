/** Re-renders a React component whenever a Lumino signal fires (connected in useEffect). */
import { ISignal } from '@lumino/signaling';
import { useEffect, useState } from 'react';

export function useSignal<T, U>(signal: ISignal<T, U>): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion(v => v + 1);
    signal.connect(bump);
    return () => {
      signal.disconnect(bump);
    };
  }, [signal]);
  return version;
}

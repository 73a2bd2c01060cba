/**
 * @jest-environment jsdom
 *
 * useSignal: a component re-renders when its signal fires, including a firing that comes after
 * its first render and before React has subscribed (an effect runs in between here, as a fetch
 * ending at that moment would).
 */
import { Signal } from '@lumino/signaling';
import React, { useLayoutEffect } from 'react';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { useSignal } from '../../../src/lab/sidebar/use-signal';

// React's act() warns unless told it runs in a test environment.
(
  globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }
).IS_REACT_ACT_ENVIRONMENT = true;

class Store {
  value = 'empty';
  readonly changed = new Signal<this, void>(this);
  set(value: string): void {
    this.value = value;
    this.changed.emit();
  }
}

/** Memoised, as the sidebar's sections are: only its signal re-renders it. */
const Reader = React.memo(function Reader(props: { store: Store }) {
  useSignal(props.store.changed);
  return <span data-testid="value">{props.store.value}</span>;
});

/** Changes the store in a layout effect: after the Reader rendered, before its subscription. */
function ChangeBeforeSubscription(props: { store: Store }): null {
  useLayoutEffect(() => props.store.set('loaded'), [props.store]);
  return null;
}

function mount(element: React.ReactElement) {
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  act(() => root.render(element));
  return {
    text: () => container.textContent,
    unmount: () => act(() => root.unmount())
  };
}

describe('useSignal', () => {
  it('re-renders when the signal fires', () => {
    const store = new Store();
    const view = mount(<Reader store={store} />);
    expect(view.text()).toBe('empty');
    act(() => store.set('one'));
    expect(view.text()).toBe('one');
    act(() => store.set('two'));
    expect(view.text()).toBe('two');
    view.unmount();
  });

  it('does not lose a firing between the first render and the subscription', () => {
    const store = new Store();
    const view = mount(
      <>
        <Reader store={store} />
        <ChangeBeforeSubscription store={store} />
      </>
    );
    expect(view.text()).toBe('loaded');
    view.unmount();
  });

  it('stops listening once unmounted', () => {
    const store = new Store();
    const connect = jest.spyOn(store.changed, 'connect');
    const disconnect = jest.spyOn(store.changed, 'disconnect');
    const view = mount(<Reader store={store} />);
    // React's own slot: the first connection is the firing count's (one per signal)
    const reacts = connect.mock.calls
      .map(([slot]) => slot)
      .filter((_, i) => i > 0);
    expect(reacts).toHaveLength(1);
    view.unmount();
    expect(disconnect.mock.calls.map(([slot]) => slot)).toEqual(reacts);
    expect(() => store.set('after')).not.toThrow();
    expect(view.text()).toBe('');
  });
});

import {
  menuItemAfterKey,
  menuOpenedByKey
} from '../../../src/lab/sidebar/menu-keys';

describe('menu keys', () => {
  it.each([
    ['ArrowDown', 0, 1],
    ['ArrowDown', 2, 0],
    ['ArrowUp', 0, 2],
    ['ArrowUp', 2, 1],
    ['Home', 2, 0],
    ['End', 0, 2]
  ])('%s from item %i of three focuses item %i', (key, from, to) => {
    expect(menuItemAfterKey(key, from, 3)).toBe(to);
  });

  it('leaves other keys to the browser (Enter clicks the item, Tab leaves)', () => {
    for (const key of ['Enter', ' ', 'Tab', 'a', 'ArrowLeft']) {
      expect(menuItemAfterKey(key, 1, 3)).toBeNull();
    }
  });

  it('opens from its button on the arrows, at the first or the last item', () => {
    expect(menuOpenedByKey('ArrowDown', 3)).toBe(0);
    expect(menuOpenedByKey('ArrowUp', 3)).toBe(2);
    expect(menuOpenedByKey('Enter', 3)).toBeNull();
  });
});

/**
 * The keys of a menu opened from a button (WAI-ARIA's menu button pattern): the arrows move
 * through the items and wrap, Home and End go to the first and the last.
 */

/** The item that has the focus after `key`, from item `current` of `count`; null: not a menu key. */
export function menuItemAfterKey(
  key: string,
  current: number,
  count: number
): number | null {
  switch (key) {
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** On the menu's button: the keys that open the menu, and the item they focus first. */
export function menuOpenedByKey(key: string, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return 0;
    case 'ArrowUp':
      return count - 1;
    default:
      return null;
  }
}

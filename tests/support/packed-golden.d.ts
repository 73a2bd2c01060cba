/** Types for packed-golden.js (CommonJS, shared with scripts/refresh-golden-compile.mjs). */
export function readablePacked(text: string): string;

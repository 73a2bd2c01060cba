import fc from 'fast-check';

/** Strings a hostile user might type: template and shell syntax, quotes, escapes, unicode, long runs. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  fc
    .array(
      fc.constantFrom(
        '{{ x }}',
        '{%',
        '%}',
        '${HOME}',
        '$(id)',
        "'",
        '"',
        "'''",
        '"""',
        '\\',
        '\\n',
        '\n',
        '\r\n',
        '\r',
        '\t',
        '\0',
        '#',
        ': ',
        '- ',
        '&a',
        '*a',
        '!!python/object',
        '\u2028',
        '\u0085',
        '\ufeff',
        '\ud800',
        '\udfff',
        '😀',
        '👨‍👩‍👧',
        'é',
        '\u202e',
        '\x7f',
        '`'
      ),
      { maxLength: 40 }
    )
    .map(parts => parts.join('')),
  fc.constant('x'.repeat(10 * 1024) + '\'"\\\n{{}}')
);

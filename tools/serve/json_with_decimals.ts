/** A JSON number written with a fraction or an exponent ("1.0", "2e3"): TF Serving reads it as a float feature, "1" as int64. */
export class JsonDecimal {
  constructor(readonly value: number) {}
  /** JSON.stringify (an error message quoting the request) writes the number. */
  toJSON(): number { return this.value; }
}

/**
 * JSON.parse that keeps what JSON.parse forgets: whether a number was written as a
 * decimal. Decimal numbers come back as JsonDecimal, whole ones as plain numbers.
 * Accepts NaN, Infinity and -Infinity as TF Serving's parser does. Throws SyntaxError.
 */
export function parseJsonWithDecimals(text: string): unknown {
  let pos = 0;
  const fail = (what: string): never => { throw new SyntaxError(`${what} at offset ${pos}`); };
  const space = () => { while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++; };
  const NUMBER = /-?(?:Infinity|NaN|(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/y;
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

  const value = (): unknown => {
    space();
    const c = text[pos];
    if (c === '{') {
      pos++;
      const out: Record<string, unknown> = {};
      space();
      if (text[pos] === '}') { pos++; return out; }
      for (;;) {
        space();
        if (text[pos] !== '"') fail('Missing a name for object member');
        const key = string();
        space();
        if (text[pos++] !== ':') fail("Missing ':' after an object member's name");
        // Defined, not assigned: a "__proto__" key is data, as JSON.parse makes it.
        Object.defineProperty(out, key, { value: value(), enumerable: true, writable: true, configurable: true });
        space();
        const sep = text[pos++];
        if (sep === '}') return out;
        if (sep !== ',') fail("Missing ',' or '}' after an object member");
      }
    }
    if (c === '[') {
      pos++;
      const out: unknown[] = [];
      space();
      if (text[pos] === ']') { pos++; return out; }
      for (;;) {
        out.push(value());
        space();
        const sep = text[pos++];
        if (sep === ']') return out;
        if (sep !== ',') fail("Missing ',' or ']' after an array element");
      }
    }
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) { pos += word.length; return v; }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (!m) return fail('Invalid value');
    pos += m[0].length;
    const n = m[0].endsWith('NaN') ? NaN : Number(m[0]);
    // Infinity and NaN are floats too: only a plain integer literal is whole.
    return m[1] !== undefined || m[2] !== undefined || !Number.isFinite(n) ? new JsonDecimal(n) : n;
  };

  const string = (): string => {
    STRING.lastIndex = pos;
    const m = STRING.exec(text);
    if (!m) return fail('Invalid string');
    pos += m[0].length;
    return JSON.parse(m[0]) as string;
  };

  const doc = value();
  space();
  if (pos !== text.length) fail('The document root must not be followed by other values');
  return doc;
}

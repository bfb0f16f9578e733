/**
 * A small TypeScript tokenizer for tools/check_imports.ts: just enough to find import forms
 * without being fooled by what looks like code inside strings, template literals, comments
 * or regular expressions. TypeScript 7's package has no JavaScript compiler API (its root
 * export is the version only; parsing happens in the native binary), hence our own.
 *
 * It does not parse: it yields names, punctuation and literal strings in order, each with
 * the offset it starts at. Template literals with substitutions yield a 'template' token per
 * text piece and the tokens of each `${...}` between them, so an import inside one is seen.
 * A string, template or comment left open is an error rather than a guess: valid TypeScript
 * has none, so one means the tokenizer lost its place (a regular expression read as a division,
 * say), and everything after it, imports included, would be misread.
 */

export type TokenKind = 'name' | 'string' | 'template' | 'number' | 'punct' | 'regex';

export interface Token {
  kind: TokenKind;
  /** The name, the punctuator, a string's value (escapes decoded), or a template piece as written. */
  text: string;
  /** Offset in the source of its first character. */
  pos: number;
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await', 'extends',
]);
/** Tokens after which a `/` divides: the end of an operand (but see CONDITION_KEYWORDS). */
const ENDS_OPERAND = new Set([')', ']', '}']);
/** `if (...) /re/.test(s)`: the `)` closing these keywords' parentheses ends no operand. */
const CONDITION_KEYWORDS = new Set(['if', 'while', 'for', 'with']);

const isNameStart = (c: string) => /[A-Za-z_$\u0080-\uffff#@]/.test(c);
const isNamePart = (c: string) => /[\w$\u0080-\uffff]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Longest first, so that `?.` is not read as `?` then `.`. */
const PUNCTUATORS = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '**', '<<', '>>'];

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0' };

/** A string literal's value: `'\x2e/x'` names './x' as surely as `'./x'` does. */
function stringValue(raw: string): string {
  return raw.replace(/\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|(\r\n|[\s\S]))/g,
    (_, hex: string, codePoint: string, unit: string, other: string) => {
      if (hex || codePoint || unit) return String.fromCodePoint(parseInt(hex || codePoint || unit, 16));
      if (other === '\n' || other === '\r\n' || other === '\r' || other === '\u2028' || other === '\u2029') return '';
      return SIMPLE_ESCAPES[other] ?? other;
    });
}

/** The source cannot be read as tokens; `pos` is where the unterminated literal starts. */
export class UnreadableSourceError extends Error {
  constructor(message: string, readonly pos: number) { super(message); }
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  /** One entry per open `{`: for a template substitution `${`, where its template starts; else null. */
  const braces: Array<number | null> = [];
  /** One entry per open `(`: whether it follows if/while/for/with. */
  const parens: boolean[] = [];
  /** Whether the last token is a `)` that closed a condition (see CONDITION_KEYWORDS). */
  let afterCondition = false;
  let i = src.startsWith('#!') ? src.indexOf('\n') : 0;
  if (i < 0) return tokens;
  const n = src.length;

  /** Whether the token at k follows a `.` (a property name, not a keyword). */
  const isMember = (k: number) => tokens[k - 1]?.kind === 'punct' && (tokens[k - 1].text === '.' || tokens[k - 1].text === '?.');

  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === 'name') return BEFORE_EXPRESSION.has(prev.text);
    if (prev.kind === 'punct') return afterCondition || !ENDS_OPERAND.has(prev.text);
    return false;
  };

  /** Reads a quoted string from its opening quote; returns the offset after the closing one. */
  const readQuoted = (start: number): number => {
    const quote = src[start];
    let j = start + 1;
    while (j < n && src[j] !== quote && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
    if (j >= n || src[j] !== quote) throw new UnreadableSourceError('unterminated string literal', start);
    tokens.push({ kind: 'string', text: stringValue(src.slice(start + 1, j)), pos: start });
    return j + 1;
  };

  /**
   * Reads template text from `start` (just after a backtick or a substitution's `}`) to the
   * closing backtick or the next `${`; returns the offset after it and whether it opened a substitution.
   * `templateStart` is its template's backtick, where the template is whole only if the piece starts there.
   */
  const readTemplatePiece = (start: number, tokenPos: number, templateStart: number): [number, boolean] => {
    let j = start;
    while (j < n && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
    if (j >= n) throw new UnreadableSourceError('unterminated template literal', templateStart);
    const opensSubstitution = j < n && src[j] === '$';
    // A template without substitutions is a plain string: import(`./x`) names a module.
    const whole = tokenPos === templateStart && !opensSubstitution;
    tokens.push({ kind: whole ? 'string' : 'template', text: whole ? stringValue(src.slice(start, j)) : src.slice(start, j), pos: tokenPos });
    return [opensSubstitution ? j + 2 : j + 1, opensSubstitution];
  };

  /** Reads a regular expression literal from its `/`, or returns -1 if none ends on this line. */
  const readRegex = (start: number): number => {
    let j = start + 1, inClass = false;
    for (; j < n && src[j] !== '\n'; j++) {
      const c = src[j];
      if (c === '\\') j++;
      else if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
    }
    if (j >= n || src[j] !== '/') return -1;
    j++;
    while (j < n && isNamePart(src[j])) j++;
    tokens.push({ kind: 'regex', text: src.slice(start, j), pos: start });
    return j;
  };

  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') { const end = src.indexOf('\n', i); i = end < 0 ? n : end; continue; }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new UnreadableSourceError('unterminated comment', i);
      i = end + 2;
      continue;
    }
    if (c === '\'' || c === '"') { i = readQuoted(i); continue; }
    if (c === '`') {
      const [next, opened] = readTemplatePiece(i + 1, i, i);
      if (opened) braces.push(i);
      i = next;
      continue;
    }
    if (c === '}' && typeof braces[braces.length - 1] === 'number') {
      const templateStart = braces.pop()!;
      const [next, opened] = readTemplatePiece(i + 1, i, templateStart);
      if (opened) braces.push(templateStart);
      i = next;
      continue;
    }
    if (c === '/' && regexAllowed()) {
      const end = readRegex(i);
      if (end >= 0) { i = end; continue; }
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && (isNamePart(src[j]) || src[j] === '.')) j++;
      tokens.push({ kind: 'number', text: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (isNameStart(c) || c === '\\') {
      let j = i + 1;
      while (j < n && isNamePart(src[j])) j++;
      tokens.push({ kind: 'name', text: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (c === '{') braces.push(null);
    else if (c === '}') braces.pop();
    const prev = tokens[tokens.length - 1];
    if (c === '(') parens.push(prev?.kind === 'name' && CONDITION_KEYWORDS.has(prev.text) && !isMember(tokens.length - 1));
    const closesCondition = c === ')' && parens.pop() === true;
    const punct = PUNCTUATORS.find((p) => src.startsWith(p, i)) ?? c;
    tokens.push({ kind: 'punct', text: punct, pos: i });
    i += punct.length;
    afterCondition = closesCondition;
  }
  const openTemplate = braces.find((b) => b !== null);
  if (openTemplate != null) throw new UnreadableSourceError('unterminated template literal', openTemplate);
  return tokens;
}

/**
 * A small TypeScript tokenizer for tools/check_imports.ts: just enough to find import forms
 * without being fooled by what looks like code inside strings, template literals, comments
 * or regular expressions. TypeScript 7's package has no JavaScript compiler API (its root
 * export is the version only; parsing happens in the native binary), hence our own.
 *
 * It does not parse: it yields names, punctuation and literal strings in order, each with
 * the offset it starts at. Template literals with substitutions yield a 'template' token per
 * text piece and the tokens of each `${...}` between them, so an import inside one is seen.
 */

export type TokenKind = 'name' | 'string' | 'template' | 'number' | 'punct' | 'regex';

export interface Token {
  kind: TokenKind;
  /** The name, the punctuator, or a string's value with its escapes left as written. */
  text: string;
  /** Offset in the source of its first character. */
  pos: number;
}

/** Keywords after which a `/` starts a regular expression rather than a division. */
const BEFORE_EXPRESSION = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else',
  'yield', 'await', 'extends',
]);
/** Tokens after which a `/` divides: the end of an operand. */
const ENDS_OPERAND = new Set([')', ']', '}']);

const isNameStart = (c: string) => /[A-Za-z_$\u0080-\uffff#@]/.test(c);
const isNamePart = (c: string) => /[\w$\u0080-\uffff]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Longest first, so that `?.` is not read as `?` then `.`. */
const PUNCTUATORS = ['>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '**', '<<', '>>'];

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  /** One entry per open `{`: true when it opened a template substitution `${`. */
  const braces: boolean[] = [];
  let i = src.startsWith('#!') ? src.indexOf('\n') : 0;
  if (i < 0) return tokens;
  const n = src.length;

  const regexAllowed = () => {
    const prev = tokens[tokens.length - 1];
    if (!prev) return true;
    if (prev.kind === 'name') return BEFORE_EXPRESSION.has(prev.text);
    if (prev.kind === 'punct') return !ENDS_OPERAND.has(prev.text);
    return false;
  };

  /** Reads a quoted string from its opening quote; returns the offset after the closing one. */
  const readQuoted = (start: number): number => {
    const quote = src[start];
    let j = start + 1;
    while (j < n && src[j] !== quote && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
    tokens.push({ kind: 'string', text: src.slice(start + 1, Math.min(j, n)), pos: start });
    return j + 1;
  };

  /**
   * Reads template text from `start` (just after a backtick or a substitution's `}`) to the
   * closing backtick or the next `${`; returns the offset after it and whether it opened a substitution.
   */
  const readTemplatePiece = (start: number, tokenPos: number, whole: boolean): [number, boolean] => {
    let j = start;
    while (j < n && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
    const opensSubstitution = j < n && src[j] === '$';
    // A template without substitutions is a plain string: import(`./x`) names a module.
    const kind = whole && !opensSubstitution ? 'string' : 'template';
    tokens.push({ kind, text: src.slice(start, Math.min(j, n)), pos: tokenPos });
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
    if (c === '/' && src[i + 1] === '*') { const end = src.indexOf('*/', i + 2); i = end < 0 ? n : end + 2; continue; }
    if (c === '\'' || c === '"') { i = readQuoted(i); continue; }
    if (c === '`') {
      const [next, opened] = readTemplatePiece(i + 1, i, true);
      if (opened) braces.push(true);
      i = next;
      continue;
    }
    if (c === '}' && braces[braces.length - 1] === true) {
      braces.pop();
      const [next, opened] = readTemplatePiece(i + 1, i, false);
      if (opened) braces.push(true);
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
    if (c === '{') braces.push(false);
    else if (c === '}') braces.pop();
    const punct = PUNCTUATORS.find((p) => src.startsWith(p, i)) ?? c;
    tokens.push({ kind: 'punct', text: punct, pos: i });
    i += punct.length;
  }
  return tokens;
}

/**
 * The tokenizer shared by every DynamoDB expression (condition, filter, key condition,
 * update, projection), and the cursor the recursive-descent parsers read tokens with.
 * Syntax errors are worded as DynamoDB words them: Syntax error; token: "x", near: "a x b".
 */
import type { Value } from '../state.ts';
import { isReservedWord } from './reserved-words.ts';

export type TokenKind = 'name' | 'attrName' | 'attrValue' | 'number' | 'punct' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly at: number;
}

/** Which expression is parsed (it names the expression in error messages) and its placeholders. */
export interface ExpressionScope {
  readonly names: Readonly<Record<string, string>> | undefined;
  readonly values: Readonly<Record<string, Value>> | undefined;
  readonly usedNames: Set<string>;
  readonly usedValues: Set<string>;
  /** Throws ValidationException with this message. */
  fail(message: string): never;
}

const PUNCT = ['<=', '>=', '<>', '=', '<', '>', '(', ')', '[', ']', ',', '.', '+', '-'];

export function tokenize(text: string, label: string, scope: ExpressionScope): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const rest = text.slice(i);
    const m = /^(#[A-Za-z0-9_]+|:[A-Za-z0-9_]+|[A-Za-z_][A-Za-z0-9_]*|\d+)/.exec(rest);
    if (m) {
      const t = m[1]!;
      const kind: TokenKind = t.startsWith('#') ? 'attrName' : t.startsWith(':') ? 'attrValue' : /^\d/.test(t) ? 'number' : 'name';
      tokens.push({ kind, text: t, at: i });
      i += t.length;
      continue;
    }
    const p = PUNCT.find((op) => rest.startsWith(op));
    if (!p) scope.fail(`Invalid ${label}: Syntax error; token: "${c}", near: "${text.slice(Math.max(0, i - 5), i + 5).trim()}"`);
    tokens.push({ kind: 'punct', text: p, at: i });
    i += p.length;
  }
  tokens.push({ kind: 'eof', text: '<EOF>', at: text.length });
  return tokens;
}

/** Reads tokens one by one; knows how to resolve placeholders and report errors. */
export class Cursor {
  #pos = 0;
  constructor(
    readonly tokens: readonly Token[],
    readonly label: string,
    readonly scope: ExpressionScope,
  ) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.#pos + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const t = this.peek();
    if (this.#pos < this.tokens.length - 1) this.#pos += 1;
    return t;
  }

  /** The next token is this punctuation or (case-insensitive) keyword. */
  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === 'punct' || t.kind === 'name') && t.text.toUpperCase() === text.toUpperCase();
  }

  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  expect(text: string): void {
    if (!this.accept(text)) this.syntaxError();
  }

  syntaxError(token = this.peek()): never {
    const i = this.tokens.indexOf(token);
    const near = this.tokens.slice(Math.max(0, i - 1), i + 2).filter((t) => t.kind !== 'eof').map((t) => t.text).join(' ');
    return this.scope.fail(`Invalid ${this.label}: Syntax error; token: "${token.text}", near: "${near}"`);
  }

  fail(problem: string): never {
    return this.scope.fail(`Invalid ${this.label}: ${problem}`);
  }

  /** The attribute name a path element token stands for. */
  attributeName(token: Token): string {
    if (token.kind === 'attrName') {
      const name = this.scope.names?.[token.text];
      if (name === undefined) this.fail(`An expression attribute name used in the document path is not defined; attribute name: ${token.text}`);
      this.scope.usedNames.add(token.text);
      return name;
    }
    if (token.kind !== 'name') this.syntaxError(token);
    if (isReservedWord(token.text)) this.fail(`Attribute name is a reserved keyword; reserved keyword: ${token.text}`);
    return token.text;
  }

  /** The value a :placeholder stands for. */
  attributeValue(token: Token): Value {
    const value = this.scope.values?.[token.text];
    if (value === undefined) this.fail(`An expression attribute value used in expression is not defined; attribute value: ${token.text}`);
    this.scope.usedValues.add(token.text);
    return value;
  }

  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }
}

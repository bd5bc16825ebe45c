// A parser for the small part of OData $filter that SharePoint list queries
// accept: comparisons, startswith, and/or and parentheses. Anything else is a
// 400, so a client cannot rely on syntax the real service would refuse.

import { invalidRequest } from './errors';

export type CompareOp = 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge';

export type Literal =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'datetime'; value: string }
  | { type: 'null' };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'compare'; op: CompareOp; path: string; literal: Literal }
  | { kind: 'startswith'; path: string; prefix: string };

type Token =
  | { kind: 'punct'; text: '(' | ')' | ','; pos: number }
  | { kind: 'word'; text: string; pos: number }
  | { kind: 'literal'; literal: Literal; pos: number };

const COMPARE_OPS: readonly string[] = ['eq', 'ne', 'lt', 'gt', 'le', 'ge'];
const DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*/;

function syntaxError(source: string, pos: number): Error {
  return invalidRequest(`Syntax error at position ${pos} in '${source}'.`);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const ch = source[i];
    if (ch === ' ' || ch === '\t') {
      i++;
    } else if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i++;
    } else if (ch === "'") {
      // OData escapes a quote inside a string by doubling it.
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= source.length) throw syntaxError(source, i);
        if (source[j] === "'") {
          if (source[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += source[j];
        j++;
      }
      tokens.push({ kind: 'literal', literal: { type: 'string', value }, pos: i });
      i = j + 1;
    } else if (DATETIME.test(rest)) {
      const text = (DATETIME.exec(rest) as RegExpExecArray)[0];
      tokens.push({ kind: 'literal', literal: { type: 'datetime', value: text }, pos: i });
      i += text.length;
    } else if (NUMBER.test(rest)) {
      const text = (NUMBER.exec(rest) as RegExpExecArray)[0];
      tokens.push({ kind: 'literal', literal: { type: 'number', value: Number(text) }, pos: i });
      i += text.length;
    } else if (WORD.test(rest)) {
      const text = (WORD.exec(rest) as RegExpExecArray)[0];
      if (text === 'true' || text === 'false') tokens.push({ kind: 'literal', literal: { type: 'boolean', value: text === 'true' }, pos: i });
      else if (text === 'null') tokens.push({ kind: 'literal', literal: { type: 'null' }, pos: i });
      else tokens.push({ kind: 'word', text, pos: i });
      i += text.length;
    } else {
      throw syntaxError(source, i);
    }
  }
  return tokens;
}

const FLIPPED: Record<CompareOp, CompareOp> = { eq: 'eq', ne: 'ne', lt: 'gt', gt: 'lt', le: 'ge', ge: 'le' };

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): FilterExpr {
    if (this.tokens.length === 0) throw invalidRequest('The $filter expression is empty.');
    const expr = this.parseOr();
    const extra = this.tokens[this.index];
    if (extra) throw syntaxError(this.source, extra.pos);
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw invalidRequest(`Unexpected end of $filter expression '${this.source}'.`);
    return token;
  }

  private isWord(token: Token | undefined, text: string): boolean {
    return token?.kind === 'word' && token.text === text;
  }

  private expectPunct(text: '(' | ')' | ','): void {
    const token = this.next();
    if (token.kind !== 'punct' || token.text !== text) throw syntaxError(this.source, token.pos);
  }

  private parseOr(): FilterExpr {
    let left = this.parseAnd();
    while (this.isWord(this.peek(), 'or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterExpr {
    let left = this.parsePrimary();
    while (this.isWord(this.peek(), 'and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): FilterExpr {
    const token = this.next();
    if (token.kind === 'punct' && token.text === '(') {
      const inner = this.parseOr();
      this.expectPunct(')');
      return inner;
    }
    const after = this.peek();
    if (token.kind === 'word' && after?.kind === 'punct' && after.text === '(') return this.parseFunction(token.text, token.pos);
    if (this.isWord(token, 'not')) throw invalidRequest("The 'not' operator is not supported in list item queries.");
    return this.parseComparison(token);
  }

  private parseFunction(name: string, pos: number): FilterExpr {
    if (name !== 'startswith')
      throw invalidRequest(`The function '${name}' is not supported in list item queries; use eq, ne, lt, gt, le, ge or startswith.`);
    this.expectPunct('(');
    const path = this.next();
    this.expectPunct(',');
    const prefix = this.next();
    this.expectPunct(')');
    if (path.kind !== 'word' || prefix.kind !== 'literal' || prefix.literal.type !== 'string') {
      throw invalidRequest(`startswith at position ${pos} needs a field and a string literal.`);
    }
    return { kind: 'startswith', path: path.text, prefix: prefix.literal.value };
  }

  private parseComparison(first: Token): FilterExpr {
    const op = this.next();
    if (op.kind !== 'word' || !COMPARE_OPS.includes(op.text)) throw syntaxError(this.source, op.pos);
    const second = this.next();
    const compareOp = op.text as CompareOp;
    if (first.kind === 'word' && second.kind === 'literal') return { kind: 'compare', op: compareOp, path: first.text, literal: second.literal };
    // "5 lt fields/X" reads as "fields/X gt 5".
    if (first.kind === 'literal' && second.kind === 'word')
      return { kind: 'compare', op: FLIPPED[compareOp], path: second.text, literal: first.literal };
    throw invalidRequest(`A comparison must have one field and one literal, at position ${first.pos} in '${this.source}'.`);
  }
}

export function parseFilter(source: string): FilterExpr {
  return new Parser(source, tokenize(source)).parse();
}

/** Every property path the expression refers to. */
export function filterPaths(expr: FilterExpr): string[] {
  if (expr.kind === 'compare' || expr.kind === 'startswith') return [expr.path];
  return [...filterPaths(expr.left), ...filterPaths(expr.right)];
}

/**
 * eemeli/yaml's parseDocument pipeline (lexer -> CST parser -> composer), run by hand so
 * it can stop at MAX_DEPTH: the composer recurses once per level of nesting, so a deep
 * enough spec would overflow the stack ("Maximum call stack size exceeded") after a long
 * time. Keys are not checked for uniqueness here: yaml does that by comparing each key
 * with every earlier one of its mapping (quadratic in a 5,000-resource `resources:`),
 * so source.ts does it with a set.
 */
import { Composer, Lexer, Parser, YAMLParseError, type Document, type LineCounter } from 'yaml';
import { MAX_DEPTH } from './limits.ts';

class TooDeep {
  constructor(readonly offset: number) {}
}

export function parseYaml(text: string, lineCounter: LineCounter): { doc: Document.Parsed } | { tooDeepAt: number } {
  const parser = new Parser(lineCounter.addNewLine);
  function* tokens() {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(text)) {
      yield* parser.next(lexeme);
      // The parser's stack holds one token per open mapping or list, besides the document
      // and a scalar in progress: only a stack this deep can hold too many of them.
      if (parser.stack.length > MAX_DEPTH) {
        const open = parser.stack.filter((t) => t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection');
        if (open.length > MAX_DEPTH) throw new TooDeep(open[MAX_DEPTH]!.offset);
      }
    }
    yield* parser.end();
  }
  let doc: Document.Parsed | undefined;
  try {
    for (const next of new Composer({ uniqueKeys: false }).compose(tokens(), true, text.length)) {
      if (doc) {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; a spec is one YAML document'));
        break;
      }
      doc = next;
    }
  } catch (err) {
    if (err instanceof TooDeep) return { tooDeepAt: err.offset };
    throw err;
  }
  return { doc: doc! };
}

/**
 * Problems that make `text` not well-formed XML, for checking generated SVG without an XML library: tags must
 * nest and close, attribute values be quoted, and `&` start a character or entity reference. Empty when fine.
 */
export function xmlProblems(text: string): string[] {
  const problems: string[] = [];
  const open: string[] = [];
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|&(?!(?:#\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);)/g;
  for (const match of text.matchAll(token)) {
    const [whole, closing, name, , selfClosing] = match;
    if (whole === '<') problems.push(`bare or malformed tag at ${match.index}`);
    else if (whole.startsWith('&')) problems.push(`unescaped & at ${match.index}`);
    else if (closing) {
      const expected = open.pop();
      if (expected !== name) problems.push(`</${name}> closes <${expected ?? 'nothing'}> at ${match.index}`);
    } else if (!selfClosing && name) open.push(name);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  return problems;
}

import { describe, expect, it } from 'vitest';
import { escapeHtml, html, pathSegment } from '../../../../src/api/viewer/html.js';

describe('html', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const value = `<img src=x onerror="alert(1)"> & 'quoted' \`tick\``;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39; &#96;tick&#96;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;quoted&#39; &#96;tick&#96;</p>',
    );
  });

  it('keeps nested templates as markup and joins lists', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul>');
  });

  it('renders nothing for null, undefined and false, and numbers as text', () => {
    expect(html`${null}${undefined}${false}${0}${1.5}`.value).toBe('01.5');
  });

  it('encodes path segments so an id cannot leave its place in a link', () => {
    expect(pathSegment('../x?y#z')).toBe('..%2Fx%3Fy%23z');
    expect(escapeHtml('"')).toBe('&quot;');
  });
});

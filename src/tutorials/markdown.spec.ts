import fc from 'fast-check';

import { renderMarkdown } from './markdown';

interface Element {
  name: string;
  attributes: Record<string, string>;
}

const ALLOWED = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'p',
  'br',
  'hr',
  'blockquote',
  'pre',
  'code',
  'em',
  'strong',
  's',
  'del',
  'ins',
  'ul',
  'ol',
  'li',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'sup',
  'sub',
  'kbd',
  'mark',
  'details',
  'summary',
]);

const decode = (value: string): string =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * The elements of the output, read the way a browser would start reading them. Sound for this
 * output only because the sanitizer escapes `<` in text and `"` and `>` in attribute values: a
 * tag the regex does not see cannot be there, and any `<` it does not explain fails the test.
 */
function elements(html: string): Element[] {
  const found: Element[] = [];
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s=>/"']+(?:="[^"]*")?)*)\s*\/?>/g;
  let rest = html;
  for (const match of html.matchAll(tag)) {
    rest = rest.replace(match[0], '');
    if (match[1]) continue;
    const attributes: Record<string, string> = {};
    for (const attribute of match[3].matchAll(/\s+([^\s=>/"']+)(?:="([^"]*)")?/g))
      attributes[attribute[1].toLowerCase()] = decode(attribute[2] ?? '');
    found.push({ name: match[2].toLowerCase(), attributes });
  }
  expect(rest).not.toMatch(/[<]/);
  return found;
}

/** A URL that cannot run script or load data: http(s), mailto, or relative; no scheme-relative one. */
function assertSafeUrl(url: string): void {
  // eslint-disable-next-line no-control-regex -- a browser ignores these inside a scheme
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  expect(squeezed).not.toMatch(/^(javascript|vbscript|data|file):/);
  expect(squeezed.startsWith('//')).toBe(false);
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squeezed);
  if (scheme) expect(['http', 'https', 'mailto']).toContain(scheme[1]);
}

/** Nothing that runs script, loads a frame or styles the page survives in `html`. */
function assertSafe(markdown: string): string {
  const { html } = renderMarkdown(markdown);
  expect(html).not.toMatch(
    /<\s*\/?\s*(script|iframe|frame|svg|math|object|embed|style|link|meta|base|form|input|button|textarea|template)\b/i,
  );
  for (const { name, attributes } of elements(html)) {
    expect(ALLOWED).toContain(name);
    for (const [attribute, value] of Object.entries(attributes)) {
      expect(attribute).not.toMatch(/^on/);
      expect(['srcdoc', 'formaction', 'xlink:href', 'srcset', 'background', 'target']).not.toContain(attribute);
      if (attribute === 'href' || attribute === 'src') assertSafeUrl(value);
      if (attribute === 'style') expect(value).toMatch(/^text-align:(left|right|center);?$/);
      if (attribute === 'class') expect(value).toMatch(/^language-[\w-]+$/);
    }
  }
  return html;
}

describe('markdown rendering', () => {
  it('renders markdown: headings, emphasis, code, tables, lists, links and images', () => {
    const { html, summary } = renderMarkdown(
      '# Signing\n\nSend **four** headers & a `body<hash>`.\n\n| a | b |\n|:-:|--|\n| 1 | 2 |\n\n- one\n- two\n\n```ts\nconst ok = 1 < 2;\n```\n\n' +
        '[docs](https://example.com/a?b=1&c=2) <https://example.org> ![logo](https://example.com/logo.png "Logo")',
    );
    expect(html).toContain('<h1>Signing</h1>');
    expect(html).toContain('<p>Send <strong>four</strong> headers &amp; a <code>body&lt;hash&gt;</code>.</p>');
    expect(html).toContain('<th style="text-align:center">a</th>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<pre><code class="language-ts">const ok = 1 &lt; 2;\n</code></pre>');
    expect(html).toContain('<a href="https://example.com/a?b=1&amp;c=2" rel="nofollow noopener noreferrer ugc">docs</a>');
    expect(html).toContain('<a href="https://example.org" rel="nofollow noopener noreferrer ugc">https://example.org</a>');
    expect(html).toContain('<img src="https://example.com/logo.png" alt="logo" title="Logo" />');
    expect(summary).toBe('Signing Send four headers & a body<hash>. a b 1 2 one two const ok = 1 < 2; docs https://example.org');
    assertSafe('# Signing');
  });

  it("keeps a fence's language as a class only when it is a plain name", () => {
    expect(renderMarkdown('```c-sharp\nx\n```').html).toBe('<pre><code class="language-c-sharp">x\n</code></pre>\n');
    expect(renderMarkdown('```<script>\nx\n```').html).toBe('<pre><code>x\n</code></pre>\n');
    expect(renderMarkdown('```a"onmouseover=b\nx\n```').html).toBe('<pre><code>x\n</code></pre>\n');
  });

  it('keeps the harmless inline HTML authors use, without its attributes', () => {
    expect(renderMarkdown('Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O').html).toBe(
      '<p>Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O</p>\n',
    );
    expect(renderMarkdown('<details open ontoggle="alert(1)"><summary>More</summary>\n\nHidden\n\n</details>').html).toBe(
      '<details><summary>More</summary>\n<p>Hidden</p>\n</details>',
    );
  });

  it('summarizes at most 200 characters of the text a reader sees, Chinese and emoji whole', () => {
    const { summary } = renderMarkdown(`## 标题\n\n${'内容🌸'.repeat(150)}`);
    expect([...summary]).toHaveLength(200);
    expect(summary.startsWith('标题 内容🌸内容')).toBe(true);
    expect(renderMarkdown('<script>alert(1)</script>text').summary).toBe('text');
  });

  // The list: <script>, <iframe>, event handlers, javascript: and data: URLs (links and
  // images), SVG payloads, mis-nested tags; and the usual ways around filters.
  it.each([
    ['script', '<script>alert(1)</script>'],
    ['script, upper case and spaced', '<SCRIPT >alert(1)</SCRIPT >'],
    ['script split by a script', '<scr<script>ipt>alert(1)</script>'],
    ['script in a paragraph', 'text <script src="https://evil.example/x.js"></script> more'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
    ['img onerror', '<img src=x onerror=alert(1)>'],
    ['a onclick', '<a href="https://ok.example" onclick="alert(1)" onmouseover=alert(2)>ok</a>'],
    ['details ontoggle', '<details open ontoggle=alert(1)>'],
    ['body onload', '<body onload=alert(1)>'],
    ['event handler after a slash', '<img/src=x/onerror=alert(1)>'],
    ['markdown javascript: link', '[click](javascript:alert(1))'],
    ['markdown JaVaScRiPt: link', '[click](JaVaScRiPt:alert(1))'],
    ['markdown javascript: with a tab entity', '[click](java&#x09;script:alert(1))'],
    ['autolink javascript:', '<javascript:alert(1)>'],
    ['html javascript: link', '<a href="javascript:alert(1)">x</a>'],
    ['html javascript: link, entity-encoded', '<a href="&#106;&#97;vascript&#58;alert(1)">x</a>'],
    ['html javascript: link, tab inside', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
    ['html vbscript: link', '<a href="vbscript:msgbox(1)">x</a>'],
    ['markdown data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['markdown data: image', '![x](data:image/png;base64,iVBORw0KGgo=)'],
    ['markdown data: SVG image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['html data: image', '<img src="data:image/svg+xml;utf8,<svg onload=alert(1)>">'],
    ['html javascript: image', '<IMG SRC=JaVaScRiPt:alert(1)>'],
    ['protocol-relative link and image', '<a href="//evil.example">x</a> ![y](//evil.example/y.png)'],
    ['svg onload', '<svg onload=alert(1)>'],
    ['svg with script', '<svg><script>alert(1)</script></svg>'],
    ['svg use with xlink', '<svg><use xlink:href="data:image/svg+xml;base64,PHN2Zz4="/></svg>'],
    ['svg animate', '<svg><a><animate attributeName=href values=javascript:alert(1) /><text y=20>x</text></a></svg>'],
    ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'],
    ['mis-nested inline', '<b><i>x</b>y</i><a href="javascript:alert(1)"><em>z</a></em>'],
    ['mis-nested blocks', '<p><div onclick=alert(1)>x</p></div><table><tr><td><a href=x>y</table></a>'],
    ['unclosed tag', '<a href="https://ok.example" onmouseover="alert(1)"'],
    ['comment trick', '<!--<img src="--><img src=x onerror=alert(1)//">'],
    ['noscript trick', '<noscript><p title="</noscript><img src=x onerror=alert(1)>">'],
    ['style and link', '<style>*{background:url(javascript:alert(1))}</style><link rel=stylesheet href=//evil.example>'],
    ['object and embed', '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">'],
    ['form', '<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">go</button></form>'],
    ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
    ['base', '<base href="javascript:/">'],
    ['style attribute', '<p style="background:url(javascript:alert(1))">x</p>'],
    ['template', '<template><img src=x onerror=alert(1)></template>'],
  ])('lets no script through: %s', (_, payload) => {
    assertSafe(payload);
    assertSafe(`# Heading\n\n${payload}\n\n- ${payload}\n\n> ${payload}`);
  });

  it('lets no script through whatever the fragments are pieced into (fuzzed)', () => {
    const fragments = fc.constantFrom(
      '<script>',
      '</script>',
      '<svg',
      '<img',
      '<a',
      '<iframe',
      '<math>',
      '<style>',
      ' src=',
      ' href=',
      ' onerror=',
      ' onload=',
      'javascript:',
      'data:text/html,',
      '"',
      "'",
      '`',
      '>',
      '<',
      '/',
      '&#x09;',
      '&#106;',
      '<!--',
      '-->',
      '[x](',
      '![y](',
      ')',
      '\n',
      ' ',
      'alert(1)',
      'x',
    );
    fc.assert(
      fc.property(fc.array(fragments, { maxLength: 40 }), (parts) => {
        assertSafe(parts.join(''));
      }),
      { numRuns: 500 },
    );
  });
});

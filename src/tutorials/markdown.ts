import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** What a tutorial's markdown renders to: sanitized HTML, and the start of its text for lists. */
export interface Rendered {
  html: string;
  summary: string;
}

export const SUMMARY_LENGTH = 200;

/**
 * CommonMark with tables, strikethrough and bare links; raw HTML is passed on so that authors may
 * use the harmless part of it (details, kbd, sup ...), and the sanitizer below decides what stays.
 */
const markdown = new MarkdownIt({ html: true, linkify: true });

const TEXT_ALIGN = { 'text-align': [/^(left|right|center)$/] };

/**
 * What survives in `html`: the elements markdown produces and a few inline ones, with no
 * attribute that runs script or styles the page. Links and images keep only http(s) (and mailto
 * for links) or relative URLs: no javascript:, data:, vbscript: or protocol-relative ones. Every
 * other element is dropped, and the content of script, style, textarea, svg, math and the like
 * with it.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
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
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  // A fence's info string becomes the class; only a plain language name may, not ```<script> or quotes.
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedStyles: { th: TEXT_ALIGN, td: TEXT_ALIGN },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'svg',
    'math',
    'iframe',
    'object',
    'embed',
    'template',
    'xmp',
    'noembed',
    'noframes',
  ],
  disallowedTagsMode: 'discard',
  // Readers' links are the author's, not the platform's: no ranking credit, no window.opener.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer ugc' }) },
};

/** Text only: what the sanitizer keeps of the HTML without any element (and so without dropped ones' content). */
const TEXT_ONLY: sanitizeHtml.IOptions = { ...SANITIZE, allowedTags: [], allowedAttributes: {} };

/** sanitize-html escapes exactly these in text. */
const UNESCAPE: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&amp;': '&' };

/** Renders a tutorial's markdown as it is written (and re-rendered, for rows from before rendering). */
export function renderMarkdown(body: string): Rendered {
  const html = sanitizeHtml(markdown.render(body), SANITIZE);
  // The text a reader sees, taken from the sanitized HTML, so nothing it dropped reappears here.
  const text = sanitizeHtml(html, TEXT_ONLY).replace(/&(lt|gt|quot|amp);/g, (entity) => UNESCAPE[entity]);
  return { html, summary: truncate(text.replace(/\s+/g, ' ').trim(), SUMMARY_LENGTH) };
}

/** At most `max` characters (code points, so no emoji is cut in half). */
export const truncate = (text: string, max: number): string => [...text].slice(0, max).join('');

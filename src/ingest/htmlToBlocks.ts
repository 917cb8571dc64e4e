/** One block of an extracted article: a paragraph of text, or a section heading. */
export interface ArticleBlock {
  kind: 'paragraph' | 'heading';
  text: string;
}

/** The minimal DOM surface read here, met by linkedom's and jsdom's nodes alike. */
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?: (name: string) => string | null;
}

const ELEMENT = 1;
const END_BLOCK = Symbol('end of block');
const TEXT = 3;

/** Elements whose text starts a new block: the passage splitter needs paragraphs kept apart. */
const BLOCK_ELEMENTS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'LI',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'BLOCKQUOTE',
  'PRE',
  'TABLE',
  'TR',
  'TBODY',
  'THEAD',
  'ADDRESS',
  'HR',
  'BR',
]);
const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
/** Never article text: captions, media, forms, scripts and page furniture. */
const DROPPED = new Set([
  'FIGCAPTION',
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'MATH',
  'BUTTON',
  'FORM',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'NAV',
  'ASIDE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'VIDEO',
  'AUDIO',
  'CANVAS',
  'IMG',
  'PICTURE',
  'SOURCE',
]);
/** Class or id words of share bars, ads and captions that extraction sometimes leaves in. */
const FURNITURE =
  /(^|[\s_-])(share|sharing|social|advert|ad-?slot|promo|caption|newsletter)([\s_-]|$)/i;

/**
 * Turns an extracted article's DOM into blocks: each block-level element becomes a paragraph,
 * each `h1`–`h6` a heading, and captions, media, scripts, share bars and forms are dropped.
 * White space inside a block is collapsed to single spaces, so one block is one line of text.
 */
export function htmlToBlocks(root: DomNode): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  let line = '';
  const flush = () => {
    const text = line.replace(/\s+/g, ' ').trim();
    if (text) blocks.push({ kind: 'paragraph', text });
    line = '';
  };
  // An explicit stack rather than recursion: hostile pages nest elements thousands deep.
  const stack: Array<DomNode | typeof END_BLOCK> = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode | typeof END_BLOCK;
    if (node === END_BLOCK) {
      flush();
      continue;
    }
    if (node.nodeType === TEXT) {
      line += node.textContent ?? '';
      continue;
    }
    if (node.nodeType !== ELEMENT) continue;
    const name = node.nodeName.toUpperCase();
    if (DROPPED.has(name) || isFurniture(node)) continue;
    if (HEADINGS.has(name)) {
      flush();
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) blocks.push({ kind: 'heading', text });
      continue;
    }
    if (BLOCK_ELEMENTS.has(name)) {
      flush();
      stack.push(END_BLOCK);
    } else if (name === 'TD' || name === 'TH') line += ' ';
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i] as DomNode);
  }
  flush();
  return blocks;
}

/** Share bars and captions are short; a long element so marked is the article's own wrapper. */
const MAX_FURNITURE_CHARS = 200;

function isFurniture(node: DomNode): boolean {
  const marks = `${node.getAttribute?.('class') ?? ''} ${node.getAttribute?.('id') ?? ''}`;
  return (
    marks.trim() !== '' &&
    FURNITURE.test(marks) &&
    (node.textContent ?? '').length <= MAX_FURNITURE_CHARS
  );
}

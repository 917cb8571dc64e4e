import type { Article, Corpus, Paragraph } from '../corpus/types';

/** A paragraph saved without its text: it is a slice of the article's. */
interface PackedParagraph extends Omit<Paragraph, 'text' | 'sentences'> {
  /** Each sentence's start and end offsets, one after the other. */
  sentences: number[];
}

/** An article saved with its text once, not once per paragraph and again per sentence. */
interface PackedArticle extends Omit<Article, 'paragraphs'> {
  paragraphs: PackedParagraph[];
}

/** A corpus as the saved index holds it. */
export interface PackedCorpus extends Omit<Corpus, 'articles'> {
  articles: PackedArticle[];
}

/**
 * The corpus for saving: paragraph and sentence texts are left out, since each is a slice of
 * its article's text by its offsets. That makes the saved index about a third the size, and
 * quicker to read at every start.
 */
export function packCorpus(corpus: Corpus): PackedCorpus {
  return {
    ...corpus,
    articles: corpus.articles.map((article) => ({
      ...article,
      paragraphs: article.paragraphs.map(({ text: _text, sentences, ...paragraph }) => ({
        ...paragraph,
        sentences: sentences.flatMap((s) => [s.start, s.end]),
      })),
    })),
  };
}

/** The corpus back from its saved form, every text sliced from its article's. */
export function unpackCorpus(packed: PackedCorpus): Corpus {
  return {
    ...packed,
    articles: packed.articles.map((article) => ({
      ...article,
      paragraphs: article.paragraphs.map(({ sentences, ...paragraph }) => {
        const unpacked: Paragraph = {
          ...paragraph,
          text: article.text.slice(paragraph.start, paragraph.end),
          sentences: [],
        };
        for (let i = 0; i + 1 < sentences.length; i += 2) {
          const start = sentences[i] as number;
          const end = sentences[i + 1] as number;
          unpacked.sentences.push({ start, end, text: article.text.slice(start, end) });
        }
        return unpacked;
      }),
    })),
  };
}

import { collectionOf, type Viewer } from '../corpus/collections.js';
import type { Article, Corpus, Paragraph } from '../corpus/types.js';
import { type DateSpan, dateSpanOf } from '../time/dateSpanOf.js';
import { primeTermCache, processTerm, tokenize } from './analyzeText.js';
import { type PostingArrays, Postings } from './Postings.js';
import {
  type ArchiveRarity,
  type QueryTerm,
  type RankedHit,
  RankedSearch,
  type RankOptions,
} from './RankedSearch.js';
import {
  checkSentenceTerms,
  type SentenceTermArrays,
  SentenceTermsBuilder,
  sentenceTermsOf,
} from './SentenceTerms.js';

/** A searchable unit: one body paragraph of one article. */
export interface Passage {
  /** Position in {@link PassageIndex.passages}. */
  id: number;
  article: Article;
  paragraph: Paragraph;
}

/** One search result. */
export interface PassageHit {
  passage: Passage;
  /** BM25+ score as minisearch computes it, field boosts included. */
  score: number;
  /** Index terms this passage matched (after stemming, fuzzy and prefix expansion). */
  terms: string[];
  /** Query terms that found this passage. */
  queryTerms: string[];
}

/** Narrows or reorders one search without changing the index. */
export interface PassageSearchOptions {
  /** Only passages for which this holds are returned. */
  filter?: (passage: Passage) => boolean;
  /** Multiplies a passage's score (1 leaves it as it is). */
  boost?: (passage: Passage) => number;
  /**
   * Only passages of collections this viewer may read (see corpus/collections): the same as a
   * `filter`, but a lookup per passage, which a search on a large archive can afford.
   */
  readableBy?: Viewer;
  /**
   * Whether a term the articles lack may be a typo, to be matched to their terms within a few
   * edits; any may when not given.
   */
  mayBeTypo?: (term: string) => boolean;
  /** Index terms that also count for a query term, each at a weight below 1; none when not given. */
  related?: (term: string) => readonly { term: string; weight: number }[];
}

/** Options for {@link PassageIndex}. */
export interface PassageIndexOptions {
  /** Relative weight of a match in the article headline, the section heading and the paragraph. */
  boost?: { title?: number; heading?: number; text?: number };
  /** Query terms at least this long may match with one or two typos. */
  fuzzyMinLength?: number;
  /** Allowed edit distance as a share of the term's length. */
  fuzziness?: number;
  /** Most edits a typo match may take, whatever the term's length. */
  maxFuzzy?: number;
  /** BM25+ parameters: term-frequency saturation `k`, length normalisation `b`, floor `d`. */
  bm25?: { k: number; b: number; d: number };
  /**
   * The statistics of the whole archive, when the corpus is only the part of it one question
   * needs (a database's candidates): rarity, lengths, counts and dates are then the archive's,
   * so the part answers as an index of every article would. Typos are matched to the
   * archive's terms then, as it gives them.
   */
  archive?: ArchiveStats;
}

/** What a part of an archive needs to rank and count as the whole would. */
export interface ArchiveStats extends ArchiveRarity {
  /** Articles in the archive, and how many of them have no publication date. */
  articleCount: number;
  undatedCount: number;
  /** Mean length of the headline, heading and paragraph fields over every passage. */
  averageFieldLength: readonly [number, number, number];
  /** The first and last publication days of the archive. */
  dateSpan: DateSpan | undefined;
  /**
   * The articles one question's scope covers (its date range, the collections its asker may
   * read), counted by the archive: a part cannot count them itself.
   */
  scopedArticleCount?: number;
  /**
   * The archive's terms within a few edits of a term it lacks, each with its weight (as
   * {@link RankedSearch} weighs a typo match): a part's own words are no dictionary of the
   * archive's, so the archive finds them. None when not given.
   */
  typoMatches?: (term: string) => readonly { term: string; weight: number }[];
}

const DEFAULTS: Required<Omit<PassageIndexOptions, 'archive'>> = {
  boost: { title: 2, heading: 1, text: 1 },
  fuzzyMinLength: 5,
  fuzziness: 0.2,
  // Two edits catch the typos people make; allowing up to six (minisearch's default) made a
  // long unknown word's lookup walk much of the term tree, for matches that were not typos.
  maxFuzzy: 2,
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
};

/**
 * How many edits a query term the articles lack may be from theirs, by the default settings;
 * 0 when it is too short to be matched as a typo.
 */
export function typoDistance(term: string): number {
  const { fuzzyMinLength, fuzziness, maxFuzzy } = DEFAULTS;
  if (term.length < fuzzyMinLength) return 0;
  return Math.min(maxFuzzy, Math.round(term.length * fuzziness));
}

/** The fields a passage is searched by, in the order of their ids. */
const FIELDS = ['title', 'heading', 'text'] as const;
/** The paragraph field, whose passage counts make a term's rarity. */
const TEXT_FIELD = 2;

/**
 * A query's terms as {@link PassageIndex.search} searches them: typo matching only for words
 * the articles do not contain (a known word is not a typo, and expanding it costs time on a
 * large index), matched to an archive's terms by the archive when there is one.
 */
function queryTermsOf(
  query: string,
  settings: Required<Omit<PassageIndexOptions, 'archive'>>,
  archive: ArchiveStats | undefined,
  has: (term: string) => boolean,
  options: Pick<PassageSearchOptions, 'mayBeTypo' | 'related'>,
): QueryTerm[] {
  const { fuzzyMinLength, fuzziness } = settings;
  const terms: QueryTerm[] = [];
  for (const token of tokenize(query)) {
    const term = processTerm(token);
    if (!term) continue;
    const typo = term.length >= fuzzyMinLength && !has(term) && (options.mayBeTypo?.(term) ?? true);
    const typos = typo && archive ? (archive.typoMatches?.(term) ?? []) : [];
    const related = [...(options.related?.(term) ?? []), ...typos];
    terms.push({
      term,
      fuzzy: typo && !archive ? fuzziness : false,
      ...(related.length ? { related } : {}),
    });
  }
  return terms;
}

/** A search of {@link archivePostings}, by passage ids. */
export interface PostingsSearchOptions
  extends Pick<PassageSearchOptions, 'mayBeTypo' | 'related'>,
    RankOptions {}

/**
 * A search over bare postings of some of an archive's passages (a database's candidates for
 * one question), with no articles behind them: it ranks them with the very scores a
 * {@link PassageIndex} of those passages with the same `archive` gives, so the best of many
 * candidates can be picked before any of their articles is read.
 */
export function archivePostings(
  postings: PostingArrays,
  archive: ArchiveStats,
): {
  /** As {@link PassageIndex.search}. */
  search(query: string, limit: number, options?: PostingsSearchOptions): RankedHit[];
  /** As {@link PassageIndex.searchTerms}. */
  searchTerms(terms: readonly string[], limit: number, options?: RankOptions): RankedHit[];
} {
  const settings = DEFAULTS;
  const ranked = new RankedSearch(
    { ...postings, averageFieldLength: [...archive.averageFieldLength] },
    { boost: settings.boost, bm25: settings.bm25, maxFuzzy: settings.maxFuzzy, archive },
  );
  const rankOptions = ({ filter, boost }: RankOptions): RankOptions => ({
    ...(filter ? { filter } : {}),
    ...(boost ? { boost } : {}),
  });
  return {
    search: (query, limit, options = {}) =>
      ranked.search(
        queryTermsOf(query, settings, archive, (term) => ranked.has(term), options),
        limit,
        rankOptions(options),
      ),
    searchTerms: (terms, limit, options = {}) =>
      ranked.search(
        terms.filter((term) => term !== '').map((term) => ({ term, fuzzy: false as const })),
        limit,
        rankOptions(options),
      ),
  };
}

/**
 * What a built index can be saved as and restored from, so a restart need not rebuild it.
 * Only valid for the very corpus it was built from (the caller checks that).
 */
export interface PassageIndexSnapshot {
  /** The inverted index of the headline, heading and paragraph fields. */
  postings: PostingArrays;
  /** The index terms of every sentence of every passage, as ids into the postings' terms. */
  sentences: SentenceTermArrays;
  /**
   * Every distinct token of the articles and its term, as 1 + an id into the postings' terms
   * (0 for a stop word): a restored index analyses a question's known words without WordNet.
   */
  vocabulary?: { tokens: string[]; terms: Uint32Array };
}

/**
 * Full-text index over the body paragraphs of a corpus with the project's tokenizer (stop
 * words removed, Porter stems), ranked as minisearch ranks (see {@link RankedSearch}). Besides
 * ranked search it keeps each term's passage frequency, which answer selection uses to weigh
 * words inside sentences.
 */
export class PassageIndex {
  /** The corpus this index was built from. */
  readonly corpus: Corpus;
  /** Every indexed passage; a passage's `id` is its position here. */
  readonly passages: readonly Passage[];
  private readonly ranked: RankedSearch;
  private readonly settings: Required<Omit<PassageIndexOptions, 'archive'>>;
  private readonly archive: ArchiveStats | undefined;
  private undated: number | undefined;
  private readonly sentences: SentenceTermArrays;
  private readonly terms: readonly string[];
  private readonly passagesByArticle = new Map<Article, Passage[]>();
  /** Each passage's collection as a number (0: shared), and each server's number; made when first needed. */
  private owners?: { byPassage: Int32Array; byServer: Map<string, number> };
  /** The first and last publication days of the corpus; undefined when no article is dated. */
  readonly dateSpan: DateSpan | undefined;

  /**
   * Builds the index and gives back what it was built from, so it can be saved and restored
   * later without analysing the articles again.
   */
  static build(
    corpus: Corpus,
    options: PassageIndexOptions = {},
  ): { index: PassageIndex; snapshot: PassageIndexSnapshot } {
    const snapshot = analysePassages(bodyPassages(corpus));
    // Building just filled the analyser's cache; the vocabulary is only for a restore.
    const { vocabulary: _, ...built } = snapshot;
    return { index: new PassageIndex(corpus, options, built), snapshot };
  }

  /**
   * Builds the index, or restores it from a snapshot of an index of the very same corpus.
   * Throws if the snapshot does not fit the corpus or is damaged.
   */
  constructor(corpus: Corpus, options: PassageIndexOptions = {}, snapshot?: PassageIndexSnapshot) {
    const { archive, ...rest } = options;
    const settings = { ...DEFAULTS, ...rest, boost: { ...DEFAULTS.boost, ...rest.boost } };
    this.archive = archive;
    this.corpus = corpus;
    const passages = bodyPassages(corpus);
    this.passages = passages;
    for (const passage of passages) {
      const list = this.passagesByArticle.get(passage.article);
      if (list) list.push(passage);
      else this.passagesByArticle.set(passage.article, [passage]);
    }
    this.dateSpan = archive ? archive.dateSpan : dateSpanOf(corpus.articles);

    const from = snapshot ?? analysePassages(passages);
    if (
      from.postings.passageCount !== passages.length ||
      from.postings.fields.join() !== FIELDS.join()
    ) {
      throw new Error('The index snapshot does not match the corpus');
    }
    checkSentenceTerms(from.sentences, passages.length, from.postings.terms.length);
    if (snapshot?.vocabulary) primeVocabulary(snapshot.vocabulary, from.postings.terms);
    this.sentences = from.sentences;
    this.terms = from.postings.terms;
    this.settings = settings;
    this.ranked = new RankedSearch(
      archive
        ? { ...from.postings, averageFieldLength: [...archive.averageFieldLength] }
        : from.postings,
      {
        boost: settings.boost,
        bm25: settings.bm25,
        maxFuzzy: settings.maxFuzzy,
        ...(archive ? { archive } : {}),
      },
    );
  }

  /** Whether a passage, its headline or its section heading contains an index term. */
  passageHasTerm(passage: Passage, term: string): boolean {
    return this.ranked.holds(term, passage.id);
  }

  /** The indexed passages of one article, in article order. */
  passagesOf(article: Article): readonly Passage[] {
    return this.passagesByArticle.get(article) ?? [];
  }

  /**
   * The best passages for index terms that are already analysed (as {@link termsOfSentences}
   * gives them), so they are not stemmed a second time; no typo matching.
   */
  searchTerms(
    terms: readonly string[],
    limit = 10,
    options: PassageSearchOptions = {},
  ): PassageHit[] {
    const query = terms
      .filter((term) => term !== '')
      .map((term) => ({ term, fuzzy: false as const }));
    return this.rank(query, limit, options);
  }

  /** How many postings a search for an index term visits: its passages in every field. */
  postingCount(term: string): number {
    return this.ranked.postingCount(term);
  }

  /** How many passages contain an index term. */
  passageCount(term: string): number {
    return this.ranked.passageCount(term, TEXT_FIELD);
  }

  /** The index terms of each sentence of a passage, in order, analysed once at build time. */
  termsOfSentences(passage: Passage): readonly (readonly string[])[] {
    return sentenceTermsOf(this.sentences, this.terms, passage.id);
  }

  /** Number of articles in the corpus (the archive's, for a part), answerable or not. */
  get articleCount(): number {
    return this.archive ? this.archive.articleCount : this.corpus.articles.length;
  }

  /**
   * The archive's count of the articles the question this part was made for is scoped to;
   * undefined for a whole index, which counts them itself.
   */
  get scopedArticleCount(): number | undefined {
    return this.archive?.scopedArticleCount;
  }

  /** Number of those articles without a publication date. */
  get undatedCount(): number {
    if (this.archive) return this.archive.undatedCount;
    this.undated ??= this.corpus.articles.reduce(
      (count, article) => count + (article.published ? 0 : 1),
      0,
    );
    return this.undated;
  }

  /** The best passages for a free-text query, best first. */
  search(query: string, limit = 10, options: PassageSearchOptions = {}): PassageHit[] {
    const terms = queryTermsOf(
      query,
      this.settings,
      this.archive,
      (term) => this.ranked.has(term),
      options,
    );
    return this.rank(terms, limit, options);
  }

  private rank(query: QueryTerm[], limit: number, options: PassageSearchOptions): PassageHit[] {
    const { filter, boost } = options;
    const passageOf = (id: number) => this.passages[id] as Passage;
    const readable = this.readableIds(options.readableBy);
    const passes =
      readable && filter
        ? (id: number) => readable(id) && filter(passageOf(id))
        : (readable ?? (filter ? (id: number) => filter(passageOf(id)) : undefined));
    return this.ranked
      .search(query, limit, {
        ...(passes ? { filter: passes } : {}),
        ...(boost ? { boost: (id: number) => boost(passageOf(id)) } : {}),
      })
      .map((hit) => ({
        passage: passageOf(hit.id),
        score: hit.score,
        terms: hit.terms,
        queryTerms: hit.queryTerms,
      }));
  }

  /** Which passage ids a viewer may read; undefined when it may read them all. */
  private readableIds(viewer: Viewer | undefined): ((id: number) => boolean) | undefined {
    if (!viewer || 'all' in viewer) return undefined;
    if (!this.owners) {
      const byServer = new Map<string, number>();
      const byPassage = new Int32Array(this.passages.length);
      for (const { id, article } of this.passages) {
        const owner = collectionOf(article.id);
        if (owner === undefined) continue;
        let code = byServer.get(owner);
        if (code === undefined) {
          code = byServer.size + 1;
          byServer.set(owner, code);
        }
        byPassage[id] = code;
      }
      this.owners = { byPassage, byServer };
    }
    const { byPassage, byServer } = this.owners;
    if (byServer.size === 0) return undefined;
    const own = viewer.guildId === null ? -1 : (byServer.get(viewer.guildId) ?? -1);
    return (id) => {
      const owner = byPassage[id] as number;
      return owner === 0 || owner === own;
    };
  }

  /**
   * How informative a term is: BM25's inverse passage frequency. A term no passage contains
   * gets the highest value, which is what makes an unanswerable question look unanswerable.
   */
  idf(term: string): number {
    const n = this.archive ? this.archive.passageCount : this.passages.length;
    const df = this.passageCount(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }
}

/** A corpus's searchable units: every body paragraph, numbered in article order. */
function bodyPassages(corpus: Corpus): Passage[] {
  const passages: Passage[] = [];
  for (const article of corpus.articles) {
    for (const paragraph of article.paragraphs) {
      if (paragraph.kind === 'body') passages.push({ id: passages.length, article, paragraph });
    }
  }
  return passages;
}

/**
 * Analyses every passage once: each sentence's terms (kept, joined by spaces, for answer
 * scoring) and the search index for the headline, heading and paragraph fields, made from the
 * same terms so nothing is tokenised or stemmed twice.
 */
function analysePassages(passages: readonly Passage[]): PassageIndexSnapshot {
  const postings = new Postings(FIELDS);
  const sentences = new SentenceTermsBuilder();
  // Each distinct token is analysed and looked up once; -1 marks a stop word. The same as
  // analyzeText then interning each term, with one map lookup per token instead of three.
  const tokenIds = new Map<string, number>();
  const idsOf = (text: string): number[] => {
    const ids: number[] = [];
    for (const token of tokenize(text)) {
      let id = tokenIds.get(token);
      if (id === undefined) {
        const term = processTerm(token);
        id = term ? postings.intern(term) : -1;
        tokenIds.set(token, id);
      }
      if (id >= 0) ids.push(id);
    }
    return ids;
  };
  const titles = new Map<Article, number[]>();
  const headings = new Map<string, number[]>();
  const analysed = <K>(cache: Map<K, number[]>, key: K, text: string): number[] => {
    let ids = cache.get(key);
    if (ids === undefined) {
      ids = idsOf(text);
      cache.set(key, ids);
    }
    return ids;
  };
  for (const { article, paragraph } of passages) {
    const ids = paragraph.sentences.map((sentence) => idsOf(sentence.text));
    const heading = paragraph.heading ?? '';
    postings.add([
      [analysed(titles, article, article.title)],
      [analysed(headings, heading, heading)],
      ids,
    ]);
    sentences.add(ids);
  }
  const vocabulary = { tokens: [...tokenIds.keys()], terms: new Uint32Array(tokenIds.size) };
  let i = 0;
  for (const id of tokenIds.values()) vocabulary.terms[i++] = id + 1;
  return { postings: postings.toArrays(), sentences: sentences.toArrays(), vocabulary };
}

/** Hands a saved vocabulary to the analyser's cache; throws if it does not fit the terms. */
function primeVocabulary(
  vocabulary: NonNullable<PassageIndexSnapshot['vocabulary']>,
  terms: readonly string[],
): void {
  const { tokens, terms: ids } = vocabulary;
  if (!Array.isArray(tokens) || !(ids instanceof Uint32Array) || tokens.length !== ids.length) {
    throw new Error('The index snapshot has a damaged vocabulary');
  }
  const known: (string | null)[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id > terms.length) throw new Error('The index snapshot has a damaged vocabulary');
    known[i] = id === 0 ? null : (terms[id - 1] as string);
  }
  primeTermCache(tokens, known);
}

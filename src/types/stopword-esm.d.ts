/** stopword's ES module build (see analyzeText.ts): the word lists by ISO 639-3 code. */
declare module 'stopword/dist/stopword.esm.mjs' {
  /** English stop words. */
  export const eng: string[];
}

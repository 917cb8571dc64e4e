declare module 'wink-lemmatizer' {
  /** Base form of a verb ("held" → "hold"), or the word itself when unknown. */
  export function verb(word: string): string;
  /** Singular of a noun ("children" → "child"), or the word itself when unknown. */
  export function noun(word: string): string;
  /** Base form of an adjective ("better" → "good"), or the word itself when unknown. */
  export function adjective(word: string): string;
}

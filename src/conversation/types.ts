/** One question of a conversation, as the next question reads it. */
export interface Turn {
  /** The question as typed. */
  question: string;
  /** The question as it was understood, with what carried over from the turns before. */
  standalone: string;
  /**
   * What the question was about, as written (names such as "Andy Hayman", or its rarest words
   * when it named nobody): the words a follow-up carries over.
   */
  subjects: string[];
  /** The articles its answer cited, first cited first. */
  articleIds: string[];
}

/** How a question reads in the light of the turns before it. */
export interface FollowUp {
  /** The question written out to stand alone; the question itself when nothing carried over. */
  standalone: string;
  /** The subjects carried over from the turn before; empty when the question stands alone. */
  carried: string[];
  /** What this question is about, for the turn after it. */
  subjects: string[];
  /** Articles to prefer: those the turn before cited, when its subject carried over. */
  preferArticles: string[];
}

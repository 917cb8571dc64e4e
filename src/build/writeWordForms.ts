import { writeFileSync } from 'node:fs';
import { deriveWordForms, WORD_FORMS_FILE } from '../search/lemmatize.js';

/**
 * Part of `npm run build`: writes WordNet's word forms as JSON beside the compiled code, so a
 * process reads them in a few milliseconds instead of evaluating wink-lexicon's JavaScript.
 */
writeFileSync(WORD_FORMS_FILE, JSON.stringify(deriveWordForms()));

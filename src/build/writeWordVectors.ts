import { writeFileSync } from 'node:fs';
import { deriveWordVectors, WORD_VECTORS_FILE } from '../search/wordVectors.js';

/**
 * Part of `npm run build`: writes the word vectors as bytes beside the compiled code, so a
 * process reads 10 MB in milliseconds instead of parsing the package's 300 MB of JSON.
 */
writeFileSync(WORD_VECTORS_FILE, deriveWordVectors());

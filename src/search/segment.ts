/**
 * @module Chinese word segmentation for the search index, around @node-rs/jieba (a prebuilt native
 * addon with its own 5 MB dictionary; nothing is fetched). The dictionary is loaded once, on the first
 * segmentation (about half a second), not when the module is imported, so that a command which never
 * searches never pays for it. Indexing cuts in search mode (cutForSearch: the words and the shorter
 * dictionary words inside the long ones, so 宅基地 is also found as 基地); a query is cut plainly (cut).
 * The HMM guesser of unknown words is off on both sides, so a text is cut the same way wherever it
 * occurs. Each word is then split into runs of letters and digits, the pieces SQLite's unicode61 and
 * PostgreSQL's parser keep as one token: the index holds whole tokens only, never a phrase.
 */
import { createRequire } from 'node:module';
import type { Jieba } from '@node-rs/jieba';

let loaded: Jieba | undefined;

function jieba(): Jieba {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // The package's README says '@node-rs/jieba/dict'; as a file it is dict.js.
    const { dict } = require('@node-rs/jieba/dict.js') as { dict: Uint8Array };
    loaded = JiebaClass.withDict(dict);
  }
  return loaded;
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

function tokensOf(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) for (const m of word.matchAll(TOKEN)) out.push(m[0].toLowerCase());
  return out;
}

/** The index's words of a text, in order, repeats kept: what the full-text tables are fed. */
export function indexTokens(text: string): string[] {
  return text === '' ? [] : tokensOf(jieba().cutForSearch(text, false));
}

/** The words a query word is looked up by: all of them must be in an item's index. */
export function queryTokens(word: string): string[] {
  return [...new Set(tokensOf(jieba().cut(word, false)))];
}

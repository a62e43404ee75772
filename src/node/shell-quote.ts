/** Moved to the pure core (scenario/shell-quote.ts), which the explorer's Export uses too; kept for the Node layer's imports. */
export { shellQuote } from '../scenario/shell-quote.ts';

// The one set of docxtemplater options, for checking and for filling alike. No `parser`:
// docxtemplater's default parser only looks a name up as an own property of the data (see
// README.md: a template never runs code; expression parsers such as angular-expressions are
// refused by design).
export const TEMPLATE_OPTIONS = {
  paragraphLoop: true, // {#x}…{/x} alone in their paragraphs drop the whole paragraph when false
  linebreaks: true, // a textarea's line breaks become Word line breaks
  delimiters: { start: '{', end: '}' },
  errorLogging: false, // problems are returned in Chinese, not printed
} as const;

/**
 * Folds text for forgiving search: case, accents and German umlaut spellings do not matter, so
 * "fuhrung", "fuehrung" and "Führung" all find "Führungszeugnis".
 */
export function foldForSearch(text: string): string {
  return text
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/([aou])e/g, '$1')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Every word of the query must occur somewhere in the text, in any order. */
export function matchesQuery(foldedText: string, query: string): boolean {
  return foldForSearch(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => foldedText.includes(word));
}

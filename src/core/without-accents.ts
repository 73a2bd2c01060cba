/** `Données été` → `Donnees ete`: letters without their combining accents, for ASCII names. */
export function withoutAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

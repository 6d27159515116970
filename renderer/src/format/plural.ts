/** "1 event", "2 events", "1,204 lots and serials": the count with the word that fits it. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

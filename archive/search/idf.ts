// lunr's inverse document frequency, shared by the scorer and related items.

export function idf(df: number, n: number): number {
  return Math.log(1 + Math.abs((n - df + 0.5) / (df + 0.5)));
}

/** "1 case", "5 cases", "0 cases". */
export function casesLabel(n: number): string {
  return `${n} ${n === 1 ? 'case' : 'cases'}`;
}

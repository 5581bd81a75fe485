/** One bench row with its goal beside the figure: `label  figure  goal …  met|MISSED`. */
export function goalRow(label: string, figure: string, goal: string, met: boolean): string {
  return `${label.padEnd(58)} ${figure.padStart(12)}   goal ${goal.padEnd(12)} ${met ? 'met' : 'MISSED'}`;
}

/**
 * Names and colours shared by the views: CAMEO quad classes, root codes, modality wording.
 */

export const QUAD_NAMES: Record<number, string> = {
  1: 'verbal cooperation',
  2: 'material cooperation',
  3: 'verbal conflict',
  4: 'material conflict',
};

/** Cooperation in greens/blues, conflict in oranges/reds; readable on white and by colour-blind readers. */
export const QUAD_COLORS: Record<number, string> = { 1: '#2b83ba', 2: '#1a9641', 3: '#fdae61', 4: '#d7191c' };

export function quadColor(q: number | null | undefined): string {
  return QUAD_COLORS[q ?? 0] ?? '#888888';
}

export const ROOT_NAMES: Record<string, string> = {
  '01': 'Make public statement', '02': 'Appeal', '03': 'Express intent to cooperate', '04': 'Consult',
  '05': 'Engage in diplomatic cooperation', '06': 'Engage in material cooperation', '07': 'Provide aid',
  '08': 'Yield', '09': 'Investigate', '10': 'Demand', '11': 'Disapprove', '12': 'Reject', '13': 'Threaten',
  '14': 'Protest', '15': 'Exhibit force posture', '16': 'Reduce relations', '17': 'Coerce', '18': 'Assault',
  '19': 'Fight', '20': 'Use unconventional mass violence',
};

export const ROOT_CODES = Object.keys(ROOT_NAMES);

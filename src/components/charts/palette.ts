/** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. */
export const PALETTE = {
  blue: '#0072B2',
  vermillion: '#D55E00',
  skyBlue: '#56B4E9',
  orange: '#E69F00',
  green: '#009E73',
  grey: '#6b7280',
  ink: '#1f2937',
} as const;

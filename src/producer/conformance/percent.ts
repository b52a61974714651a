/** `part` as a percentage of `whole`, to one decimal; 0 of nothing is 0 rather than NaN, for reports. */
export const percent = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

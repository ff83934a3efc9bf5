/**
 * The widget's only source of "now". Tests replace `clock.now` to pin the date (for example to a
 * DST-switch day); production code never does.
 */
export const clock = {
  now: (): Date => new Date(),
};

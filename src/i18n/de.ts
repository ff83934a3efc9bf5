/**
 * German messages: the primary language. Formal "Sie", plain words, as on a well-written public-service page.
 * Each feature owns one namespace; `Messages` (the type of this object) is what every other catalog must match.
 */
export const de = {
  calendar: {},
};

// Storage names that say nothing: a short hash of this site's address and what
// the entry is for, so no name is the same on two sites or reads as a word.
// guard.js and the service worker compute the same names with the same hash.

/** Return the neutral storage name of one kind of entry on this site. */
export function nameFor(what, origin = location.origin) {
  const text = `${origin}|${what}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

export const NAMES = {
  disguise: nameFor("d"),
  mode: nameFor("m"),
  locked: nameFor("l"),
  tries: nameFor("t"),
  open: nameFor("o"),
  left: nameFor("x"),
  db: nameFor("b"),
};

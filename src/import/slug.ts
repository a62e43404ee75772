/**
 * Ids for imported actors and issues: parley ids are lower-case letters, digits and dashes,
 * starting with a letter (schema.ts); the names in published data are anything ("EU (incl Norway)",
 * "STU/INTEL", "Act-1001"). The original name stays as the label.
 */
import { RESERVED_IDS } from '../scenario/semantic-checks.ts';

/**
 * "EU (incl Norway)" → "eu-incl-norway"; a name with no letters or digits gets `fallback`, and a
 * name whose slug is a reserved id ("Constructor" → "constructor") gets `fallback-` before it.
 */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug === '') return fallback;
  return /^[a-z]/.test(slug) && !RESERVED_IDS.has(slug) ? slug : `${fallback}-${slug}`;
}

/** Slugs made unique in order: a repeated slug gets "-2", "-3", … */
export function uniqueSlugs(names: readonly string[], fallback: string): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = slugify(name, fallback);
    let id = base;
    for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
    taken.add(id);
    return id;
  });
}

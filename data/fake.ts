import { hash } from './random.js';

type Faker = typeof import('@faker-js/faker/locale/en')['faker'];

let faker: Faker | undefined;

/**
 * Loads faker (the English locale only: the whole package imports several times slower). It is
 * loaded on demand, not at start-up: importing it costs a fifth of the mock's own import time,
 * and the default estate's values are all hand-picked.
 */
export async function loadFaker(): Promise<void> {
  faker ??= (await import('@faker-js/faker/locale/en')).faker;
}

/**
 * A realistic value from faker, seeded per entity and per field: the seed is derived from the
 * estate's seed, the entity's identity and the field's name, so adding a field or an entity never
 * changes any other value. Reseeding costs about a tenth of a millisecond, so it is kept to the
 * few values per site (descriptions, addresses, paths), never per VM or per run.
 */
export function fake<T>(seed: number, identity: string, field: string, make: (f: Faker) => T): T {
  if (!faker) throw new Error('faker is not loaded (await loadFaker() before generating such an estate)');
  faker.seed(hash(`${seed}/${identity}/${field}`));
  return make(faker);
}

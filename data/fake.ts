import { faker } from '@faker-js/faker/locale/en';

type Faker = typeof faker;
import { hash } from './random.js';

/**
 * Realistic values from faker, seeded per entity and per field: the seed is derived from the
 * estate's seed, the entity's identity and the field's name, so adding a field or an entity never
 * changes any other value. Reseeding faker costs about a tenth of a millisecond, so it is kept to
 * the few values per site (descriptions, addresses, paths), never per VM or per run. The English
 * locale only: the full package loads every locale and takes several times longer to import.
 */
export function fake<T>(seed: number, identity: string, field: string, make: (f: Faker) => T): T {
  faker.seed(hash(`${seed}/${identity}/${field}`));
  return make(faker);
}

import { base, en, Faker } from '@faker-js/faker';

/**
 * Realistic scalar values chosen by field name, parent type and GraphQL type, from a
 * seeded faker: the same seed always gives the same value, so mock data is stable
 * across requests, restarts and machines.
 */
const faker = new Faker({ locale: [en, base] });
const refDate = new Date('2025-06-01T00:00:00Z');
faker.setDefaultRefDate(refDate);

export function seedFrom(text: string): number {
  // FNV-1a: fast, stable, good enough to spread seeds
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function withSeed<T>(seed: string, make: (f: Faker) => T): T {
  faker.seed(seedFrom(seed));
  return make(faker);
}

type Rule = [RegExp, (f: Faker, typeName: string) => unknown];

const words = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const isoDate = (f: Faker) => f.date.between({ from: '2023-01-01T00:00:00Z', to: refDate }).toISOString();
const title = (f: Faker) => {
  const w = f.lorem.words({ min: 2, max: 5 });
  return w.charAt(0).toUpperCase() + w.slice(1);
};

const stringRules: Rule[] = [
  [/\be ?mail\b/, (f) => f.internet.email().toLowerCase()],
  [/\b(first ?name|given ?name)\b/, (f) => f.person.firstName()],
  [/\b(last ?name|family ?name|surname)\b/, (f) => f.person.lastName()],
  [/\b(user ?name|login|handle|nick ?name)\b/, (f) => f.internet.username()],
  [/\b(full ?name|display ?name|author|owner|customer)\b/, (f) => f.person.fullName()],
  [/\bname\b/, (f, t) => nameFor(f, t)],
  [/\b(avatar|image|photo|picture|thumbnail|logo|cover)\b/, (f) => f.image.url({ width: 640, height: 480 })],
  [/\b(url|website|link|homepage|href|uri)\b/, (f) => f.internet.url()],
  [/\b(phone|mobile|tel)\b/, (f) => f.phone.number({ style: 'international' })],
  [/\b(street|address|line ?1)\b/, (f) => f.location.streetAddress()],
  [/\bcity\b/, (f) => f.location.city()],
  [/\bcountry ?code\b/, (f) => f.location.countryCode()],
  [/\bcountry\b/, (f) => f.location.country()],
  [/\b(zip|postal ?code|post ?code)\b/, (f) => f.location.zipCode()],
  [/\bstate\b/, (f) => f.location.state()],
  [/\b(company|organization|org)\b/, (f) => f.company.name()],
  [/\b(job|position|role)\b/, (f) => f.person.jobTitle()],
  [/\b(colou?r)\b/, (f) => f.color.human()],
  [/\bcurrency\b/, (f) => f.finance.currencyCode()],
  [/\b(sku|code|reference)\b/, (f) => f.string.alphanumeric({ length: 8, casing: 'upper' })],
  [/\bslug\b/, (f) => f.lorem.slug(3)],
  [/\b(uuid|guid)\b/, (f) => f.string.uuid()],
  [
    /\b(created|updated|deleted|published|modified|started|ended)( at)?\b|\b(date|time|timestamp)\b|\bat$/,
    isoDate,
  ],
  [/\b(birthday|birth ?date|dob)\b/, (f) => f.date.birthdate().toISOString().slice(0, 10)],
  [/\b(title|headline|subject|label|heading)\b/, title],
  [
    /\b(description|body|text|content|comment|summary|bio|message|review|note|details)\b/,
    (f) => f.lorem.sentences({ min: 1, max: 3 }),
  ],
  [/\bstatus\b/, (f) => f.helpers.arrayElement(['active', 'pending', 'archived'])],
  [/\b(category|genre|department|type|kind|tag)\b/, (f) => f.commerce.department()],
  [/\b(language|locale)\b/, (f) => f.helpers.arrayElement(['en', 'de', 'fr', 'es', 'ja'])],
  [/\b(ip|ip ?address)\b/, (f) => f.internet.ipv4()],
];

function nameFor(f: Faker, typeName: string): string {
  const t = typeName.toLowerCase();
  if (/product|item|article|sku|good/.test(t)) return f.commerce.productName();
  if (/company|org|team|brand|vendor|seller|store|shop/.test(t)) return f.company.name();
  if (/city|location|place/.test(t)) return f.location.city();
  if (/country/.test(t)) return f.location.country();
  if (/category|department/.test(t)) return f.commerce.department();
  if (/user|person|customer|author|member|employee|account|profile/.test(t)) return f.person.fullName();
  return title(f);
}

const intRules: Rule[] = [
  [/\bage\b/, (f) => f.number.int({ min: 18, max: 90 })],
  [/\b(rating|stars|score)\b/, (f) => f.number.int({ min: 1, max: 5 })],
  [/\byear\b/, (f) => f.number.int({ min: 1990, max: 2025 })],
  [/\b(price|amount|cost|total|balance|cents)\b/, (f) => f.number.int({ min: 100, max: 100_000 })],
  [
    /\b(count|quantity|qty|stock|inventory|views|likes|size|length)\b/,
    (f) => f.number.int({ min: 0, max: 500 }),
  ],
  [/\b(percent|percentage)\b/, (f) => f.number.int({ min: 0, max: 100 })],
];

const floatRules: Rule[] = [
  [
    /\b(price|amount|cost|total|balance|subtotal|tax|fee)\b/,
    (f) => Number(f.commerce.price({ min: 1, max: 500 })),
  ],
  [/\b(rating|score|stars)\b/, (f) => f.number.float({ min: 1, max: 5, fractionDigits: 1 })],
  [/\blat(itude)?\b/, (f) => f.location.latitude()],
  [/\b(lng|lon|long|longitude)\b/, (f) => f.location.longitude()],
  [/\b(weight|mass)\b/, (f) => f.number.float({ min: 0.1, max: 50, fractionDigits: 2 })],
  [
    /\b(percent|ratio|rate|share|probability)\b/,
    (f) => f.number.float({ min: 0, max: 1, fractionDigits: 2 }),
  ],
];

function byRules(rules: Rule[], fieldName: string, typeName: string, f: Faker): unknown {
  const name = words(fieldName);
  for (const [re, make] of rules) if (re.test(name)) return make(f, typeName);
  return undefined;
}

// Seeding and generating costs tens of microseconds a value; the same seed always gives
// the same value, so repeated requests (a playground re-run, a benchmark) reuse them.
const cache = new Map<string, unknown>();
const CACHE_SIZE = 20_000;

/** A value for a scalar field: `scalar` is the GraphQL scalar's name. */
export function mockScalar(scalar: string, fieldName: string, typeName: string, seed: string): unknown {
  const key = `${scalar}\u0000${fieldName}\u0000${typeName}\u0000${seed}`;
  if (cache.has(key)) return cache.get(key);
  const value = generateScalar(scalar, fieldName, typeName, seed);
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
  return value;
}

/** A value for a scalar field: `scalar` is the GraphQL scalar's name. */
function generateScalar(scalar: string, fieldName: string, typeName: string, seed: string): unknown {
  return withSeed(seed, (f) => {
    switch (scalar) {
      case 'ID': {
        const owner = /^(.+?)_?(Id|ID|Ids|IDs)$/.exec(fieldName)?.[1] ?? typeName;
        return `${words(owner).replace(/ /g, '-')}-${f.number.int({ min: 1, max: 9999 })}`;
      }
      case 'String':
        return byRules(stringRules, fieldName, typeName, f) ?? f.lorem.words({ min: 1, max: 3 });
      case 'Int':
        return byRules(intRules, fieldName, typeName, f) ?? f.number.int({ min: 1, max: 1000 });
      case 'Float':
        return (
          byRules(floatRules, fieldName, typeName, f) ??
          f.number.float({ min: 0, max: 1000, fractionDigits: 2 })
        );
      case 'Boolean':
        return f.datatype.boolean();
      default:
        return customScalar(scalar, fieldName, typeName, f);
    }
  });
}

function customScalar(scalar: string, fieldName: string, typeName: string, f: Faker): unknown {
  const s = scalar.toLowerCase();
  if (s.includes('datetime') || s.includes('timestamp') || s === 'instant') return isoDate(f);
  if (s === 'date' || s === 'localdate') return isoDate(f).slice(0, 10);
  if (s === 'time' || s === 'localtime') return isoDate(f).slice(11, 19);
  if (s.includes('url') || s.includes('uri')) return f.internet.url();
  if (s.includes('email')) return f.internet.email().toLowerCase();
  if (s.includes('uuid')) return f.string.uuid();
  if (s.includes('json')) return JSON.stringify({ [f.lorem.word()]: f.lorem.word() });
  if (s.includes('bigint') || s.includes('long')) return String(f.number.int({ min: 1, max: 1_000_000 }));
  return byRules(stringRules, fieldName, typeName, f) ?? f.lorem.word();
}

export function pickIndex(length: number, seed: string): number {
  return withSeed(seed, (f) => f.number.int({ min: 0, max: Math.max(0, length - 1) }));
}

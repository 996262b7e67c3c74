import { hash, verify } from '@node-rs/argon2';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Verifies against a throwaway hash, so that an unknown email costs the same time as a
 * wrong password and response timing does not reveal which accounts exist.
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('switchyard-timing-equaliser');
  await verifyPassword(await dummy, password);
}

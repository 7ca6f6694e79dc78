/**
 * Makes a new actor signing key and prints both settings: `npm run actor-keys -- <id>`. The API gets
 * ACTOR_SIGNING_KEYS (private); workers get ACTOR_VERIFY_KEYS (public). To rotate, append to both lists.
 */
import { randomBytes } from 'node:crypto';
import { publicKeyOf } from '../schemas/engine/actor-signature';

const id = process.argv[2] ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
if (!/^[A-Za-z0-9_.-]+$/.test(id)) {
  console.error('usage: npm run actor-keys -- <id>   (the id: letters, digits, _ . -)');
  process.exit(2);
}
const seed = randomBytes(32);
const publicKey = Buffer.from(publicKeyOf(new Uint8Array(seed)), 'hex').toString('base64');
console.log(`ACTOR_SIGNING_KEYS=${id}:${seed.toString('base64')}`);
console.log(`ACTOR_VERIFY_KEYS=${id}:${publicKey}`);

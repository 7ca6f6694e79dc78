/** Prints an scrypt hash for the users file, parameters included: `npm run hash-password -- <password>`. */
import { hashPassword } from '../client/api/auth/passwords';

const password = process.argv[2];
if (!password) {
  console.error('usage: npm run hash-password -- <password>');
  process.exit(2);
}
hashPassword(password).then((hash) => console.log(hash));

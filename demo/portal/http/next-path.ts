// Where a sign-in may send the browser afterwards. Only a path on this portal is accepted: a target such as
// `//evil.com`, `/\evil.com`, `https://evil.com` or their percent-encoded spellings would make the login page an
// open redirect (a phishing aid that borrows the portal's address), so anything else goes to the home page.

const HOME = '/';
const PROBE_ORIGIN = 'http://portal.invalid';
// Undoing encodings more than this many times is not what a genuine link needs.
const MAX_DECODES = 3;

/** The text with percent-encoding undone until it no longer changes; null when it does not decode. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let i = 0; i < MAX_DECODES; i += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

function looksLocal(text: string): boolean {
  // Browsers drop tabs and newlines inside URLs and read `\` as `/`, so both would hide a `//host`.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(text)) return false;
  return text.startsWith('/') && !text.startsWith('//');
}

/** A local path (with query and fragment) to go to after signing in; anything else becomes "/". */
export function safeNextPath(next: string): string {
  if (!next) return HOME;
  const decoded = fullyDecoded(next);
  if (decoded === null || !looksLocal(next) || !looksLocal(decoded)) return HOME;
  let url: URL;
  try {
    url = new URL(next, PROBE_ORIGIN);
  } catch {
    return HOME;
  }
  if (url.origin !== PROBE_ORIGIN) return HOME;
  return `${url.pathname}${url.search}${url.hash}`;
}

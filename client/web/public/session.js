// Who is signed in, kept in this page's memory only. The session itself is the httpOnly cookie, which no script
// can read: a script injected into the page finds no token to steal, and a reload asks the server again.
let user = null;

export function getUser() {
  return user;
}

export function saveSession(signedIn) {
  user = signedIn;
}

export function clearSession() {
  user = null;
}

// Login and logout: the API sets the session cookie; the page only remembers who signed in, in memory.
import { api, ApiError, describeError } from './api.js';
import { h, replace } from './dom.js';
import { clearSession, getUser, saveSession } from './session.js';

/** The signed-in user, asking the server (by the cookie) when this page does not know yet; null if nobody. */
export async function currentUser() {
  const known = getUser();
  if (known) return known;
  try {
    const me = await api('GET', '/me');
    const user = me.user ?? me;
    saveSession(user);
    return user;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function renderLogin(main, onLoggedIn) {
  const error = h('p', { id: 'login-error', className: 'field-error', role: 'alert' });
  const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', {
    id: 'login-password',
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    {
      className: 'login card',
      'aria-labelledby': 'login-title',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        try {
          const result = await api('POST', '/auth/login', {
            username: username.value.trim(),
            password: password.value,
          });
          // The answer's token is for API clients; the page keeps none and relies on the cookie.
          saveSession(result.user);
          onLoggedIn(result.user);
        } catch (err) {
          error.textContent =
            err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : describeError(err);
        }
      },
    },
    h('h1', { id: 'login-title' }, 'Sign in to the inbox'),
    h('label', { for: 'login-username' }, 'Username'),
    username,
    h('label', { for: 'login-password' }, 'Password'),
    password,
    error,
    h('button', { type: 'submit' }, 'Log in'),
  );
  replace(main, form);
  username.focus();
}

export async function logout() {
  try {
    await api('POST', '/auth/logout');
  } catch {
    // Already logged out on the server: forgetting the session here is all that is left to do.
  }
  clearSession();
}

// Entry point: checks who is signed in, then routes #/inbox, #/task/:id, #/launch and #/run/:id.
import { describeError } from './api.js';
import { currentUser, logout, renderLogin } from './auth.js';
import { announce, h, replace } from './dom.js';
import { connectEvents, disconnectEvents } from './events.js';
import { renderLauncher, renderRun } from './launcher.js';
import { renderTaskDetail } from './task-detail.js';
import { renderTaskList } from './task-list.js';

const main = document.getElementById('app');
const account = document.getElementById('account');
const nav = document.getElementById('main-nav');
let user = null;
let cleanup = () => {};

function navigate(target) {
  if (typeof target === 'string') location.hash = target;
  else {
    const params = new URLSearchParams(Object.entries(target).filter(([, v]) => v !== '' && v !== undefined));
    location.hash = `#/inbox?${params}`;
  }
}

function drawAccount() {
  nav.hidden = !user;
  if (!user) return replace(account);
  replace(
    account,
    h(
      'span',
      { className: 'who' },
      `Signed in as ${user.displayName ?? user.username}`,
      user.roles?.length ? ` (${user.roles.join(', ')})` : '',
    ),
    h(
      'button',
      {
        type: 'button',
        className: 'secondary',
        onclick: async () => {
          await logout();
          user = null;
          disconnectEvents();
          route();
        },
      },
      'Log out',
    ),
  );
}

function route() {
  cleanup();
  cleanup = () => {};
  announce('');
  announce('', 'notice');
  drawAccount();
  if (!user) {
    renderLogin(main, (signedIn) => {
      user = signedIn;
      connectEvents();
      if (location.hash.startsWith('#/login') || !location.hash) location.hash = '#/inbox';
      else route();
    });
    return;
  }
  const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  const [, section, id] = path.split('/');
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.section === (section || 'inbox')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (section === 'task' && id) cleanup = renderTaskDetail(main, { id: decodeURIComponent(id), user });
  else if (section === 'launch') cleanup = renderLauncher(main, { params, navigate });
  else if (section === 'run' && id) cleanup = renderRun(main, { id: decodeURIComponent(id) });
  else cleanup = renderTaskList(main, { params, user, navigate });
  main.focus({ preventScroll: true });
}

window.addEventListener('hashchange', route);

currentUser()
  .then((found) => {
    user = found;
    if (user) connectEvents();
    route();
  })
  .catch((err) => {
    announce(describeError(err));
    route();
  });

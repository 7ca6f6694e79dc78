import { html, type SafeHtml } from './html';
import type { Ui } from './ui';

export interface LoginView {
  next: string;
  username?: string | undefined;
  error?: string | undefined;
  expired?: boolean | undefined;
  signedOut?: boolean | undefined;
}

export function loginBody(ui: Ui, view: LoginView): SafeHtml {
  return html`<h1>Sign in</h1>
${view.expired ? ui.alert('Your session has expired. Please sign in again.') : ''}
${view.signedOut ? ui.notice('You have been signed out.') : ''}
${view.error ? ui.alert(view.error) : ''}
${ui.form({
  action: '/login',
  name: 'Sign in',
  hidden: { next: view.next },
  fields: [
    { name: 'username', label: 'Username', value: view.username ?? '', autocomplete: 'username', required: true },
    { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', required: true },
  ],
  submit: 'Sign in',
})}`;
}

export function totpBody(ui: Ui, view: { next: string; error?: string | undefined }): SafeHtml {
  return html`<h1>Two-factor authentication</h1>
<p>Enter the 6-digit code from your authenticator app.</p>
${view.error ? ui.alert(view.error) : ''}
${ui.form({
  action: '/login/totp',
  name: 'Two-factor authentication',
  hidden: { next: view.next },
  fields: [
    { name: 'code', label: 'Authentication code', autocomplete: 'one-time-code', inputMode: 'numeric', required: true },
  ],
  submit: 'Verify',
})}`;
}

import { html } from './html';
import { renderPage } from './layout';
import type { Ui } from './ui';

/** The page a failing request shows (chaos or a real fault): nothing was saved, the clerk may retry. */
export function serverErrorPage(ui: Ui, reference: string): string {
  return renderPage(ui, {
    title: 'Server error',
    body: html`<h1>Internal Server Error</h1>${ui.alert(
      html`The system could not process your request (error reference <code>${reference}</code>). No changes were saved. Please try again.`,
    )}<p><a href="/">Back to the dashboard</a></p>`,
  });
}

export function notFoundPage(ui: Ui): string {
  return renderPage(ui, {
    title: 'Page not found',
    body: html`<h1>Page not found</h1>${ui.alert('The page you requested does not exist.')}<p><a href="/">Back to the dashboard</a></p>`,
  });
}

/**
 * Roundcube 1.5/1.6 (skins elastic and larry). Ids and names come from Roundcube's own
 * templates (skins/elastic/templates/compose.html) and PHP (program/actions/mail/compose.php):
 * they are part of its plugin/skin API and stable across versions; classes are the fallback.
 * Tested against a page saved from a real Roundcube 1.6 (test/extension/fixtures/).
 */
export const SEL = {
  /** Roundcube's own script (program/js/app.js or app.min.js), on every page incl. login. */
  appScript: 'script[src*="program/js/app"]',
  /** The login form's user field (templates/login.html). */
  loginUser: '#rcmloginuser',
  /** <body class="task-mail action-compose"> */
  composeBodyClass: 'action-compose',
  subject: '#compose-subject, input[name="_subject"]',
  /** Plain-text editor; in HTML mode TinyMCE hides it and edits #composebody_ifr. */
  body: '#composebody, textarea[name="_message"]',
  htmlEditorFrame: '#composebody_ifr, iframe[id$="_ifr"]',
  isHtml: 'input[name="_is_html"]',
  from: '#_from, select[name="_from"], input[name="_from"]',
  to: '#_to, textarea[name="_to"]',
  cc: '#_cc, textarea[name="_cc"]',
  bcc: '#_bcc, textarea[name="_bcc"]',
  /** Elastic's recipient widget sits right after the hidden textarea: <ul class="recipient-input">… */
  recipientWidget: 'ul.recipient-input',
  /** …and what is still being typed is in its <li class="input"><input>. */
  recipientWidgetInput: 'li.input input',
  /**
   * Send: `<button class="btn btn-primary send" onclick="return rcmail.command('send','',this,event)">`
   * in .formbuttons; elastic copies it into the header toolbar on small screens
   * (data-content-button), and larry has `a.button.send` in the toolbar.
   */
  sendButton: [
    'button.send[onclick*="command(\'send\'"]',
    'a.send[onclick*="command(\'send\'"]',
    '[onclick*="rcmail.command(\'send\'"]',
    '.formbuttons button.send',
  ].join(', '),
  attachmentItems: '#attachment-list > li, ul.attachmentslist > li',
  attachmentName: '.attachment-name',
  attachmentSize: '.attachment-size',
} as const;

/** Names reported in "bảo vệ chưa hoạt động" when a selector no longer matches. */
export const REQUIRED = ['subject', 'body', 'to', 'sendButton'] as const;

export {
  NotificationSchema,
  AUDIENCES,
  type Audience,
  type Notification,
  type NotificationKind,
  type NotificationOf,
  type Rendered,
} from './notification.js';
export { renderNotification } from './render.js';
export { resolveLocale, SUPPORTED_LOCALES, DEFAULT_LOCALE, type SupportedLocale } from './locales.js';
export { escapeHtml } from './html.js';

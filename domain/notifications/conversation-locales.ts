import type { SupportedLocale } from './locales.js';
import type { ConversationMessages } from './conversation-messages.js';
import { enUSConversation } from './conversation/en-us.js';
import { deDEConversation } from './conversation/de-de.js';
import { jaJPConversation } from './conversation/ja-jp.js';
import { zhCNConversation } from './conversation/zh-cn.js';

export const CONVERSATION_MESSAGES: Record<SupportedLocale, ConversationMessages> = {
  'en-US': enUSConversation,
  'de-DE': deDEConversation,
  'ja-JP': jaJPConversation,
  'zh-CN': zhCNConversation,
};

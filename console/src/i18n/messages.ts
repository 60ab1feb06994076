import { EN_US, type MessageKey } from './en-us.js';
import { ZH_CN } from './zh-cn.js';

/** Every locale has every key of en-US (the type checker holds them to it). */
export type Messages = Record<MessageKey, string>;

export const LOCALES = {
  'en-US': { name: 'English', messages: EN_US },
  'zh-CN': { name: '简体中文', messages: ZH_CN },
} as const;
export type Locale = keyof typeof LOCALES;

export const isLocale = (value: string): value is Locale => value in LOCALES;

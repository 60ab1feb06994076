import type { ConversationMessages } from '../conversation-messages.js';

export const jaJPConversation: ConversationMessages = {
  labels: { amount: 'ご提案の返金額', expires: 'ご提案の有効期限', offerStatus: '回答' },
  MESSAGE_TO_BUYER: {
    subject: ({ rma, sellerName }) =>
      `返品 ${rma} について${sellerName ?? '出品者'}からメッセージが届きました`,
    heading: '返品に関するメッセージ',
    intro: ({ rma, sellerName }) =>
      `${sellerName ?? '出品者'}から返品 ${rma} についてメッセージが届きました。`,
    bodyLabel: 'メッセージ',
    replyLink: '出品者に返信する',
    replyBy: ({ date }) => `返信用リンクは${date}まで有効で、1回のみご利用いただけます。`,
  },
  MESSAGE_TO_SELLER: {
    subject: ({ rma }) => `返品 ${rma} について購入者からメッセージが届きました`,
    heading: '購入者からのメッセージ',
    intro: ({ rma }) => `購入者から返品 ${rma} についてメッセージが届きました。`,
    bodyLabel: '購入者のメッセージ',
    howTo: ({ call }) => `返信するには ${call} を呼び出してください。`,
  },
  OFFER_MADE: {
    subject: ({ rma, amount }) => `返品 ${rma} について ${amount} のご提案`,
    heading: '出品者からご提案が届きました',
    intro: ({ rma, amount, sellerName }) =>
      `${sellerName ?? '出品者'}から、返品 ${rma} の解決として ${amount} の返金のご提案があります。`,
    keepItem: '商品はお手元に保管いただけます。返送の必要はありません。',
    sendBack: '商品は取り決めどおりご返送ください。',
    messageLabel: '出品者からのメッセージ',
    acceptLink: 'ご提案を確認して承諾する',
    declineLink: 'ご提案を確認して辞退する',
    expires: ({ date }) => `ご提案は${date}まで有効です。各リンクから開くページで回答を確定してください。`,
    safeToOpen: 'リンクを開いただけでは何も変わりません。ページのボタンを押すと確定します。',
  },
  OFFER_ANSWERED: {
    subject: {
      ACCEPTED: ({ rma, amount }) => `購入者が返品 ${rma} の ${amount} のご提案を承諾しました`,
      DECLINED: ({ rma, amount }) => `購入者が返品 ${rma} の ${amount} のご提案を辞退しました`,
      EXPIRED: ({ rma, amount }) => `返品 ${rma} の ${amount} のご提案は期限切れになりました`,
    },
    body: {
      ACCEPTED: ({ amount }) => `返金額は ${amount} になります（返金可能な残額が上限です）。`,
      DECLINED: () => '返品はこれまでどおり進みます。別のご提案を行うこともできます。',
      EXPIRED: () => '購入者から期限内に回答がありませんでした。返品はこれまでどおり進みます。',
    },
    keepItem:
      '購入者は商品を保管します。返品は返送なしの返金として処理され、未使用のラベルは無効化されます。',
  },
  OFFER_WITHDRAWN: {
    subject: ({ rma, amount }) => `返品 ${rma} についての ${amount} のご提案は取り下げられました`,
    heading: '出品者がご提案を取り下げました',
    intro: ({ rma, amount, sellerName }) =>
      `${sellerName ?? '出品者'}は、返品 ${rma} についての ${amount} の返金のご提案を取り下げました。ご提案のメールのリンクはご利用いただけなくなりました。`,
    carriesOn: '返品はこれまでどおり進みます。',
  },
  page: {
    title: 'ご返品',
    offerHeading: ({ rma }) => `返品 ${rma} へのご提案`,
    offerIntro: ({ amount }) => `出品者から、ご返品の解決として ${amount} の返金のご提案があります。`,
    confirmAccept: 'ご提案を承諾するにはボタンを押してください。承諾後は変更できません。',
    confirmDecline: 'ご提案を辞退するにはボタンを押してください。返品はこれまでどおり進みます。',
    acceptButton: 'ご提案を承諾する',
    declineButton: 'ご提案を辞退する',
    replyHeading: ({ rma }) => `返品 ${rma} への返信`,
    sellerWrote: '出品者のメッセージ',
    replyLabel: 'ご返信',
    replyHint: ({ max }) => `テキストのみ、${max}文字以内。`,
    replyButton: '返信を送信する',
    accepted: 'ご提案を承諾いただきありがとうございます。出品者に通知しました。返金をお待ちください。',
    declined: 'ご提案を辞退しました。出品者に通知しました。返品はこれまでどおり進みます。',
    replied: 'ありがとうございます。ご返信を出品者に送信しました。',
    errorHeading: 'このリンクはご利用いただけません',
    errors: {
      invalid: 'このリンクは無効です。メールに記載されたリンクをそのままお使いください。',
      expired: 'このリンクは有効期限が切れています。',
      used: 'このリンクはすでに使用されています。',
      answered: 'このご提案にはすでに回答済みです。',
      withdrawn: '出品者がこのご提案を取り下げました。',
      notNow: '返品の手続きが進んだため、このご提案は承諾できなくなりました。出品者にお問い合わせください。',
      badInput: '返信を送信できませんでした。1文字以上、上限以内で入力してください。',
      busy: 'この1時間にこの返品について送信されたメッセージが多すぎます。しばらくしてからお試しください。',
    },
  },
};

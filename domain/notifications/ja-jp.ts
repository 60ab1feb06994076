import { joinLargestFirst } from './address-parts.js';
import type { Messages } from './messages.js';

export const jaJP: Messages = {
  locale: 'ja-JP',
  separator: '：',
  greeting: {
    buyer: 'いつもご利用いただき、誠にありがとうございます。',
    seller: 'いつもご利用いただき、誠にありがとうございます。',
  },
  footer: {
    buyer:
      'このメールは返品に関する自動送信メールです。このメールにご返信いただいてもお答えできませんので、ご了承ください。',
    seller: 'このメールは返品管理サービスからの自動通知です。',
  },
  labels: {
    rma: 'RMA番号',
    orderId: '注文番号',
    returnId: '返品ID',
    buyerEmail: '購入者のメールアドレス',
    closureReason: '理由',
    carrier: '配送業者',
    trackingNumber: '追跡番号',
    shipBy: '発送期限',
    returnAddress: '返送先',
    refundAmount: '返金額',
    breakdown: '返金額の内訳',
    total: '返金合計',
  },
  closureReasons: {
    REFUND_WITHOUT_RETURN: '返品不要で返金済み',
    OUTSIDE_RETURN_WINDOW: '返品受付期間を過ぎています',
    OUTSIDE_POLICY: '出品者の返品ポリシーの対象外です',
    BUYER_DID_NOT_SHIP: '期限内に商品が返送されませんでした',
    REFUND_REJECTED: '返金が承認されませんでした',
    OTHER: 'その他の理由',
  },
  breakdownKinds: {
    ITEM: '商品代金',
    TAX: '税金',
    ORIGINAL_SHIPPING: 'ご注文時の配送料',
    RETURN_SHIPPING: '返品送料',
    RESTOCKING_FEE: '再入庫手数料',
    DEDUCTION: '控除額',
    CAP: 'お支払い額を上限とする調整',
    NEGOTIATED_ADJUSTMENT: 'お客様と合意した金額への調整',
  },
  address: (a, country) => [
    `〒${a.postalCode}`,
    joinLargestFirst([a.region, a.city, a.line1]),
    ...(a.line2 ? [a.line2] : []),
    a.name,
    country,
  ],
  carrierOnLabel: 'ラベルに記載の配送業者',
  contactSeller:
    'ご不明な点がございましたら、ご注文いただいたマーケットプレイスを通じて出品者にお問い合わせください。',

  RETURN_CLOSED: {
    subject: ({ rma }) => `返品リクエスト（${rma}）がクローズされました`,
    heading: '返品リクエストがクローズされました',
    intro: ({ rma, orderId, sellerName }) =>
      `注文番号 ${orderId} の返品リクエスト（${rma}）は、${sellerName ? `${sellerName} ` : '出品者'}によりクローズされました。`,
    commentLabel: ({ sellerName }) => `${sellerName ? `${sellerName} ` : '出品者'}からのメッセージ`,
    keepItem: '商品をご返送いただく必要はありません。',
  },
  RETURN_CANCELLED_BY_BUYER: {
    subject: ({ rma }) => `返品リクエスト（${rma}）が購入者によりキャンセルされました`,
    heading: '購入者が返品リクエストをキャンセルしました',
    intro: ({ rma, orderId }) =>
      `注文番号 ${orderId} の返品リクエスト（${rma}）は、購入者によりキャンセルされました。`,
    commentLabel: '購入者からのコメント',
    noAction: 'ご対応いただく必要はありません。',
  },
  RETURN_AUTHORIZED: {
    subject: ({ rma }) => `返品リクエスト（${rma}）が承認されました`,
    heading: '返品が承認されました',
    returnless:
      '商品の返送は不要です。商品はそのままお手元にお持ちください。返金手続きが完了しましたら、改めてメールでお知らせいたします。',
    instructions: ({ carrier, shipBy }) =>
      `下記の返品用ラベルを印刷して荷物に貼り付け、${shipBy}までに${carrier}にお渡しください。`,
    labelLink: '返品用ラベルを印刷する',
    includeRma: ({ rma }) => `RMA番号（${rma}）を荷物に同梱してください。`,
    next: '返品された商品が到着しましたら、メールでお知らせいたします。',
  },
  RETURN_RECEIVED: {
    subject: ({ rma }) => `返品（${rma}）の商品を受け取りました`,
    heading: '返品された商品が到着しました',
    body: ({ rma }) =>
      `返品（${rma}）の商品を出品者が受け取りました。これから商品の状態を確認し、返金手続きが完了しましたらメールでお知らせいたします。`,
  },
  REFUND_ISSUED: {
    subject: ({ rma, amount }) => `返品（${rma}）の返金（${amount}）手続きが完了しました`,
    heading: '返金手続きが完了しました',
    body: ({ rma, amount }) =>
      `返品（${rma}）について、${amount}をご購入時のお支払い方法に返金いたしました。`,
    timing:
      'ご利用の金融機関やカード会社によっては、返金がご利用明細に反映されるまで数営業日かかる場合があります。',
  },
  REFUND_REJECTED: {
    subject: ({ rma }) => `返品（${rma}）の返金に関するお知らせ`,
    heading: '返金は承認されませんでした',
    body: ({ rma }) => `出品者が返品（${rma}）を確認した結果、返金は承認されませんでした。`,
    reasonLabel: '出品者からの理由',
  },
  REFUND_APPROVAL_REQUIRED: {
    subject: ({ rma, amount }) => `【要承認】返品（${rma}）の返金（${amount}）`,
    heading: '承認待ちの返金があります',
    body: ({ rma, amount }) =>
      `返品（${rma}）の返金額${amount}は高額返金の基準額を超えているため、承認されるまで返金は行われません。`,
    howTo: ({ approve, reject }) =>
      `承認する場合は ${approve} を、却下する場合は ${reject} を呼び出してください。`,
  },
  DEADLINE_REMINDER: {
    subject: ({ rma, due }) => `【期限のお知らせ】返品（${rma}）の対応期限は${due}です`,
    heading: '返品の対応期限が近づいています',
    body: ({ rma, action, due }) => `返品（${rma}）について、${due}までに${action}をお願いします。`,
    actions: {
      RESPOND_TO_REQUEST: '返品リクエストの承認またはクローズ',
      ISSUE_LABEL: '返品ラベルの発行',
      REFUND_AFTER_RECEIPT: '返金',
      REFUND_BY_STATUTORY_DATE: '返金（法定期限）',
      SHIP_REPLACEMENT: '交換品の発送',
    },
    dueLabel: '期限',
    ruleLabel: 'ルール',
    details: ({ path }) => `ルールの数値と出典は GET ${path} で確認できます。`,
  },
  REFUND_ACTION_REQUIRED: {
    subject: {
      PAY_BY_HAND: ({ rma, amount }) => `【手動返金】返品（${rma}）の返金（${amount}）`,
      PAYOUT_REMINDER: ({ rma, amount }) => `【リマインダー】返品（${rma}）の返金（${amount}）が未払いです`,
      REFUND_FAILED: ({ rma, amount }) => `【返金失敗】返品（${rma}）の返金（${amount}）`,
    },
    body: {
      PAY_BY_HAND: ({ rma, amount }) =>
        `返品（${rma}）の返金${amount}は決済連携で支払えません。購入者へご自身で返金してください（マーケットプレイス上または振込）。`,
      PAYOUT_REMINDER: ({ rma, amount }) =>
        `返品（${rma}）の返金${amount}は2営業日お待ちいただいています。マーケットプレイスでは返品受領後2営業日以内の返金が求められます。`,
      REFUND_FAILED: ({ rma, amount }) =>
        `決済サービスが返品（${rma}）の返金${amount}を失敗としたため、購入者には返金されていません。対応が必要です。`,
    },
    failureReasonLabel: '理由',
    markPaid: ({ call }) => `返金後、支払いの参照番号を添えて ${call} を呼び出してください。`,
    retry: ({ call }) => `再度返金するには ${call} を呼び出してください。`,
  },
  REPLACEMENT_REQUESTED: {
    subject: ({ rma }) => `返品（${rma}）の交換品をお送りします`,
    heading: '交換品をお送りします',
    body: ({ rma }) => `返品（${rma}）について、返金の代わりに販売者が同じ商品をもう一度お送りします。`,
    itemsLabel: '交換する商品',
    next: '交換品の発送後、追跡番号をメールでお知らせします。',
  },
  REPLACEMENT_SHIPPED: {
    subject: ({ rma }) => `返品（${rma}）の交換品を発送しました`,
    heading: '交換品を発送しました',
    body: ({ rma }) => `販売者が返品（${rma}）の交換品を発送しました。`,
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    subject: ({ url }) => `Webhook エンドポイント ${url} を無効にしました`,
    heading: 'Webhook エンドポイントへのイベント送信を停止しました',
    body: ({ url, reason }) => `${url} への返品・返金イベントの送信を停止しました（${reason}）。`,
    howTo: ({ deliveries }) =>
      `失敗した配信は ${deliveries} で確認できます。そこで配信を再試行すると、エンドポイントは再び有効になります。`,
  },
};

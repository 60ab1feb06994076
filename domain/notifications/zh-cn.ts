import { joinLargestFirst } from './address-parts.js';
import type { Messages } from './messages.js';

export const zhCN: Messages = {
  locale: 'zh-CN',
  separator: '：',
  greeting: { buyer: '您好！', seller: '您好！' },
  footer: {
    buyer: '此邮件由系统自动发送，与您的退货有关，请勿直接回复。',
    seller: '此邮件是退货管理服务自动发送的通知。',
  },
  labels: {
    rma: '退货授权号（RMA）',
    orderId: '订单号',
    returnId: '退货 ID',
    buyerEmail: '买家邮箱',
    closureReason: '原因',
    carrier: '承运商',
    trackingNumber: '运单号',
    shipBy: '寄回截止日期',
    returnAddress: '退货地址',
    refundAmount: '退款金额',
    breakdown: '退款明细',
    total: '退款总额',
  },
  closureReasons: {
    REFUND_WITHOUT_RETURN: '已退款，无需退货',
    OUTSIDE_RETURN_WINDOW: '已超过退货期限',
    OUTSIDE_POLICY: '不符合卖家的退货政策',
    BUYER_DID_NOT_SHIP: '商品未在规定时间内寄回',
    REFUND_REJECTED: '退款申请未获批准',
    OTHER: '其他原因',
  },
  breakdownKinds: {
    ITEM: '商品金额',
    TAX: '税费',
    ORIGINAL_SHIPPING: '原订单运费',
    RETURN_SHIPPING: '退货运费',
    RESTOCKING_FEE: '重新入库费',
    DEDUCTION: '扣款',
    CAP: '调整（不超过实付金额）',
    NEGOTIATED_ADJUSTMENT: '与您协商一致的金额调整',
  },
  address: (a, country) => [
    country,
    joinLargestFirst([a.region, a.city, a.line1]),
    ...(a.line2 ? [a.line2] : []),
    a.name,
    `邮编：${a.postalCode}`,
  ],
  carrierOnLabel: '面单上注明的承运商',
  contactSeller: '如有疑问，请通过您下单的平台联系卖家。',

  RETURN_CLOSED: {
    subject: ({ rma }) => `您的退货申请 ${rma} 已关闭`,
    heading: '您的退货申请已关闭',
    intro: ({ rma, orderId, sellerName }) =>
      `${sellerName ? `${sellerName} ` : '卖家'}已关闭您针对订单 ${orderId} 提交的退货申请（${rma}）。`,
    commentLabel: ({ sellerName }) => (sellerName ? `${sellerName} 的留言` : '卖家留言'),
    keepItem: '您无需寄回商品。',
  },
  RETURN_CANCELLED_BY_BUYER: {
    subject: ({ rma }) => `退货申请 ${rma} 已被买家取消`,
    heading: '买家已取消退货申请',
    intro: ({ rma, orderId }) => `买家已取消订单 ${orderId} 的退货申请（${rma}）。`,
    commentLabel: '买家留言',
    noAction: '您无需进行任何操作。',
  },
  RETURN_AUTHORIZED: {
    subject: ({ rma }) => `您的退货申请 ${rma} 已获批准`,
    heading: '您的退货申请已获批准',
    returnless: '您无需寄回商品，请自行保留。退款将随后发放，退款完成后我们会通过邮件通知您。',
    instructions: ({ carrier, shipBy }) =>
      `请打印下方的退货面单，贴在包裹上，并于 ${shipBy} 前交给${carrier}。`,
    labelLink: '打印退货面单',
    includeRma: ({ rma }) => `请在包裹内附上退货授权号 ${rma}。`,
    next: '我们收到您的退货后，会通过邮件通知您。',
  },
  RETURN_RECEIVED: {
    subject: ({ rma }) => `我们已收到您的退货 ${rma}`,
    heading: '您的退货已送达',
    body: ({ rma }) =>
      `卖家已收到您的退货（${rma}），接下来将对商品进行检验。退款完成后，我们会通过邮件通知您。`,
  },
  REFUND_ISSUED: {
    subject: ({ rma, amount }) => `退货 ${rma} 的退款 ${amount} 已发放`,
    heading: '您的退款已发放',
    body: ({ rma, amount }) => `退货 ${rma} 的退款 ${amount} 已原路退回至您的支付账户。`,
    timing: '退款到账时间取决于您的银行或发卡机构，可能需要几个工作日才会显示在您的账单中。',
  },
  REFUND_REJECTED: {
    subject: ({ rma }) => `关于退货 ${rma} 退款的通知`,
    heading: '您的退款申请未获批准',
    body: ({ rma }) => `卖家已审核您的退货 ${rma}，未批准退款。`,
    reasonLabel: '卖家给出的原因',
  },
  REFUND_APPROVAL_REQUIRED: {
    subject: ({ rma, amount }) => `【待审批】退货 ${rma} 的退款 ${amount}`,
    heading: '有一笔退款等待您审批',
    body: ({ rma, amount }) =>
      `退货 ${rma} 的退款金额 ${amount} 超过了您设置的高额退款审批阈值，在您批准之前不会发放。`,
    howTo: ({ approve, reject }) => `如需批准，请调用 ${approve}；如需拒绝，请调用 ${reject}。`,
  },
  DEADLINE_REMINDER: {
    subject: ({ rma, due }) => `提醒：退货 ${rma} 的处理期限为 ${due}`,
    heading: '退货处理期限即将到来',
    body: ({ rma, action, due }) => `请在 ${due} 之前为退货 ${rma} ${action}。`,
    actions: {
      RESPOND_TO_REQUEST: '批准或关闭退货申请',
      ISSUE_LABEL: '签发退货标签',
      REFUND_AFTER_RECEIPT: '向买家退款',
      REFUND_BY_STATUTORY_DATE: '向买家退款（法定期限）',
      SHIP_REPLACEMENT: '寄出换货商品',
    },
    dueLabel: '截止时间',
    ruleLabel: '规则',
    details: ({ path }) => `调用 GET ${path} 可查看该规则的数值及其出处。`,
  },
  REFUND_ACTION_REQUIRED: {
    subject: {
      PAY_BY_HAND: ({ rma, amount }) => `【需手动退款】退货 ${rma} 的退款 ${amount}`,
      PAYOUT_REMINDER: ({ rma, amount }) => `【提醒】退货 ${rma} 的退款 ${amount} 尚未支付`,
      REFUND_FAILED: ({ rma, amount }) => `【退款失败】退货 ${rma} 的退款 ${amount}`,
    },
    body: {
      PAY_BY_HAND: ({ rma, amount }) =>
        `退货 ${rma} 的退款 ${amount} 无法通过支付连接发放，请您自行向买家退款（在平台内或通过转账）。`,
      PAYOUT_REMINDER: ({ rma, amount }) =>
        `退货 ${rma} 的退款 ${amount} 已等待两个工作日。平台要求在收到退货后两个工作日内完成退款。`,
      REFUND_FAILED: ({ rma, amount }) =>
        `支付服务商未能完成退货 ${rma} 的退款 ${amount}，买家尚未收到退款。此退货需要您处理。`,
    },
    failureReasonLabel: '原因',
    markPaid: ({ call }) => `付款后，请携带付款凭证号调用 ${call}。`,
    retry: ({ call }) => `如需重新退款，请调用 ${call}。`,
  },
  REPLACEMENT_REQUESTED: {
    subject: ({ rma }) => `您的退货 ${rma} 将获得换货`,
    heading: '您将收到换货商品',
    body: ({ rma }) => `针对您的退货 ${rma}，卖家将不退款，而是重新为您寄送相同的商品。`,
    itemsLabel: '换货商品',
    next: '换货商品寄出后，我们会通过电子邮件告知您物流单号。',
  },
  REPLACEMENT_SHIPPED: {
    subject: ({ rma }) => `您的退货 ${rma} 的换货商品已寄出`,
    heading: '换货商品已寄出',
    body: ({ rma }) => `卖家已寄出您的退货 ${rma} 的换货商品。`,
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    subject: ({ url }) => `您的 Webhook 端点 ${url} 已被停用`,
    heading: 'Webhook 端点不再接收事件',
    body: ({ url, reason }) => `我们已停止向 ${url} 发送退货和退款事件：${reason}。`,
    howTo: ({ deliveries }) => `请在 ${deliveries} 查看失败的投递；在那里重试一次投递即可重新启用该端点。`,
  },
};

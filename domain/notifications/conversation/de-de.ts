import type { ConversationMessages } from '../conversation-messages.js';

export const deDEConversation: ConversationMessages = {
  labels: { amount: 'Angebotene Erstattung', expires: 'Angebot gültig bis', offerStatus: 'Antwort' },
  MESSAGE_TO_BUYER: {
    subject: ({ rma, sellerName }) =>
      `${sellerName ?? 'Der Verkäufer'} hat Ihnen zur Rücksendung ${rma} geschrieben`,
    heading: 'Eine Nachricht zu Ihrer Rücksendung',
    intro: ({ rma, sellerName }) =>
      `${sellerName ?? 'Der Verkäufer'} hat Ihnen zu Ihrer Rücksendung ${rma} geschrieben.`,
    bodyLabel: 'Nachricht',
    replyLink: 'Dem Verkäufer antworten',
    replyBy: ({ date }) => `Der Antwort-Link gilt bis ${date} und kann einmal verwendet werden.`,
  },
  MESSAGE_TO_SELLER: {
    subject: ({ rma }) => `Der Käufer hat zur Rücksendung ${rma} geschrieben`,
    heading: 'Eine Nachricht des Käufers',
    intro: ({ rma }) => `Der Käufer hat zur Rücksendung ${rma} geschrieben.`,
    bodyLabel: 'Nachricht des Käufers',
    howTo: ({ call }) => `Zum Antworten rufen Sie ${call} auf.`,
  },
  OFFER_MADE: {
    subject: ({ rma, amount }) => `Ein Angebot über ${amount} zu Ihrer Rücksendung ${rma}`,
    heading: 'Der Verkäufer hat Ihnen ein Angebot gemacht',
    intro: ({ rma, amount, sellerName }) =>
      `${sellerName ?? 'Der Verkäufer'} bietet Ihnen für Ihre Rücksendung ${rma} eine Erstattung von ${amount} zur vollständigen Erledigung an.`,
    keepItem: 'Sie behalten den Artikel: Sie müssen nichts zurücksenden.',
    sendBack: 'Der Artikel wird wie vereinbart zurückgesendet.',
    messageLabel: 'Nachricht des Verkäufers',
    acceptLink: 'Angebot ansehen und annehmen',
    declineLink: 'Angebot ansehen und ablehnen',
    expires: ({ date }) =>
      `Das Angebot gilt bis ${date}. Jeder Link öffnet eine Seite, auf der Sie Ihre Antwort bestätigen.`,
    safeToOpen: 'Das Öffnen eines Links ändert nichts, bis Sie auf der Seite die Schaltfläche drücken.',
  },
  OFFER_ANSWERED: {
    subject: {
      ACCEPTED: ({ rma, amount }) =>
        `Der Käufer hat Ihr Angebot über ${amount} zur Rücksendung ${rma} angenommen`,
      DECLINED: ({ rma, amount }) =>
        `Der Käufer hat Ihr Angebot über ${amount} zur Rücksendung ${rma} abgelehnt`,
      EXPIRED: ({ rma, amount }) => `Ihr Angebot über ${amount} zur Rücksendung ${rma} ist abgelaufen`,
    },
    body: {
      ACCEPTED: ({ amount }) => `Die Erstattung beträgt ${amount} (höchstens der noch erstattbare Betrag).`,
      DECLINED: () => 'Die Rücksendung läuft weiter, wo sie war. Sie können ein neues Angebot machen.',
      EXPIRED: () =>
        'Der Käufer hat nicht rechtzeitig geantwortet. Die Rücksendung läuft weiter, wo sie war.',
    },
    keepItem:
      'Der Käufer behält den Artikel: Die Rücksendung wird als Erstattung ohne Rücksendung abgewickelt, ein unbenutztes Etikett wird storniert.',
  },
  OFFER_WITHDRAWN: {
    subject: ({ rma, amount }) =>
      `Das Angebot über ${amount} zu Ihrer Rücksendung ${rma} wurde zurückgezogen`,
    heading: 'Der Verkäufer hat sein Angebot zurückgezogen',
    intro: ({ rma, amount, sellerName }) =>
      `${sellerName ?? 'Der Verkäufer'} hat das Angebot über ${amount} zu Ihrer Rücksendung ${rma} zurückgezogen. Die Links in der E-Mail dazu funktionieren nicht mehr.`,
    carriesOn: 'Ihre Rücksendung läuft weiter wie bisher.',
  },
  page: {
    title: 'Ihre Rücksendung',
    offerHeading: ({ rma }) => `Angebot zu Ihrer Rücksendung ${rma}`,
    offerIntro: ({ amount }) =>
      `Der Verkäufer bietet Ihnen eine Erstattung von ${amount} zur vollständigen Erledigung Ihrer Rücksendung an.`,
    confirmAccept:
      'Um das Angebot anzunehmen, drücken Sie die Schaltfläche. Ihre Antwort ist danach endgültig.',
    confirmDecline:
      'Um das Angebot abzulehnen, drücken Sie die Schaltfläche. Ihre Rücksendung läuft wie bisher weiter.',
    acceptButton: 'Angebot annehmen',
    declineButton: 'Angebot ablehnen',
    replyHeading: ({ rma }) => `Antwort zu Ihrer Rücksendung ${rma}`,
    sellerWrote: 'Der Verkäufer schrieb',
    replyLabel: 'Ihre Antwort',
    replyHint: ({ max }) => `Reiner Text, höchstens ${max} Zeichen.`,
    replyButton: 'Antwort senden',
    accepted:
      'Vielen Dank: Sie haben das Angebot angenommen. Der Verkäufer wurde informiert, Ihre Erstattung folgt.',
    declined:
      'Sie haben das Angebot abgelehnt. Der Verkäufer wurde informiert; Ihre Rücksendung läuft wie bisher weiter.',
    replied: 'Vielen Dank: Ihre Antwort wurde an den Verkäufer gesendet.',
    errorHeading: 'Dieser Link kann nicht verwendet werden',
    errors: {
      invalid: 'Dieser Link ist ungültig. Bitte verwenden Sie den Link genau so, wie er in der E-Mail steht.',
      expired: 'Dieser Link ist abgelaufen.',
      used: 'Dieser Link wurde bereits verwendet.',
      answered: 'Dieses Angebot wurde bereits beantwortet.',
      withdrawn: 'Der Verkäufer hat dieses Angebot zurückgezogen.',
      notNow:
        'Dieses Angebot kann nicht mehr angenommen werden: Ihre Rücksendung ist weiter fortgeschritten. Bitte wenden Sie sich an den Verkäufer.',
      badInput:
        'Die Antwort konnte nicht gesendet werden: Bitte schreiben Sie mindestens ein Zeichen und nicht mehr als erlaubt.',
      busy: 'In der letzten Stunde wurden zu viele Nachrichten zu dieser Rücksendung gesendet. Bitte versuchen Sie es später erneut.',
    },
  },
};

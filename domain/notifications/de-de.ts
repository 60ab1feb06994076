import type { Messages } from './messages.js';

export const deDE: Messages = {
  locale: 'de-DE',
  separator: ': ',
  // "Guten Tag!" rather than "Guten Tag,": after a comma the first sentence would have to start in lower case.
  greeting: { buyer: 'Guten Tag!', seller: 'Guten Tag!' },
  footer: {
    buyer: 'Diese E-Mail wurde automatisch zu Ihrer Rücksendung versendet. Bitte antworten Sie nicht darauf.',
    seller: 'Dies ist eine automatische Benachrichtigung Ihres Retourenservices.',
  },
  labels: {
    rma: 'RMA-Nummer',
    orderId: 'Bestellnummer',
    returnId: 'Retouren-ID',
    buyerEmail: 'E-Mail-Adresse des Käufers',
    closureReason: 'Grund',
    carrier: 'Versanddienstleister',
    trackingNumber: 'Sendungsnummer',
    shipBy: 'Versand bis',
    returnAddress: 'Rücksendeadresse',
    refundAmount: 'Erstattungsbetrag',
    breakdown: 'So setzt sich Ihre Erstattung zusammen',
    total: 'Erstattung gesamt',
  },
  closureReasons: {
    REFUND_WITHOUT_RETURN: 'Erstattung ohne Rücksendung',
    OUTSIDE_RETURN_WINDOW: 'Die Rückgabefrist ist abgelaufen',
    OUTSIDE_POLICY: 'Der Artikel fällt nicht unter die Rückgabebedingungen des Verkäufers',
    BUYER_DID_NOT_SHIP: 'Der Artikel wurde nicht rechtzeitig zurückgeschickt',
    REFUND_REJECTED: 'Die Erstattung wurde abgelehnt',
    OTHER: 'Sonstiger Grund',
  },
  breakdownKinds: {
    ITEM: 'Artikelpreis',
    TAX: 'Steuer',
    ORIGINAL_SHIPPING: 'Ursprüngliche Versandkosten',
    RETURN_SHIPPING: 'Rücksendekosten',
    RESTOCKING_FEE: 'Wiedereinlagerungsgebühr',
    DEDUCTION: 'Abzug',
    CAP: 'Begrenzung auf den gezahlten Betrag',
    NEGOTIATED_ADJUSTMENT: 'Mit Ihnen vereinbarter Betrag',
  },
  address: (a, country) => [
    a.name,
    a.line1,
    ...(a.line2 ? [a.line2] : []),
    `${a.postalCode} ${a.city}`,
    ...(a.region ? [a.region] : []),
    country,
  ],
  carrierOnLabel: 'den auf dem Etikett genannten Versanddienstleister',
  contactSeller:
    'Bei Fragen wenden Sie sich bitte über den Marktplatz, auf dem Sie bestellt haben, an den Verkäufer.',

  RETURN_CLOSED: {
    subject: ({ rma }) => `Ihre Rücksendeanfrage ${rma} wurde geschlossen`,
    heading: 'Ihre Rücksendeanfrage wurde geschlossen',
    intro: ({ rma, orderId, sellerName }) =>
      `${sellerName ?? 'Der Verkäufer'} hat Ihre Rücksendeanfrage ${rma} zur Bestellung ${orderId} geschlossen.`,
    commentLabel: ({ sellerName }) =>
      sellerName ? `Nachricht von ${sellerName}` : 'Nachricht des Verkäufers',
    keepItem: 'Sie müssen den Artikel nicht zurückschicken.',
  },
  RETURN_CANCELLED_BY_BUYER: {
    subject: ({ rma }) => `Rücksendung ${rma} wurde vom Käufer storniert`,
    heading: 'Ein Käufer hat seine Rücksendeanfrage storniert',
    intro: ({ rma, orderId }) =>
      `Der Käufer hat die Rücksendeanfrage ${rma} zur Bestellung ${orderId} storniert.`,
    commentLabel: 'Kommentar des Käufers',
    noAction: 'Sie müssen nichts weiter unternehmen.',
  },
  RETURN_AUTHORIZED: {
    subject: ({ rma }) => `Ihre Rücksendung ${rma} wurde genehmigt`,
    heading: 'Ihre Rücksendung wurde genehmigt',
    returnless:
      'Sie müssen den Artikel nicht zurückschicken – bitte behalten Sie ihn. Ihre Erstattung folgt; wir benachrichtigen Sie per E-Mail, sobald sie veranlasst wurde.',
    instructions: ({ carrier, shipBy }) =>
      `Bitte drucken Sie das Rücksendeetikett unten aus, kleben Sie es auf Ihr Paket und übergeben Sie es bis zum ${shipBy} an ${carrier}.`,
    labelLink: 'Rücksendeetikett drucken',
    includeRma: ({ rma }) => `Bitte legen Sie dem Paket die RMA-Nummer ${rma} bei.`,
    next: 'Wir benachrichtigen Sie per E-Mail, sobald Ihre Rücksendung eingetroffen ist.',
  },
  RETURN_RECEIVED: {
    subject: ({ rma }) => `Ihre Rücksendung ${rma} ist eingegangen`,
    heading: 'Ihre Rücksendung ist eingetroffen',
    body: ({ rma }) =>
      `Der Verkäufer hat Ihre Rücksendung ${rma} erhalten und prüft nun den Artikel. Wir benachrichtigen Sie per E-Mail, sobald Ihre Erstattung veranlasst wurde.`,
  },
  REFUND_ISSUED: {
    subject: ({ rma, amount }) =>
      `Ihre Erstattung über ${amount} für die Rücksendung ${rma} wurde veranlasst`,
    heading: 'Ihre Erstattung wurde veranlasst',
    body: ({ rma, amount }) =>
      `Wir haben für Ihre Rücksendung ${rma} eine Erstattung über ${amount} auf Ihre ursprüngliche Zahlungsmethode veranlasst.`,
    timing:
      'Je nach Bank oder Kartenanbieter kann es einige Werktage dauern, bis die Gutschrift auf Ihrer Abrechnung erscheint.',
  },
  REFUND_REJECTED: {
    subject: ({ rma }) => `Information zur Erstattung für Ihre Rücksendung ${rma}`,
    heading: 'Ihre Erstattung wurde nicht genehmigt',
    body: ({ rma }) => `Der Verkäufer hat Ihre Rücksendung ${rma} geprüft und keine Erstattung genehmigt.`,
    reasonLabel: 'Begründung des Verkäufers',
  },
  REFUND_APPROVAL_REQUIRED: {
    subject: ({ rma, amount }) => `Freigabe erforderlich: Erstattung über ${amount} für Rücksendung ${rma}`,
    heading: 'Eine Erstattung wartet auf Ihre Freigabe',
    body: ({ rma, amount }) =>
      `Die Erstattung über ${amount} für die Rücksendung ${rma} liegt über Ihrem Schwellenwert für hohe Beträge und wird erst nach Ihrer Freigabe ausgezahlt.`,
    howTo: ({ approve, reject }) => `Zum Freigeben rufen Sie ${approve} auf, zum Ablehnen ${reject}.`,
  },
  DEADLINE_REMINDER: {
    subject: ({ rma, due }) => `Erinnerung: Frist für Rücksendung ${rma} endet am ${due}`,
    heading: 'Eine Frist für eine Rücksendung läuft bald ab',
    body: ({ rma, action, due }) => `Für die Rücksendung ${rma} müssen Sie bis ${due} ${action}.`,
    actions: {
      RESPOND_TO_REQUEST: 'die Anfrage genehmigen oder schließen',
      ISSUE_LABEL: 'das Rücksendeetikett ausstellen',
      REFUND_AFTER_RECEIPT: 'die Erstattung veranlassen',
      REFUND_BY_STATUTORY_DATE: 'die Erstattung veranlassen (gesetzliche Frist)',
      SHIP_REPLACEMENT: 'den Ersatz versenden',
    },
    dueLabel: 'Fällig bis',
    ruleLabel: 'Regel',
    details: ({ path }) => `Die Regel mit ihren Zahlen und ihrer Quelle zeigt GET ${path}.`,
  },
  REFUND_ACTION_REQUIRED: {
    subject: {
      PAY_BY_HAND: ({ rma, amount }) => `Erstattung selbst auszahlen: ${amount} für Rücksendung ${rma}`,
      PAYOUT_REMINDER: ({ rma, amount }) =>
        `Erinnerung: die Erstattung über ${amount} für Rücksendung ${rma} ist noch nicht ausgezahlt`,
      REFUND_FAILED: ({ rma, amount }) => `Erstattung fehlgeschlagen: ${amount} für Rücksendung ${rma}`,
    },
    body: {
      PAY_BY_HAND: ({ rma, amount }) =>
        `Die Erstattung über ${amount} für die Rücksendung ${rma} kann nicht über eine Zahlungsverbindung ausgezahlt werden: Bitte zahlen Sie sie dem Käufer selbst aus (im Marktplatz oder per Überweisung).`,
      PAYOUT_REMINDER: ({ rma, amount }) =>
        `Die Erstattung über ${amount} für die Rücksendung ${rma} wartet seit zwei Werktagen. Marktplätze erwarten Erstattungen innerhalb von zwei Werktagen nach Eingang der Rücksendung.`,
      REFUND_FAILED: ({ rma, amount }) =>
        `Der Zahlungsdienst hat die Erstattung über ${amount} für die Rücksendung ${rma} nicht ausgeführt; der Käufer hat kein Geld erhalten. Die Rücksendung braucht Ihre Aufmerksamkeit.`,
    },
    failureReasonLabel: 'Grund',
    markPaid: ({ call }) => `Sobald sie ausgezahlt ist, rufen Sie ${call} mit der Zahlungsreferenz auf.`,
    retry: ({ call }) => `Um sie erneut auszuzahlen, rufen Sie ${call} auf.`,
  },
  REPLACEMENT_REQUESTED: {
    subject: ({ rma }) => `Für Ihre Rücksendung ${rma} ist ein Ersatz unterwegs`,
    heading: 'Sie erhalten einen Ersatz',
    body: ({ rma }) =>
      `Statt einer Erstattung sendet Ihnen der Verkäufer für Ihre Rücksendung ${rma} dieselben Artikel erneut zu.`,
    itemsLabel: 'Zu ersetzende Artikel',
    next: 'Sobald der Ersatz versandt ist, senden wir Ihnen die Sendungsnummer per E-Mail.',
  },
  REPLACEMENT_SHIPPED: {
    subject: ({ rma }) => `Ihr Ersatz für die Rücksendung ${rma} wurde versandt`,
    heading: 'Ihr Ersatz wurde versandt',
    body: ({ rma }) => `Der Verkäufer hat den Ersatz für Ihre Rücksendung ${rma} versandt.`,
  },
  WEBHOOK_ENDPOINT_DISABLED: {
    subject: ({ url }) => `Ihr Webhook-Endpunkt ${url} wurde deaktiviert`,
    heading: 'Ein Webhook-Endpunkt erhält keine Ereignisse mehr',
    body: ({ url, reason }) =>
      `Wir senden keine Ereignisse zu Rücksendungen und Erstattungen mehr an ${url}: ${reason}.`,
    howTo: ({ deliveries }) =>
      `Was fehlschlug, sehen Sie unter ${deliveries}; eine dort wiederholte Zustellung aktiviert den Endpunkt wieder.`,
  },
};

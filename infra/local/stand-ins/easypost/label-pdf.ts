import bwipjs from 'bwip-js';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

/** An address as EasyPost holds it. */
export interface LabelAddress {
  name?: string;
  street1?: string;
  street2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: string;
}

export interface LabelContent {
  /** The seller's RMA, printed from the shipment's `options.print_custom_1`. */
  rma: string;
  /** The shipment's `reference` (our return id). */
  reference: string;
  from: LabelAddress;
  to: LabelAddress;
  carrier: string;
  service: string;
  trackingCode: string;
}

// The standard PDF fonts encode WinAnsi only: anything else (a Japanese address) prints as "?".
const printable = (text: string): string => text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');

const addressLines = (a: LabelAddress): string[] =>
  [a.name, a.street1, a.street2, [a.city, a.state, a.zip].filter(Boolean).join(' '), a.country]
    .filter((line): line is string => Boolean(line))
    .map(printable);

/**
 * A 4x6 inch return label, as a carrier's would read: carrier and service, the RMA, both addresses, and
 * the tracking number in words and as a Code 128 barcode a scanner reads.
 */
export const renderLabelPdf = async (label: LabelContent): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Return label ${label.rma}`);
  const page = pdf.addPage([288, 432]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = 405;
  const line = (text: string, size = 9, font = regular) => {
    page.drawText(printable(text), { x: 18, y, size, font, color: rgb(0, 0, 0) });
    y -= size + 4;
  };
  line(`${label.carrier} ${label.service}`, 16, bold);
  line('PREPAID RETURN LABEL', 9, bold);
  y -= 6;
  line(`RMA: ${label.rma}`, 12, bold);
  line(`Ref: ${label.reference}`, 8);
  y -= 6;
  line('FROM', 8, bold);
  for (const text of addressLines(label.from)) line(text);
  y -= 6;
  line('SHIP TO', 8, bold);
  for (const text of addressLines(label.to)) line(text, 11, bold);
  const png = await bwipjs.toBuffer({ bcid: 'code128', text: label.trackingCode, scale: 2, height: 14 });
  const barcode = await pdf.embedPng(png);
  const width = 252;
  const height = (barcode.height / barcode.width) * width;
  page.drawImage(barcode, { x: 18, y: 40, width, height: Math.min(height, 80) });
  page.drawText(`TRACKING #: ${printable(label.trackingCode)}`, { x: 18, y: 24, size: 10, font: bold });
  return pdf.save();
};

import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { create as createQr } from 'qrcode';
import { formatJoinCode } from './join-code';
import { joinLinks, JoinMaterial } from './join-material';
import { CONSENT_NOTICE_VERSION } from './notices';

// Noto Sans Devanagari ships as per-script subsets: Devanagari glyphs in one file, Latin in another. fontkit (inside
// pdfkit) shapes Devanagari (matras, conjuncts, reph), so each run of text is set in the font that has its glyphs.
const FONTS = {
  deva: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-400-normal.woff',
  latin: '@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-latin-400-normal.woff',
};
let fontCache: { deva: Buffer; latin: Buffer } | undefined;
function fonts() {
  fontCache ??= { deva: readFileSync(require.resolve(FONTS.deva)), latin: readFileSync(require.resolve(FONTS.latin)) };
  return fontCache;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const NAVY = '#0b3d91';
const INK = '#1a1a1a';
const MUTED = '#555555';

const LEVEL_NAMES: Record<string, { hi: string; en: string }> = {
  state: { hi: '', en: '' },
  district: { hi: 'ज़िला', en: 'District' },
  subdivision: { hi: 'अनुमंडल', en: 'Subdivision' },
  station: { hi: 'थाना', en: 'Police Station' },
  locality: { hi: '', en: '' },
};

type Doc = InstanceType<typeof PDFDocument>;

/** Splits text into runs of Devanagari and of everything else (Latin, digits, spaces, punctuation). */
function runs(text: string): { font: 'deva' | 'latin'; text: string }[] {
  const out: { font: 'deva' | 'latin'; text: string }[] = [];
  for (const ch of text) {
    const font = /\p{scx=Deva}|\u200c|\u200d/u.test(ch) ? 'deva' : 'latin';
    const last = out[out.length - 1];
    if (last?.font === font) last.text += ch;
    else out.push({ font, text: ch });
  }
  return out;
}

function widthOf(doc: Doc, text: string, size: number): number {
  return runs(text).reduce((w, r) => w + doc.font(r.font).fontSize(size).widthOfString(r.text), 0);
}

interface Box {
  x: number;
  width: number;
}
const PAGE: Box = { x: MARGIN, width: A4.width - 2 * MARGIN };

/** One line of mixed Hindi and English, centred in the box, shrunk to fit when a name is long. */
function line(doc: Doc, text: string, y: number, size: number, color = INK, box: Box = PAGE): number {
  const fitted = Math.min(size, (size * box.width) / Math.max(widthOf(doc, text, size), 1));
  let x = box.x + (box.width - widthOf(doc, text, fitted)) / 2;
  doc.fillColor(color);
  for (const r of runs(text)) {
    doc.font(r.font).fontSize(fitted).text(r.text, x, y, { lineBreak: false });
    x += doc.widthOfString(r.text);
  }
  return y + fitted * 1.45;
}

/** A QR code drawn as vector squares: sharp at any print size, no image decoding in the printer. */
function qr(doc: Doc, data: string, x: number, y: number, size: number) {
  const { modules } = createQr(data, { errorCorrectionLevel: 'M' });
  const quiet = 2;
  const cell = size / (modules.size + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c)) doc.rect(x + (c + quiet) * cell, y + (r + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

/**
 * The A4 poster a station prints and puts up: who runs the service, the place in Hindi and English, the join code in
 * large type, the SMS instruction for feature phones, QR codes for WhatsApp and Telegram, and how to leave.
 */
export async function renderJoinPoster(material: JoinMaterial): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    info: { Title: `JanSetu ${material.joinCode}`, Author: 'Bihar Police', Subject: 'JanSetu join poster' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('deva', fonts().deva);
  doc.registerFont('latin', fonts().latin);

  const j = material.jurisdiction;
  const level = LEVEL_NAMES[j.level] ?? { hi: '', en: '' };

  doc.rect(0, 0, A4.width, 118).fill(NAVY);
  line(doc, 'बिहार पुलिस • जनसेतु', 22, 34, '#ffffff');
  line(doc, 'Bihar Police • JanSetu', 72, 20, '#ffffff');

  let y = 140;
  y = line(doc, `${j.nameHi} ${level.hi}`.trim(), y, 40);
  y = line(doc, `${j.nameEn} ${level.en}`.trim(), y, 22, MUTED);
  y = line(doc, material.groupName, y + 2, 18, NAVY);
  y = line(doc, 'पुलिस की सूचनाएँ, अलर्ट और अफ़वाहों का सच — सीधे आपके फ़ोन पर', y + 6, 15);
  y = line(doc, 'Police alerts, rumour checks and safety advice — straight to your phone', y, 12, MUTED);

  y += 10;
  doc
    .roundedRect(MARGIN + 40, y, A4.width - 2 * MARGIN - 80, 128, 12)
    .lineWidth(3)
    .stroke(NAVY);
  line(doc, 'जुड़ने का कोड / Join code', y + 10, 16, NAVY);
  line(doc, formatJoinCode(material.joinCode), y + 32, 64, INK);
  y += 146;

  y = line(doc, `SMS भेजें / Send SMS:   ${material.sms.text}`, y, 26);
  const to = material.sms.number
    ? `${material.sms.number} पर / to ${material.sms.number}`
    : "अपने थाने के SMS नंबर पर / to your station's SMS number";
  y = line(doc, to, y, 15, MUTED);
  y = line(doc, `हिंदी में भी: ${material.sms.textHi}`, y + 2, 15, MUTED);

  const labels = { whatsapp: 'WhatsApp', telegram: 'Telegram' };
  const codes = joinLinks(material).map((c) => ({ label: labels[c.channel], link: c.link }));
  y += 10;
  if (codes.length) {
    const size = 150;
    const gap = 60;
    const total = codes.length * size + (codes.length - 1) * gap;
    let x = (A4.width - total) / 2;
    for (const c of codes) {
      qr(doc, c.link, x, y, size);
      line(doc, `${c.label}: स्कैन करें / scan`, y + size + 4, 13, INK, { x: x - 20, width: size + 40 });
      x += size + gap;
    }
    y += size + 30;
  }

  const footer = A4.height - 96;
  doc.rect(0, footer, A4.width, 96).fill('#f1f4fa');
  line(doc, 'बिहार पुलिस • आपका नंबर गुप्त रहता है • छोड़ने के लिए STOP भेजें', footer + 14, 16, INK);
  line(doc, 'Bihar Police • your number stays secret • send STOP to leave', footer + 40, 14, INK);
  line(doc, `JanSetu • notice ${CONSENT_NOTICE_VERSION}`, footer + 66, 9, MUTED);

  doc.end();
  return done;
}

import { inflateSync } from "node:zlib";

/**
 * The text of a PDF written with embedded (Identity-H) fonts, read the way a viewer copies it: every
 * stream inflated, the fonts' ToUnicode maps read, and the hex strings of the text operators
 * (Tj, TJ) turned back into characters. Written from the PDF format, not from the report code.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  const streams: string[] = [];
  const re = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf("endstream", start);
    if (end < 0) break;
    const head = raw.slice(Math.max(0, m.index - 300), m.index);
    let body = pdf.subarray(start, end);
    if (/FlateDecode/.test(head.slice(head.lastIndexOf("<<")))) {
      try {
        body = inflateSync(body);
      } catch {
        continue;
      }
    }
    streams.push(body.toString("latin1"));
    re.lastIndex = end + "endstream".length;
  }
  const map = new Map<number, string>();
  const hex = (h: string) => parseInt(h, 16);
  const utf16 = (h: string) => {
    const units: number[] = [];
    for (let i = 0; i < h.length; i += 4) units.push(hex(h.slice(i, i + 4)));
    return String.fromCharCode(...units);
  };
  for (const s of streams.filter((x) => x.includes("begincmap"))) {
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const p of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(hex(p[1]), utf16(p[2]));
    }
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const p of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const lo = hex(p[1]);
        const hi = hex(p[2]);
        if (p[3].startsWith("[")) {
          [...p[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, utf16(d[1])));
        } else {
          const base = hex(p[3].slice(1, -1));
          for (let c = lo; c <= hi; c++) map.set(c, String.fromCharCode(base + c - lo));
        }
      }
    }
  }
  const lines: string[] = [];
  for (const s of streams.filter((x) => /\bBT\b/.test(x))) {
    for (const bt of s.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = "";
      for (const op of bt[1].matchAll(/(\[(?:[^\]]*)\]|<[0-9a-fA-F]*>)\s*(TJ|Tj)/g)) {
        for (const h of op[1].matchAll(/<([0-9a-fA-F]*)>/g)) {
          for (let i = 0; i < h[1].length; i += 4) line += map.get(hex(h[1].slice(i, i + 4))) ?? "";
        }
      }
      lines.push(line);
    }
  }
  return lines.join("\n");
}

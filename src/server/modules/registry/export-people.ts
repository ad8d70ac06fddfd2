import ExcelJS from "exceljs";
import { inArray } from "drizzle-orm";
import { persons } from "../../db/schema/places";
import type { AppDeps } from "../../platform/deps";
import type { SignedInContext } from "../../platform/context";
import { writeAudit } from "../../platform/audit";
import { searchPeople } from "../people/search-people";

export const EXPORT_MAX = 50_000;
const RESIDENCE_NAMES = { registered: "户籍", resident: "常住", floating: "流动" } as const;

/**
 * Exports a filtered people list as .xlsx within the caller's scope. Phones and ID numbers are
 * masked unless the caller may unmask and gives a reason, which is audited with the row count.
 */
export async function exportPeople(
  deps: AppDeps,
  ctx: SignedInContext,
  filter: { q?: string; address?: string; tag?: string; areaId?: string },
  unmask: { reason: string } | null,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "邻里";
  const ws = wb.addWorksheet("人口信息", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = [
    { header: "姓名", key: "name", width: 10 },
    { header: "性别", key: "sex", width: 6 },
    { header: "年龄", key: "age", width: 6 },
    { header: "身份证号", key: "idNumber", width: 22 },
    { header: "手机号", key: "phone", width: 14 },
    { header: "住址", key: "address", width: 30 },
    { header: "社区", key: "community", width: 12 },
    { header: "网格", key: "grid", width: 14 },
    { header: "居住类型", key: "residence", width: 8 },
    { header: "标签", key: "tags", width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  let cursor: string | undefined;
  let count = 0;
  do {
    const page = await searchPeople(deps, ctx, { ...filter, cursor, limit: 200 });
    const plain = new Map<string, { idNumber: string; phone: string | null }>();
    if (unmask && page.items.length) {
      const rows = await deps.database.db
        .select({ id: persons.id, idNumberEnc: persons.idNumberEnc, phoneEnc: persons.phoneEnc })
        .from(persons)
        .where(inArray(persons.id, page.items.map((p) => p.id)));
      for (const r of rows) plain.set(r.id, { idNumber: deps.cipher.decrypt(r.idNumberEnc), phone: r.phoneEnc ? deps.cipher.decrypt(r.phoneEnc) : null });
    }
    for (const p of page.items) {
      const u = plain.get(p.id);
      ws.addRow({
        name: p.name,
        sex: p.sex === "M" ? "男" : "女",
        age: p.age,
        idNumber: u?.idNumber ?? p.idNumber,
        phone: u ? (u.phone ?? "") : (p.phone ?? ""),
        address: p.address ?? "",
        community: p.communityName,
        grid: p.gridName ?? "",
        residence: RESIDENCE_NAMES[p.residence],
        tags: p.tags.join("、"),
      });
    }
    count += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor && count < EXPORT_MAX);
  await deps.database.db.transaction((tx) =>
    writeAudit(tx, ctx, { action: unmask ? "person.export_unmasked" : "person.export", targetType: "person", after: { filter, rows: count }, reason: unmask?.reason ?? null }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Chinese names used in text the server writes (case descriptions, history titles, notices, the ledger). */
export const NEED_KIND_NAMES = { policy: "政策咨询", financing: "融资需求", hiring: "用工招聘", permits: "证照办理", premises: "经营场地", other: "其他诉求" } as const;
export const NEED_STATUS_NAMES = { open: "待办理", matched: "已对接", referred: "已转办", settled: "已办结" } as const;
export const RECTIFICATION_STATUS_NAMES = { issued: "整改中", closed: "已复查合格", escalated: "已移交部门" } as const;

/** The partner resource kind that answers a need kind (for the partner matching). */
export const RESOURCE_OF_NEED = { policy: "service", financing: "money", hiring: "staff", permits: "service", premises: "venue", other: undefined } as const;

/** The case category and department a need goes to when the community cannot settle it itself. */
export const REFERRAL_OF_NEED = {
  policy: { category: "other", department: "街道营商办" },
  financing: { category: "other", department: "街道营商办" },
  hiring: { category: "other", department: "人社所" },
  permits: { category: "other", department: "市场监管所" },
  premises: { category: "other", department: "街道营商办" },
  other: { category: "other", department: "街道营商办" },
} as const;

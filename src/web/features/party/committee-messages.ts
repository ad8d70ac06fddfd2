/**
 * UI texts of the 社区“两委” card (组织体系 tab of the 党建 page), under the `partyCommittees` key:
 * Simplified Chinese first, English typed against it so no key is missing.
 */
export const partyCommitteesZhCN = {
  title: "社区“两委”成员",
  summary: "在任 {{current}} 人，其中 {{secretaries}} 人兼任居民区党支部书记",
  add: "新增两委成员",
  end: "任期结束",
  endTitle: "结束任期",
  person: "人员",
  personSearch: "输入姓名或手机号后四位查找居民",
  committee: "所在委员会",
  committees: { party_committee: "社区党委", residents_committee: "居民委员会" },
  position: "职务",
  positionHint: "如：书记、副书记、主任、副主任、委员",
  fromOn: "任职起始",
  toOn: "任期结束",
  current: "在任",
  secretaryOf: "兼任党支部书记",
  masked: "姓名已脱敏显示",
  empty: "尚未登记两委成员",
};

export const partyCommitteesEn: typeof partyCommitteesZhCN = {
  title: "Community committee members (两委)",
  summary: "{{current}} in office; {{secretaries}} of them lead a residential branch",
  add: "Add a committee member",
  end: "End term",
  endTitle: "End the term",
  person: "Person",
  personSearch: "Find a resident by name or the last four digits of a phone",
  committee: "Committee",
  committees: { party_committee: "Party committee", residents_committee: "Residents' committee" },
  position: "Position",
  positionHint: "e.g. secretary, deputy secretary, chair, vice-chair, member",
  fromOn: "In office from",
  toOn: "Term ended",
  current: "In office",
  secretaryOf: "Also branch secretary of",
  masked: "Names are masked",
  empty: "No committee members recorded yet",
};
